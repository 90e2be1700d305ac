// Package corpus runs the simulator over the Pacemaker scheduler regression
// corpus in ../shared/pacemaker-scheduler and scores it the way compare.py
// does. It is test and tooling support; it never prints.
package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"hakit/parsers"
	"hakit/sim"
)

// DateArgs are the four cases run with -t.
var DateArgs = map[string]string{
	"date-1": "2005-020",
	"date-2": "2005-020T12:30",
	"date-3": "2005-020T11:30",
	"origin": "2014-05-07 00:28:00",
}

// Case runs one corpus CIB with Pacemaker 2.1's semantics on the 2.1.5
// compat input and returns its result.
func Case(dir, name string) (res *sim.Result, err error) {
	return CaseFor(dir, name, "2.1")
}

// Input is the corpus directory a version is scored on: 2.1 on the 2.1.5
// compat inputs (oracle.json), 3.0 on the upstream ones
// (oracle-upstream.json).
func Input(version string) (xmlDir, oracle string) {
	if version == "3.0" {
		return "xml", "oracle-upstream.json"
	}
	return "xml-2.1.5-compat", "oracle.json"
}

// CaseFor runs one corpus CIB with the given Pacemaker version's semantics.
func CaseFor(dir, name, version string) (res *sim.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
			res = nil
		}
	}()
	// Read through the same front door as the CLI.
	xmlDir, _ := Input(version)
	in, err := parsers.ReadFile(filepath.Join(dir, xmlDir, name+".xml"))
	if err != nil {
		return nil, err
	}
	f, err := parsers.ByName("cib")
	if err != nil {
		return nil, err
	}
	_, c, _ := parsers.Parse(in, f)
	if c == nil {
		return nil, fmt.Errorf("%s: cib parser returned no model", name)
	}
	return sim.Run(c, &sim.Events{Time: DateArgs[name], Pacemaker: version})
}

// Names lists the cases of a tier ("core", "extended", "exotic").
func Names(dir, tier string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "tier-"+tier+".txt"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// Oracle is oracle.json.
type Oracle map[string]struct {
	Placement json.RawMessage `json:"placement"`
	Actions   json.RawMessage `json:"actions"`
}

// LoadOracle reads oracle.json.
func LoadOracle(dir string) (Oracle, error) { return LoadOracleFile(dir, "oracle.json") }

// LoadOracleFile reads an oracle file of the corpus directory.
func LoadOracleFile(dir, file string) (Oracle, error) {
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	var o Oracle
	return o, json.Unmarshal(b, &o)
}

// normPlacement drops empty role lists, as compare.py does.
func normPlacement(raw []byte) (any, error) {
	var p struct {
		Nodes     map[string]string              `json:"nodes"`
		Resources map[string]map[string][]string `json:"resources"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, err
	}
	res := map[string]map[string][]string{}
	for k, roles := range p.Resources {
		m := map[string][]string{}
		for r, ns := range roles {
			if len(ns) > 0 {
				ns = append([]string(nil), ns...)
				sort.Strings(ns)
				m[r] = ns
			}
		}
		if len(m) > 0 {
			res[k] = m
		}
	}
	if p.Nodes == nil {
		p.Nodes = map[string]string{}
	}
	return []any{p.Nodes, res}, nil
}

// normActions reduces actions to the fields compare.py compares (a missing
// field reads as null, blocked as false) and sorts them.
func normActions(raw []byte) ([]string, error) {
	var as []map[string]any
	if err := json.Unmarshal(raw, &as); err != nil {
		return nil, err
	}
	var out []string
	for _, a := range as {
		t := []any{}
		for _, k := range []string{"action", "resource", "node", "to_node", "role", "to_role"} {
			t = append(t, a[k])
		}
		blocked, _ := a["blocked"].(bool)
		t = append(t, blocked)
		b, _ := json.Marshal(t)
		out = append(out, string(b))
	}
	sort.Strings(out)
	return out, nil
}

// Match compares a result with the oracle entry: placement and actions.
func (o Oracle) Match(name string, res *sim.Result) (placement, actions bool) {
	e, ok := o[name]
	if !ok || res == nil {
		return false, false
	}
	got, _ := json.Marshal(res.Placement)
	a, err1 := normPlacement(got)
	b, err2 := normPlacement(e.Placement)
	placement = err1 == nil && err2 == nil && reflect.DeepEqual(a, b)
	gota, _ := json.Marshal(res.Actions)
	if res.Actions == nil {
		gota = []byte("[]")
	}
	x, err1 := normActions(gota)
	y, err2 := normActions(e.Actions)
	actions = err1 == nil && err2 == nil && reflect.DeepEqual(x, y)
	return placement, actions
}
