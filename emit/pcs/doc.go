// Package pcs writes the model as a shell script of pcs 0.11/0.12 commands
// that rebuilds the configuration on the target cluster and, for the
// membership part, the "pcs cluster setup" command (run when the script is
// given the argument "setup").
//
// The configuration part is a bulk edit, as pcs's documentation recommends:
// "pcs cluster cib FILE", every command with "-f FILE", and one "pcs
// cluster cib-push FILE --config" at the end, so nothing reaches the live
// CIB unless every command succeeded. Node entries and cluster property sets
// are merged with "cibadmin --modify" (the cluster may have created them),
// so the script runs on an empty CIB and on one that already holds its
// nodes. Attributes of <cib> itself (remote-tls-port, ...) are set after
// the push, on the live CIB.
//
// Every id the model holds for a resource, constraint, operation, alert,
// recipient, fencing level or tag is passed to pcs explicitly, so a replay
// gives the same ids. Operations are written explicitly with
// --no-default-ops, and the monitors pcs adds anyway are deleted again.
// Commands pcs would refuse without --force (remote and guest nodes,
// options outside the agent's metadata, a unique parameter's value used
// twice, ...) carry --force after a comment saying why. Fence passwords are
// never written: the script reads them from variables the operator sets
// (FENCE_PASSWORD_<DEVICE>).
//
// Sets of rsc_defaults and op_defaults are written with "pcs resource [op]
// defaults set create id=ID ... rule ..." where pcs can write the set and
// its rule exactly (see defaults.go). Location rules use pcs's rule grammar
// (date gt/lt, date in_range START to END|duration ..., date-spec ...,
// parentheses for a nested rule of the other boolean-op and score 0, as pcs
// builds one), and ACLs "pcs acl role create ID [description=...] (read|
// write|deny) (xpath X|id Y)...", "pcs acl user create" and "pcs acl group
// create". A top-level element pcs cannot express in full (a template, a
// second or rule-based attribute set of a resource or of the cluster
// properties, op meta attributes, legacy role names, legacy acl_user or an
// ACL permission with attribute/object-type/description, a nested rule with
// its own score, value-source, alert selects, constraints naming templates
// or tags, two operations with one name and interval, ...) is written
// instead as one raw cibadmin edit of FILE with the XML the CIB emitter
// (emit/cib) gives it, after a "# hakit:" comment in the script saying what
// pcs cannot express; each such edit is also reported as an HA3051 info. An element holding a fence password is
// never written raw: what pcs cannot express of it is left out with a
// comment in the script and an HA3051 warning (EmitWithReport).
//
// The output is deterministic. This package must not print, read files or
// change the model it is given.
package pcs
