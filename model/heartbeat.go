package model

// Heartbeat-specific parts of the model: ha.cf's typed timing, the v1
// haresources file and a hosts file read alongside (node name → address),
// all hung off Membership.Heartbeat.

// HeartbeatTime is one ha.cf time directive (keepalive, deadtime, warntime,
// initdead, deadping) in heartbeat's time syntax: a bare number is seconds,
// "ms"/"msec" milliseconds, "us"/"usec" microseconds.
type HeartbeatTime struct {
	Base
	Directive string `json:"directive"`
	// Value is the token as written.
	Value string `json:"value"`
	// Millis is the value in milliseconds; -1 when Value is not a valid
	// heartbeat time (heartbeat refuses to start).
	Millis int64 `json:"millis"`
}

// Valid reports whether t is present and a positive time.
func (t *HeartbeatTime) Valid() bool { return t != nil && t.Millis > 0 }

// HeartbeatTiming holds the last value of each ha.cf time directive; nil
// fields were not given (heartbeat's defaults apply).
type HeartbeatTiming struct {
	Keepalive *HeartbeatTime `json:"keepalive,omitempty"`
	Deadtime  *HeartbeatTime `json:"deadtime,omitempty"`
	Warntime  *HeartbeatTime `json:"warntime,omitempty"`
	Initdead  *HeartbeatTime `json:"initdead,omitempty"`
	Deadping  *HeartbeatTime `json:"deadping,omitempty"`
}

// Haresources is heartbeat v1's haresources file: one resource group per
// logical line, owned by its preferred node.
type Haresources struct {
	Base
	Lines []*HaresourcesLine `json:"lines,omitempty"`
}

// HaresourcesLine is one logical line (continuations joined): the preferred
// node, then the resources in start order.
type HaresourcesLine struct {
	Base
	// Node is the preferred node as written (heartbeat lower-cases it).
	Node      string                 `json:"node"`
	NodeRange Range                  `json:"node_range"`
	Resources []*HaresourcesResource `json:"resources,omitempty"`
}

// HaresourcesResource is one resource spec, "script::arg::arg" or a bare IP
// address (shorthand for IPaddr::spec).
type HaresourcesResource struct {
	Base
	// Agent is the script name before the first "::" ("IPaddr" for the IP
	// shorthand).
	Agent      string            `json:"agent"`
	AgentRange Range             `json:"agent_range"`
	Args       []*HaresourcesArg `json:"args,omitempty"`
	// Shorthand marks a bare IP address spec.
	Shorthand bool `json:"shorthand,omitempty"`
}

// HaresourcesArg is one "::"-separated positional argument.
type HaresourcesArg struct {
	Base
	Value string `json:"value"`
}

// HostsFile is an /etc/hosts-style file given to the heartbeat converter so
// it can find node addresses that ha.cf's bcast and mcast media do not name.
type HostsFile struct {
	Base
	Entries []*HostsEntry `json:"entries,omitempty"`
}

// HostsEntry is one "address name [alias...]" line.
type HostsEntry struct {
	Base
	Addr  string   `json:"addr"`
	Names []string `json:"names"`
}

// Lookup returns every address of name in file order (case-insensitive).
func (h *HostsFile) Lookup(name string) []*HostsEntry {
	if h == nil {
		return nil
	}
	var out []*HostsEntry
	for _, e := range h.Entries {
		for _, n := range e.Names {
			if equalFoldASCII(n, name) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// MergeHeartbeat combines the heartbeat blocks of the files of one cluster
// (ha.cf, haresources, hosts) field by field: each file fills what it has.
// It never modifies its arguments. model.Merge should call it for
// Membership.Heartbeat, since each file brings a different part.
func MergeHeartbeat(dst, src *Heartbeat) *Heartbeat {
	if dst == nil {
		return src
	}
	if src == nil {
		return dst
	}
	out := *dst
	if out.Range.IsZero() {
		out.Range = src.Range
	}
	out.Directives = append(append(Options(nil), dst.Directives...), src.Directives...)
	if out.Timing == nil {
		out.Timing = src.Timing
	}
	if out.Haresources == nil {
		out.Haresources = src.Haresources
	}
	if out.Hosts == nil {
		out.Hosts = src.Hosts
	}
	if out.ConfigFile == "" {
		out.ConfigFile = src.ConfigFile
	}
	return &out
}
