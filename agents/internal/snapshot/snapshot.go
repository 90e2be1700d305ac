package snapshot

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// Format is the version of the layout written by Encode.
const Format = 1

// File is a whole snapshot.
type File struct {
	Info    Info     `json:"info"`
	Options []Option `json:"options"`
	Fencer  []Param  `json:"fencer"`
	Agents  []Agent  `json:"agents"`
}

// Info records where a snapshot came from.
type Info struct {
	Format   int               `json:"format"`
	OS       string            `json:"os,omitempty"`
	Packages map[string]string `json:"packages,omitempty"` // Debian package -> version
	Skipped  []string          `json:"skipped,omitempty"`  // agents whose metadata could not be read
}

// Agent is one resource or fence agent.
type Agent struct {
	Class      string   `json:"class"`
	Provider   string   `json:"provider,omitempty"`
	Type       string   `json:"type"`
	Version    string   `json:"version,omitempty"`
	OCFVersion string   `json:"ocf,omitempty"`
	ShortDesc  string   `json:"desc,omitempty"`
	Params     []Param  `json:"params,omitempty"`
	Actions    []Action `json:"actions,omitempty"`
}

// Param is one instance attribute an agent accepts. Agent, Param, Action
// and Option have the field order of package agents' types, which convert
// from them.
type Param struct {
	Name        string   `json:"name"`
	Type        string   `json:"type,omitempty"`
	Default     string   `json:"default,omitempty"`
	ShortDesc   string   `json:"desc,omitempty"`
	Deprecated  string   `json:"deprecated,omitempty"`
	Required    bool     `json:"required,omitempty"`
	Unique      bool     `json:"unique,omitempty"`
	Reloadable  bool     `json:"reloadable,omitempty"`
	Advanced    bool     `json:"advanced,omitempty"`
	UniqueGroup string   `json:"unique_group,omitempty"`
	Values      []string `json:"values,omitempty"`
}

// Action is one action an agent advertises.
type Action struct {
	Name       string `json:"name"`
	Timeout    string `json:"timeout,omitempty"`
	Interval   string `json:"interval,omitempty"`
	Role       string `json:"role,omitempty"`
	Depth      string `json:"depth,omitempty"`
	StartDelay string `json:"start_delay,omitempty"`
}

// Option is one cluster option (crm_config property) of a Pacemaker daemon.
type Option struct {
	Name       string   `json:"name"`
	Type       string   `json:"type,omitempty"`
	Default    string   `json:"default,omitempty"`
	ShortDesc  string   `json:"desc,omitempty"`
	Daemon     string   `json:"daemon,omitempty"`
	Values     []string `json:"values,omitempty"`
	Advanced   bool     `json:"advanced,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"`
}

// CompareAgents orders agents by class, then provider, then type, byte-wise
// and case-sensitively (Pacemaker's agent names are case-sensitive).
func CompareAgents(a, b *Agent) int {
	return cmp.Or(
		cmp.Compare(a.Class, b.Class),
		cmp.Compare(a.Provider, b.Provider),
		cmp.Compare(a.Type, b.Type),
	)
}

// Normalize puts f into the canonical order Encode writes: agents sorted by
// CompareAgents, options by name, skipped names sorted. Parameters, actions
// and fencer parameters keep their metadata order. The sorts are stable, so
// equal keys keep their input order.
func Normalize(f *File) {
	slices.SortStableFunc(f.Agents, func(a, b Agent) int { return CompareAgents(&a, &b) })
	slices.SortStableFunc(f.Options, func(a, b Option) int { return cmp.Compare(a.Name, b.Name) })
	slices.Sort(f.Info.Skipped)
}

// Encode normalises f and writes it to w as JSON with one record per line.
func Encode(w io.Writer, f *File) error {
	Normalize(f)
	f.Info.Format = Format
	var b bytes.Buffer
	b.WriteString("{\"info\":")
	if err := marshal(&b, f.Info); err != nil {
		return err
	}
	if err := section(&b, "options", f.Options); err != nil {
		return err
	}
	if err := section(&b, "fencer", f.Fencer); err != nil {
		return err
	}
	if err := section(&b, "agents", f.Agents); err != nil {
		return err
	}
	b.WriteString("}\n")
	_, err := w.Write(b.Bytes())
	return err
}

func section[T any](b *bytes.Buffer, name string, recs []T) error {
	fmt.Fprintf(b, ",\n%q:[", name)
	for i, r := range recs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		if err := marshal(b, r); err != nil {
			return err
		}
	}
	b.WriteString("\n]")
	return nil
}

// marshal appends v's compact JSON without escaping <, > and & (metadata
// text is full of them and the file is never embedded in HTML).
func marshal(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	b.Truncate(b.Len() - 1) // the encoder's trailing newline
	return nil
}

// Decode reads a snapshot written by Encode.
func Decode(data []byte) (*File, error) {
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	if f.Info.Format != Format {
		return nil, fmt.Errorf("decode snapshot: format %d, want %d", f.Info.Format, Format)
	}
	return &f, nil
}
