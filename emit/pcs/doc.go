// Package pcs writes the model as a shell script of pcs 0.11/0.12 commands
// that rebuilds the same configuration on an empty CIB ("pcs -f cib.xml")
// and, for the membership part, the "pcs cluster setup" command.
//
// Every id the model holds for a resource, constraint, operation, alert,
// recipient, fencing level or tag is passed to pcs explicitly, so a replay
// gives the same ids. Operations are written explicitly with
// --no-default-ops (pcs would otherwise add the agent's defaults). Fence
// passwords are never written: the script reads them from variables the
// operator sets (FENCE_PASSWORD_<DEVICE>).
//
// A top-level element pcs cannot express in full (a template, a second or
// rule-based attribute set, op meta attributes, legacy role names, node
// entries, ACLs, alert selects, fencing-level ids pcs would not choose, ...)
// is written instead as one raw CIB edit with cibadmin of the XML the CIB
// emitter (emit/cib) gives it, through a shell function that sets CIB_file
// to $CIB_FILE (by default the file of "pcs -f FILE" in Options.Command;
// empty means the live CIB); each such edit is reported as an HA3051 info.
// An element holding a fence password is never written raw: what pcs
// cannot express of it is left out with a comment in the script and an
// HA3051 warning (EmitWithReport).
//
// The output is deterministic. This package must not print, read files or
// change the model it is given.
package pcs
