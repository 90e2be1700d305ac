// Package report writes the findings of `hakit verify` in one of several
// formats: text (the default, one finding per line), pretty (with source
// snippets), json, sarif (SARIF 2.1.0, for code-scanning services), junit
// (for CI test reports) and github (GitHub Actions workflow commands, which
// annotate a pull request). Each format is one file implementing Writer.
//
// Writers are deterministic (findings arrive sorted; nothing depends on the
// clock or map order) and never decide the exit code: that is the caller's,
// from Report.FailOn, the same whatever the format.
//
// This package must not parse, run rules, read files or exit.
package report
