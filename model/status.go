package model

import (
	"encoding/json"
	"iter"
	"slices"
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
	Attrs OpAttrs `json:"attrs"`
}

// OpAttrs are an op's attributes in document order, read and changed like
// Attrs (Get, Value, Set; List for the list itself).
//
// The operation history is most of a large CIB (330,000 ops in a CIB of
// 10,000 resources on 32 nodes), so the attributes of an op read from a
// CIB stay the start tag's attribute text — a substring of the source,
// which the model shares anyway — instead of a list of name/value pairs,
// 600 bytes an op; List makes the list, Set turns the op's own into one.
type OpAttrs struct {
	list Attrs
	// text is ` name="value" ...` as in the source, when list is nil:
	// names without a prefix, values without references, '<' or CR.
	text string
	// hot are where the values of hotNames are in text (offset, length;
	// offset noValue when absent), so that the scheduler's reads do not
	// scan the text; all zero when not recorded (text of 64 KiB or more).
	hot [len(hotNames)][2]uint16
	// dup records that text gives a name twice (All then drops the
	// later ones); only when hot is recorded.
	dup bool
}

// hotNames are the attributes the scheduler reads of every op.
var hotNames = [...]string{"id", "operation", "interval", "rc-code", "op-status", "call-id",
	"transition-key", "transition-magic", "op-digest"}

const noValue = 0xFFFF

func hotIndex(name string) int {
	switch name {
	case "id":
		return 0
	case "operation":
		return 1
	case "interval":
		return 2
	case "rc-code":
		return 3
	case "op-status":
		return 4
	case "call-id":
		return 5
	case "transition-key":
		return 6
	case "transition-magic":
		return 7
	case "op-digest":
		return 8
	}
	return -1
}

// OpAttrsList returns the attributes as.
func OpAttrsList(as Attrs) OpAttrs { return OpAttrs{list: as} }

// OpAttrsText returns the attributes written in text, the attribute part
// of a start tag (` id="a" operation='start'`: whitespace before each name,
// optional around '='), with names without a namespace prefix and values
// without entity or character references, '<' or CR. The CIB parser uses it
// for the tags it read itself; anything else should use OpAttrsList.
func OpAttrsText(text string) OpAttrs {
	if text == "" {
		return OpAttrs{list: Attrs{}}
	}
	a := OpAttrs{text: text}
	if len(text) < noValue {
		for i := range a.hot {
			a.hot[i][0] = noValue
		}
		var names [32]string
		seen := names[:0]
		for i := 0; ; {
			n, v, next, ok := nextTextAttr(text, i)
			if !ok {
				break
			}
			if h := hotIndex(n); h >= 0 && a.hot[h][0] == noValue {
				a.hot[h] = [2]uint16{uint16(next - 1 - len(v)), uint16(len(v))}
			}
			if !a.dup && slices.Contains(seen, n) {
				a.dup = true
			}
			seen = append(seen, n)
			i = next
		}
	}
	return a
}

// nextTextAttr reads the attribute of text at i: its name, value and the
// offset after it; ok is false at the end.
func nextTextAttr(text string, i int) (name, value string, next int, ok bool) {
	for i < len(text) && isXMLSpace(text[i]) {
		i++
	}
	if i >= len(text) {
		return "", "", i, false
	}
	j := i
	for j < len(text) && text[j] != '=' && !isXMLSpace(text[j]) {
		j++
	}
	name = text[i:j]
	for j < len(text) && text[j] != '"' && text[j] != '\'' {
		j++
	}
	if j >= len(text) {
		return "", "", j, false
	}
	k := strings.IndexByte(text[j+1:], text[j])
	if k < 0 {
		return "", "", len(text), false
	}
	return name, text[j+1 : j+1+k], j + 2 + k, true
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// textHas reports whether attribute text has an attribute name.
func textHas(text, name string) bool {
	_, ok := textGet(text, name)
	return ok
}

func textGet(text, name string) (string, bool) {
	for i := 0; ; {
		n, v, next, ok := nextTextAttr(text, i)
		if !ok {
			return "", false
		}
		if n == name {
			return v, true
		}
		i = next
	}
}

// Get returns the value of name (the first, if given twice) and whether it
// is present.
func (a OpAttrs) Get(name string) (string, bool) {
	if a.list != nil || a.text == "" {
		return a.list.Get(name)
	}
	if a.hot[0][0] != 0 {
		if h := hotIndex(name); h >= 0 {
			off, n := a.hot[h][0], a.hot[h][1]
			if off == noValue {
				return "", false
			}
			return a.text[off : off+n], true
		}
	}
	return textGet(a.text, name)
}

// Value returns the value of name, or "" when absent.
func (a OpAttrs) Value(name string) string { v, _ := a.Get(name); return v }

// All yields the attributes in document order (one given twice once, with
// its first value), without making a list.
func (a OpAttrs) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		if a.list != nil || a.text == "" {
			for _, x := range a.list {
				if !yield(x.Name, x.Value) {
					return
				}
			}
			return
		}
		for i := 0; ; {
			n, v, next, ok := nextTextAttr(a.text, i)
			if !ok {
				return
			}
			if a.hot[0][0] != 0 && !a.dup || !textHas(a.text[:i], n) { // a later duplicate is dropped
				if !yield(n, v) {
					return
				}
			}
			i = next
		}
	}
}

// List returns the attributes as a list. It is the op's own only when the
// attributes were made from one or changed with Set: change them with Set.
func (a OpAttrs) List() Attrs {
	if a.list != nil || a.text == "" {
		return a.list
	}
	as := make(Attrs, 0, 24)
	for n, v := range a.All() {
		as = append(as, Attr{Name: n, Value: v})
	}
	return as
}

// Set replaces the value of name or appends it.
func (a *OpAttrs) Set(name, value string) {
	if a.list == nil {
		a.list, a.text, a.hot = a.List(), "", [len(hotNames)][2]uint16{}
	}
	a.list.Set(name, value)
}

// Len returns the number of attributes.
func (a OpAttrs) Len() int {
	n := 0
	for range a.All() {
		n++
	}
	return n
}

// Equal reports whether a and b hold the same attributes in the same
// order, however each keeps them (go-cmp calls it).
func (a OpAttrs) Equal(b OpAttrs) bool {
	x, y := a.List(), b.List()
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// MarshalJSON writes the attributes as the list of name/value objects
// Attrs is.
func (a OpAttrs) MarshalJSON() ([]byte, error) {
	l := a.List()
	if l == nil {
		l = Attrs{}
	}
	return json.Marshal(l)
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
