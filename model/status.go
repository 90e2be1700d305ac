package model

import (
	"strconv"
	"strings"
)

// Status is the status section of a CIB: what the cluster last knew of each
// node and of each resource's operation history.
type Status struct {
	Base
	Nodes []*NodeState `json:"node_states,omitempty"`
	// Tickets are the ticket_state elements of <tickets>.
	Tickets     []*TicketState `json:"tickets,omitempty"`
	TicketsBase *Base          `json:"tickets_element,omitempty"`
	// NodesAfterTickets is the number of node_state elements after
	// <tickets> in the source (0: tickets last), so that the CIB is written
	// back in its own order.
	NodesAfterTickets int `json:"-"`
}

// NodeState is a node_state element.
type NodeState struct {
	Base
	// Attrs are all attributes of node_state (id, uname, in_ccm, crmd, join,
	// expected, crm-debug-origin, shutdown, ...), in document order.
	Attrs Attrs `json:"attrs"`
	// Transient is the transient_attributes element, nil when absent.
	Transient *TransientAttributes `json:"transient_attributes,omitempty"`
	// LRM is the lrm element, nil when absent.
	LRM *LRM `json:"lrm,omitempty"`
	// TransientFirst records that transient_attributes came before lrm in
	// the source, so that the CIB is written back in its own order.
	TransientFirst bool `json:"-"`
}

// ID returns the node id.
func (n *NodeState) ID() string { return n.Attrs.Value("id") }

// Uname returns the node name.
func (n *NodeState) Uname() string { return n.Attrs.Value("uname") }

// TransientAttributes holds a node's transient attribute sets (fail counts,
// last-failure, promotion scores, standby, shutdown, probe_complete, ...).
type TransientAttributes struct {
	Base
	ID   string   `json:"id,omitempty"`
	Sets []*NVSet `json:"sets,omitempty"`
}

// LRM is a node's executor history: lrm and its lrm_resources.
type LRM struct {
	Base
	ID string `json:"id,omitempty"`
	// ResourcesBase is the lrm_resources element, nil when absent.
	ResourcesBase *Base          `json:"resources_element,omitempty"`
	Resources     []*LRMResource `json:"resources,omitempty"`
}

// LRMResource is the history of one resource on one node.
type LRMResource struct {
	Base
	// Attrs are id, type, class, provider, container, ... in document order.
	Attrs Attrs    `json:"attrs"`
	Ops   []*LRMOp `json:"ops,omitempty"`
}

// ID returns the resource id (an instance id like "rsc:1" for clones).
func (r *LRMResource) ID() string { return r.Attrs.Value("id") }

// LRMOp is one lrm_rsc_op: the last result of one operation of one resource on
// one node. All attributes are kept in document order; the accessors read the
// ones the scheduler uses.
type LRMOp struct {
	Base
	Attrs Attrs `json:"attrs"`
}

// ID returns the op id, e.g. "rsc_monitor_10000".
func (o *LRMOp) ID() string { return o.Attrs.Value("id") }

// Operation returns the operation name (start, stop, monitor, promote, ...).
func (o *LRMOp) Operation() string { return o.Attrs.Value("operation") }

// IntervalMS returns the interval attribute in milliseconds.
func (o *LRMOp) IntervalMS() int { return atoiDefault(o.Attrs.Value("interval"), 0) }

// RC returns rc-code (0 when absent or invalid).
func (o *LRMOp) RC() int { return atoiDefault(o.Attrs.Value("rc-code"), 0) }

// OpStatus returns op-status (0 done, -1 pending, 1 cancelled, 2 timeout,
// 3 not supported, 4 error, ...).
func (o *LRMOp) OpStatus() int { return atoiDefault(o.Attrs.Value("op-status"), 0) }

// CallID returns call-id (-1 when absent or invalid: pending).
func (o *LRMOp) CallID() int { return atoiDefault(o.Attrs.Value("call-id"), -1) }

// TicketState is a ticket_state element.
type TicketState struct {
	Base
	Attrs Attrs `json:"attrs"`
}

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// IsTrue reads a Pacemaker boolean: true, on, yes, y, 1 (case-insensitive).
func IsTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "on", "yes", "y", "1":
		return true
	}
	return false
}

// IsBool reports whether s is a boolean Pacemaker accepts.
func IsBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "on", "yes", "y", "1", "false", "off", "no", "n", "0":
		return true
	}
	return false
}
