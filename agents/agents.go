package agents

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"hakit/agents/internal/snapshot"
)

//go:embed snapshot.json
var snapshotJSON []byte

// Agent is one resource agent (class "ocf") or fence agent (class
// "stonith") as its metadata describes it.
type Agent struct {
	Class      string // "ocf" or "stonith"
	Provider   string // "heartbeat", "pacemaker", ...; "" for stonith
	Type       string // "IPaddr2", "fence_ipmilan", ...
	Version    string // the agent's own version, if it states one
	OCFVersion string // the metadata's OCF version ("1.0", "1.1"); "" for fence agents
	ShortDesc  string // first line of the short description
	Params     []Param
	Actions    []Action
}

// Param is one parameter (instance attribute) an agent or the fencer accepts.
type Param struct {
	Name      string
	Type      string // content type: string, integer, boolean, select, time, second, ...
	Default   string
	ShortDesc string
	// Deprecated is "" for a current parameter, otherwise the name(s) of its
	// replacement (comma-separated) when the metadata states one, or "yes".
	// Sources: OCF 1.1 <deprecated>/<replaced-with>, fence agents'
	// deprecated="1" with the replacement's obsoletes="...", and the word
	// "deprecated" in a short description.
	Deprecated  string
	Required    bool
	Unique      bool   // unique="1" (OCF 1.0)
	Reloadable  bool   // reloadable="1" (OCF 1.1)
	Advanced    bool   // Pacemaker's "advanced use only" (fencer parameters)
	UniqueGroup string // unique-group (OCF 1.1)
	Values      []string
}

// Action is one action an agent's metadata advertises, attributes verbatim.
type Action struct {
	Name, Timeout, Interval, Role, Depth, StartDelay string
}

// Option is one cluster option (a crm_config property).
type Option struct {
	Name      string
	Type      string // boolean, integer, time, select, string, ...
	Default   string
	ShortDesc string
	// Daemon is the Pacemaker daemon whose metadata lists the option, or
	// several joined by commas (no-quorum-policy is read by
	// pacemaker-controld and pacemaker-schedulerd).
	Daemon     string
	Values     []string // allowed values of a select/enum option
	Advanced   bool
	Deprecated bool
}

// SnapshotInfo describes the embedded snapshot.
type SnapshotInfo struct {
	OS       string            // the generating machine, from os-release
	Packages map[string]string // Debian package name -> version
	// Agents counts agents by "class:provider" ("ocf:heartbeat") or class
	// ("stonith").
	Agents         map[string]int
	ClusterOptions int
	FencerParams   int
	Skipped        []string // agents the generator could not read
}

type db struct {
	info    snapshot.Info
	agents  []*Agent
	byKey   map[key]*Agent
	options []Option
	fencer  []Param
}

type key struct{ class, provider, typ string }

var load = sync.OnceValue(func() *db {
	d, err := decode(snapshotJSON)
	if err != nil {
		panic(fmt.Sprintf("agents: embedded snapshot.json is corrupt, regenerate it with go generate ./agents/: %v", err))
	}
	return d
})

func decode(data []byte) (*db, error) {
	f, err := snapshot.Decode(data)
	if err != nil {
		return nil, err
	}
	d := &db{info: f.Info, byKey: make(map[key]*Agent, len(f.Agents))}
	for _, sa := range f.Agents {
		a := &Agent{
			Class: sa.Class, Provider: sa.Provider, Type: sa.Type,
			Version: sa.Version, OCFVersion: sa.OCFVersion, ShortDesc: sa.ShortDesc,
			Params: params(sa.Params),
		}
		for _, x := range sa.Actions {
			a.Actions = append(a.Actions, Action(x))
		}
		k := key{a.Class, a.Provider, a.Type}
		if d.byKey[k] != nil {
			return nil, fmt.Errorf("duplicate agent %s", a)
		}
		d.byKey[k] = a
		d.agents = append(d.agents, a)
	}
	for _, o := range f.Options {
		d.options = append(d.options, Option(o))
	}
	d.fencer = params(f.Fencer)
	return d, nil
}

func params(ps []snapshot.Param) []Param {
	out := make([]Param, 0, len(ps))
	for _, p := range ps {
		out = append(out, Param(p))
	}
	return out
}

// Lookup returns the agent class:provider:type. Class is "ocf" or
// "stonith"; provider is "" for stonith. Names are case-sensitive, as in
// Pacemaker.
func Lookup(class, provider, typ string) (*Agent, bool) {
	a, ok := load().byKey[key{class, provider, typ}]
	return a, ok
}

// All returns every agent, sorted by class, provider, type.
func All() []*Agent { return slices.Clone(load().agents) }

// ClusterOptions returns the cluster options, sorted by name.
func ClusterOptions() []Option { return slices.Clone(load().options) }

// ClusterOption returns the cluster option name.
func ClusterOption(name string) (*Option, bool) {
	opts := load().options
	i, ok := slices.BinarySearchFunc(opts, name, func(o Option, n string) int { return strings.Compare(o.Name, n) })
	if !ok {
		return nil, false
	}
	return &opts[i], true
}

// FencerParams returns the generic parameters pacemaker-fenced accepts on
// every stonith resource (pcmk_host_map, pcmk_host_list, pcmk_delay_max, ...)
// in metadata order.
func FencerParams() []Param { return slices.Clone(load().fencer) }

// Snapshot describes the embedded snapshot.
func Snapshot() SnapshotInfo {
	d := load()
	s := SnapshotInfo{
		OS:             d.info.OS,
		Packages:       maps.Clone(d.info.Packages),
		Agents:         map[string]int{},
		ClusterOptions: len(d.options),
		FencerParams:   len(d.fencer),
		Skipped:        slices.Clone(d.info.Skipped),
	}
	for _, a := range d.agents {
		k := a.Class
		if a.Provider != "" {
			k += ":" + a.Provider
		}
		s.Agents[k]++
	}
	return s
}

// Param returns the agent's parameter name.
func (a *Agent) Param(name string) (*Param, bool) {
	for i := range a.Params {
		if a.Params[i].Name == name {
			return &a.Params[i], true
		}
	}
	return nil, false
}

// Action returns the agent's first action called name.
func (a *Agent) Action(name string) (*Action, bool) {
	for i := range a.Actions {
		if a.Actions[i].Name == name {
			return &a.Actions[i], true
		}
	}
	return nil, false
}

// String returns the agent's Pacemaker name, "ocf:heartbeat:IPaddr2" or
// "stonith:fence_ipmilan".
func (a *Agent) String() string {
	if a.Provider == "" {
		return a.Class + ":" + a.Type
	}
	return a.Class + ":" + a.Provider + ":" + a.Type
}
