package sim

// OpSpec is an operation event, rsc_op_interval@node=rc.
type OpSpec struct {
	Resource, Op string
	Interval     int // milliseconds
	Node         string
	RC           int
}

// ParseOpSpec reads an operation event as --op-fail and --op-inject take
// it; the error is an *EventError.
func ParseOpSpec(s string) (OpSpec, error) {
	rsc, op, interval, node, rc, err := parseOpSpec(s)
	return OpSpec{rsc, op, interval, node, rc}, err
}
