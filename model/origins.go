package model

// The origin-specific blocks of Membership. Each is filled in by the parser of
// its format and read by that format's rules and converters.

// Corosync holds what only corosync.conf has beyond the common membership
// part (the file's top-level keys, the parsed dialect's quirks).
type Corosync struct {
	Base
	// TopLevel are keys outside any section (1.x "compatibility").
	TopLevel Options `json:"top_level,omitempty"`
}

// Heartbeat holds ha.cf's directives beyond the common membership part.
type Heartbeat struct {
	Base
	// Directives are every ha.cf directive in file order.
	Directives Options `json:"directives,omitempty"`
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
	// Options are key=value options in file order.
	Options Options `json:"options,omitempty"`
}
