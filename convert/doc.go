// Package convert carries a cluster read from a legacy format (heartbeat,
// CMAN's cluster.conf, corosync 1.x/2.x) over to corosync 3 + Pacemaker: it
// turns the origin's native blocks of the model into a corosync-3 shaped
// model.Membership and a Pacemaker model.Configuration, and reports as
// diagnostics everything it could not carry over or that changes behaviour.
// Nothing is dropped silently.
//
// It works on the model only: no parsing, no I/O, no printing. Emitters then
// write the converted model faithfully.
package convert
