// Package corosync reads corosync.conf of every dialect hakit knows: openais
// 0.80 (openais.conf), corosync 1.x, 2.x and 3.x, and lowers it into
// model.Membership (Origin "corosync", Version "0.80", "1", "2" or "3" as
// detected from the content).
//
// The syntax layer (grammar.go) is a participle/v2 grammar over a lexer
// that reads the file a line at a time as corosync's own parser
// (exec/coroparse.c) does: "#" comments only at the start of a line, a "{"
// anywhere opens a section, else the first ":" splits a key from its
// value, else a "}" closes. The grammar nests sections; lowering
// (syntax.go, lower.go) reads each line. Its quirks
// are reported, not hidden: text after "{", "key = value" lines, braces on
// their own line, UTF-8 non-breaking spaces, over-long lines, repeated
// sections that corosync merges silently, ringnumber under corosync 3.
//
// The package never prints, never exits and never panics: it returns a
// partial model and diagnostics in the HA40xx family. It must not check
// semantics that need more than one key (that is verify's job).
package corosync
