package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"hakit/model"
	"hakit/verify"
)

// Report is everything a writer may show.
type Report struct {
	// Findings are sorted (model.Diagnostics.Sort).
	Findings model.Diagnostics
	// Files are the input files checked, in the order given; formats that
	// list files (junit) list clean files too.
	Files []string
	// Sources maps a file name to its content, for snippets.
	Sources map[string][]byte
	// FailOn is the severity at which the run fails.
	FailOn model.Severity
	// Rule looks up a rule's documentation; nil means verify.Lookup.
	Rule func(id string) (*verify.Rule, bool)
	// Tool and Version name the producer (sarif, junit).
	Tool, Version string
	// BaseDir makes file names relative in SARIF URIs; "" leaves them.
	BaseDir string
	// Color enables ANSI colours (pretty, only on a terminal).
	Color bool
}

func (r *Report) lookup(id string) (*verify.Rule, bool) {
	if r.Rule != nil {
		return r.Rule(id)
	}
	return verify.Lookup(id)
}

func (r *Report) failLevel() model.Severity {
	if r.FailOn == 0 {
		return model.SeverityError
	}
	return r.FailOn
}

// Writer writes a report. Findings go to out; text also writes a summary
// line to errOut (so that `hakit verify > findings.txt` keeps the file
// clean).
type Writer interface {
	Write(out, errOut io.Writer, r *Report) error
}

var writers = map[string]Writer{
	"text":   textWriter{},
	"pretty": prettyWriter{},
	"json":   jsonWriter{},
	"sarif":  sarifWriter{},
	"junit":  junitWriter{},
	"github": githubWriter{},
}

// Names lists the formats, sorted with the default first.
func Names() []string {
	var ns []string
	for n := range writers {
		if n != "text" {
			ns = append(ns, n)
		}
	}
	sort.Strings(ns)
	return append([]string{"text"}, ns...)
}

// ByName returns the writer of a format; an unknown name is an error that
// lists the valid ones.
func ByName(name string) (Writer, error) {
	if w, ok := writers[name]; ok {
		return w, nil
	}
	return nil, fmt.Errorf("unknown output format %q (valid: %s)", name, strings.Join(Names(), ", "))
}

// Counts summarises findings by severity.
type Counts struct {
	Errors, Warnings, Infos int
}

// Count counts ds by severity.
func Count(ds model.Diagnostics) Counts {
	var c Counts
	for _, d := range ds {
		switch d.Severity {
		case model.SeverityError:
			c.Errors++
		case model.SeverityWarning:
			c.Warnings++
		default:
			c.Infos++
		}
	}
	return c
}

// Summary is the one-line summary: "2 errors, 1 warning in 3 files" or
// "no findings in 3 files".
func Summary(r *Report) string {
	c := Count(r.Findings)
	files := plural(len(r.Files), "file", "files")
	if len(r.Findings) == 0 {
		return "no findings in " + files
	}
	var parts []string
	if c.Errors > 0 {
		parts = append(parts, plural(c.Errors, "error", "errors"))
	}
	if c.Warnings > 0 {
		parts = append(parts, plural(c.Warnings, "warning", "warnings"))
	}
	if c.Infos > 0 {
		parts = append(parts, plural(c.Infos, "info", "infos"))
	}
	return strings.Join(parts, ", ") + " in " + files
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// fileOf returns the file a finding is about, "" when none.
func fileOf(d *model.Diagnostic) string {
	if d.Subject == nil {
		return ""
	}
	return d.Subject.Filename
}

// relPath makes p relative to base when it lies below it, with slashes.
func relPath(base, p string) string {
	if base != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}
