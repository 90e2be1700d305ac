// Package model is hakit's one typed model of a Linux-HA cluster: the Pacemaker
// configuration (everything a CIB's configuration section can hold), its status
// section, and the membership layer beneath it (corosync, heartbeat, CMAN, DLM).
//
// Every parser lowers into these types and every emitter, rule and the simulator
// reads them. Each element remembers the file range it came from (Base.Range);
// elements a conversion invents carry the range of the input that caused them.
//
// The package also owns the shared vocabulary of positions (Pos, Range) and
// findings (Diagnostic, Diagnostics).
//
// model imports nothing of hakit's own packages, does no I/O, never prints and
// never exits. Secrets (authkeys, corosync keys, fence passwords) are held in the
// Secret type, whose printed and marshalled forms are redacted.
package model
