// Package verify is hakit's rule engine: the registry of rules (one file per
// family registers its rules from init, each rule a value with its ID, title,
// Markdown documentation, default severity and check), the engine that runs
// them (Run), the .hakit.yaml configuration (enable, disable, severity,
// fail-on, ignore) and inline suppressions ("# hakit:ignore HA1001 reason").
//
// Every diagnostic code any part of hakit can report is registered here as a
// Rule, including codes reported by parsers (Check == nil), so that `hakit
// rules` and `hakit explain` are complete and --disable works for every code.
//
// Output writers live in verify/report. The engine never reads input files,
// never parses (inputs arrive parsed, with their parser diagnostics), never
// prints and never exits; it imports no parser and nothing of cmd.
package verify
