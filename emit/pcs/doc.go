// Package pcs writes the model as a shell script of pcs 0.11/0.12 commands
// that rebuilds the same configuration on an empty CIB ("pcs -f cib.xml")
// and, for the membership part, the "pcs cluster setup" command.
//
// Every id the model holds for a resource, constraint, operation, alert,
// recipient, fencing level or tag is passed to pcs explicitly, so a replay
// gives the same ids. Operations are written explicitly with
// --no-default-ops (pcs would otherwise add the agent's defaults). Fence
// passwords are never written: the script reads them from variables the
// operator sets (FENCE_PASSWORD_<DEVICE>). What pcs cannot express is left
// out with a comment in the script and a diagnostic (EmitWithReport).
//
// The output is deterministic. This package must not print, read files or
// change the model it is given.
package pcs
