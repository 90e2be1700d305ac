// Package pcs reads shell scripts of pcs commands (pcs 0.10 to 0.12, with
// the pcs 0.9 spellings still found in old runbooks) into the model.
//
// The script is parsed as a shell program with mvdan.cc/sh/v3: quoting, line
// continuations, comments and "&&" chains are understood, while variables
// and command substitutions are never expanded (each is reported, naming
// what was left unexpanded). Every pcs command that defines configuration is
// then interpreted as pcs 0.11 would on an empty CIB ("pcs -f cib.xml ..."):
// resources with the operations pcs copies from the agent metadata (package
// agents), constraints, properties, defaults, fencing levels, alerts, tags
// and node attributes go into model.Configuration with the ids pcs would
// generate; "pcs cluster setup", "quorum update" and "quorum device add" go
// into a corosync-3 shaped model.Membership with Origin "pcs".
//
// What pcs rejects is rejected with an error diagnostic (codes HA3xxx,
// registered in verify/pcs.go) at the word that caused it; status and
// runtime commands and commands of other programs are reported and skipped.
//
// This package never runs pcs, a shell or any other program, never prints and
// never exits; Parse never panics.
package pcs
