package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity ranks a diagnostic. The zero value is not a valid severity.
type Severity int

const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
)

func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "info", "note":
		return SeverityInfo, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("unknown severity %q (valid: info, warning, error)", s)
}

// MarshalText makes severities readable in JSON and YAML.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText is the inverse of MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Related points at a second place that explains a diagnostic, such as the
// first definition of a duplicated id.
type Related struct {
	Message string `json:"message"`
	Subject Range  `json:"subject"`
}

// Diagnostic is one finding: from a parser (syntax, lowering), a converter
// (what could not be carried over) or a rule.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Code is a stable identifier: a rule ID (e.g. "HA1001") or a parser's
	// code (e.g. "CIB-SYNTAX").
	Code    string    `json:"code"`
	Summary string    `json:"summary"`
	Detail  string    `json:"detail,omitempty"`
	Subject *Range    `json:"subject,omitempty"`
	Related []Related `json:"related,omitempty"`
}

// Error formats the diagnostic as file:line:col: severity: CODE: summary.
func (d *Diagnostic) Error() string {
	loc := "-"
	if d.Subject != nil {
		loc = d.Subject.String()
	}
	if d.Code == "" {
		return fmt.Sprintf("%s: %s: %s", loc, d.Severity, d.Summary)
	}
	return fmt.Sprintf("%s: %s: %s: %s", loc, d.Severity, d.Code, d.Summary)
}

// Diagnostics is a list of findings.
type Diagnostics []*Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity >= SeverityError {
			return true
		}
	}
	return false
}

// Errorf appends an error diagnostic at r and returns the list.
func (ds *Diagnostics) Errorf(r Range, code, format string, args ...any) {
	ds.add(SeverityError, r, code, format, args...)
}

// Warnf appends a warning diagnostic at r.
func (ds *Diagnostics) Warnf(r Range, code, format string, args ...any) {
	ds.add(SeverityWarning, r, code, format, args...)
}

// Infof appends an informational diagnostic at r.
func (ds *Diagnostics) Infof(r Range, code, format string, args ...any) {
	ds.add(SeverityInfo, r, code, format, args...)
}

func (ds *Diagnostics) add(sev Severity, r Range, code, format string, args ...any) {
	rr := r
	*ds = append(*ds, &Diagnostic{Severity: sev, Code: code, Summary: fmt.Sprintf(format, args...), Subject: &rr})
}

// Sort orders diagnostics by file, line, column, code and summary. It is
// stable, so equal keys keep the order they were found in.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b *Diagnostic) int {
		ra, rb := subjectOf(a), subjectOf(b)
		return cmp.Or(
			cmp.Compare(ra.Filename, rb.Filename),
			cmp.Compare(ra.Start.Line, rb.Start.Line),
			cmp.Compare(ra.Start.Column, rb.Start.Column),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Summary, b.Summary),
		)
	})
}

func subjectOf(d *Diagnostic) Range {
	if d.Subject == nil {
		return Range{}
	}
	return *d.Subject
}

// Error joins the diagnostics one per line, so a Diagnostics can be returned
// where an error is expected.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}
