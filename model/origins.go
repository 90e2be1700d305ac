package model

// The origin-specific blocks of Membership. Each is filled in by the parser of
// its format and read by that format's rules and converters.

// Corosync holds what only corosync.conf has beyond the common membership
// part (the file's top-level keys, the parsed dialect's quirks).
type Corosync struct {
	Base
	// TopLevel are keys outside any section (1.x "compatibility").
	TopLevel Options `json:"top_level,omitempty"`
	// TotemVersion is totem.version as written; "" when the key is missing.
	TotemVersion string `json:"totem_version,omitempty"`
	// Keys are the keys the parser lowered into typed fields
	// (totem.cluster_name, totem.transport, totem.secauth, quorum.provider,
	// ...), named by their dotted cmap path, with the effective (last)
	// value and where it was written; sorted by name. Rules and converters
	// use them to point at the source of a typed value.
	Keys Options `json:"keys,omitempty"`
	// NodelistOptions are keys of the nodelist section outside any node.
	NodelistOptions Options `json:"nodelist_options,omitempty"`
	// Nested are sections found inside totem, nodelist or quorum that have
	// no typed place, kept with the dotted path of their parent.
	Nested []*CorosyncNested `json:"nested,omitempty"`
}

// Key returns the typed key called path (e.g. "totem.cluster_name").
func (c *Corosync) Key(path string) (*Option, bool) {
	if c == nil {
		return nil, false
	}
	return c.Keys.Get(path)
}

// CorosyncNested is a section inside totem, nodelist, quorum or
// quorum.device that hakit has no typed field for.
type CorosyncNested struct {
	// Parent is the dotted path of the enclosing section ("totem",
	// "nodelist", "quorum", "quorum.device").
	Parent  string   `json:"parent"`
	Section *Section `json:"section"`
}

// Heartbeat holds ha.cf's directives beyond the common membership part.
type Heartbeat struct {
	Base
	// Directives are every ha.cf directive in file order.
	Directives Options `json:"directives,omitempty"`
	// ConfigFile is the path of the ha.cf these directives came from ("" when
	// the cluster has no ha.cf, e.g. an authkeys or haresources file alone).
	ConfigFile string `json:"config_file,omitempty"`
	// Timing is the typed form of ha.cf's time directives.
	Timing *HeartbeatTiming `json:"timing,omitempty"`
	// Haresources is the v1 haresources file, when one was read.
	Haresources *Haresources `json:"haresources,omitempty"`
	// Hosts is a hosts file read alongside, for node addresses.
	Hosts *HostsFile `json:"hosts,omitempty"`
}

// CMAN holds cluster.conf's cman-, fence- and rgmanager-specific parts.
type CMAN struct {
	Base
	// Cman is the <cman> element with its <multicast>/<altmulticast>.
	Cman *CMANElement `json:"cman,omitempty"`
	// Totem is the <totem> element as written (also lowered into
	// Membership.Totem).
	Totem *CMANElement `json:"totem,omitempty"`
	// Nodes are the clusternodes' fencing, in document order.
	Nodes       []*CMANNode  `json:"nodes,omitempty"`
	FenceDaemon *CMANElement `json:"fence_daemon,omitempty"`
	FenceXVMD   *CMANElement `json:"fence_xvmd,omitempty"`
	DLM         *CMANElement `json:"dlm,omitempty"`
	GFSControld *CMANElement `json:"gfs_controld,omitempty"`
	Logging     *CMANElement `json:"logging,omitempty"`
	RM          *RGManager   `json:"rm,omitempty"`
	// Other are further top-level elements (unknown or vendor), kept.
	Other []*CMANElement `json:"other,omitempty"`
}

// DLM holds dlm.conf (or cluster.conf's <dlm>).
type DLM struct {
	Base
	// Options are key=value options in file order. A line without "="
	// is kept with an empty Value and Extra "form"="bare".
	Options Options `json:"options,omitempty"`
	// Devices are the device sections in file order (fencing priority).
	Devices []*DLMDevice `json:"devices,omitempty"`
	// Connects are every connect line, in file order; Device names the
	// device the line is for. A connect line outside a device section (after
	// a blank line) has Stray set: dlm_controld never reads it.
	Connects []*DLMConnect `json:"connects,omitempty"`
	// Unfence are the unfence lines of device sections.
	Unfence []*DLMUnfence `json:"unfence,omitempty"`
	// FenceAll is the fence_all line, nil when absent.
	FenceAll *DLMFenceAll `json:"fence_all,omitempty"`
	// Lockspaces are the lockspace lines with their master lines.
	Lockspaces []*DLMLockspace `json:"lockspaces,omitempty"`
	// Nodes are the "node id=N mark=V" lines.
	Nodes []*DLMNode `json:"nodes,omitempty"`
}

// DLMDevice is a "device <name> <agent> [key=val ...]" line.
type DLMDevice struct {
	Base
	Name  string `json:"name"`
	Agent string `json:"agent"`
	// Args are the key=val words after the agent; sensitive ones
	// (password=) hold a Secret.
	Args Options `json:"args,omitempty"`
}

// Parallel returns the base name of a parallel device ("foo" for "foo:1")
// and whether the name has that form.
func (d *DLMDevice) Parallel() (string, bool) {
	for i := 0; i < len(d.Name); i++ {
		if d.Name[i] == ':' {
			return d.Name[:i], true
		}
	}
	return d.Name, false
}

// DLMConnect is a "connect <device> node=<id> [key=val ...]" line.
type DLMConnect struct {
	Base
	Device string `json:"device"`
	// Node is the node= value; 0 when absent or not a number.
	Node uint32 `json:"node,omitempty"`
	// Args are all key=val words after the device name, node= included,
	// in order (a word without "=" has Extra "form"="bare").
	Args  Options `json:"args,omitempty"`
	Stray bool    `json:"stray,omitempty"`
	// Section is the name of the device section the line sits in when it
	// differs from Device (a mistake dlm_controld rejects); "" otherwise.
	Section string `json:"section,omitempty"`
}

// DLMUnfence is an "unfence <device>" line.
type DLMUnfence struct {
	Base
	Device string `json:"device"`
	// Section is as for DLMConnect; Stray marks a line outside any device
	// section.
	Section string `json:"section,omitempty"`
	Stray   bool   `json:"stray,omitempty"`
}

// DLMFenceAll is "fence_all <agent> [args]" and, on the next line,
// "unfence_all".
type DLMFenceAll struct {
	Base
	Agent      string  `json:"agent"`
	Args       Options `json:"args,omitempty"`
	UnfenceAll bool    `json:"unfence_all,omitempty"`
	// UnfenceRange is where unfence_all was written.
	UnfenceRange Range `json:"unfence_range,omitzero"`
}

// DLMLockspace is "lockspace <name> [nodir=1]" with its master lines.
type DLMLockspace struct {
	Base
	Name string `json:"name"`
	// Options are the key=val words of the lockspace line (nodir, ...).
	Options Options      `json:"options,omitempty"`
	Masters []*DLMMaster `json:"masters,omitempty"`
}

// NoDir reports whether nodir=1 is set.
func (l *DLMLockspace) NoDir() bool {
	v := l.Options.Value("nodir")
	return v != "" && v != "0"
}

// DLMMaster is "master <lockspace> node=<id> [weight=<n>]".
type DLMMaster struct {
	Base
	Node uint32 `json:"node"`
	// Weight is the weight= value; 0 when absent (dlm reads 1).
	Weight int `json:"weight,omitempty"`
	// Args are all key=val words after the lockspace name (node= and
	// weight= included), in order.
	Args Options `json:"args,omitempty"`
}

// DLMNode is "node id=N mark=V".
type DLMNode struct {
	Base
	ID uint32 `json:"id"`
	// Args are all key=val words of the line (id= and mark= included).
	Args Options `json:"args,omitempty"`
}
