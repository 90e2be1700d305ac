package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"hakit/model"
)

// prettyWriter writes each finding with the source line it concerns and the
// subject underlined (^~~~), its detail and related places; colours only
// when Report.Color is set (stdout is a terminal).
type prettyWriter struct{}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiGreen  = "\x1b[1;32m"
	ansiDim    = "\x1b[2m"
)

func (prettyWriter) Write(out, errOut io.Writer, r *Report) error {
	var b bytes.Buffer
	paint := func(code, s string) string {
		if !r.Color {
			return s
		}
		return code + s + ansiReset
	}
	for i, d := range r.Findings {
		if i > 0 {
			b.WriteByte('\n')
		}
		loc := "-"
		if d.Subject != nil {
			loc = d.Subject.String()
		}
		sevColor := ansiCyan
		switch d.Severity {
		case model.SeverityError:
			sevColor = ansiRed
		case model.SeverityWarning:
			sevColor = ansiYellow
		}
		fmt.Fprintf(&b, "%s: %s: %s: %s\n", paint(ansiBold, loc), paint(sevColor, d.Severity.String()), paint(ansiBold, d.Code), d.Summary)
		if d.Subject != nil {
			writeSnippet(&b, r, *d.Subject, func(s string) string { return paint(sevColor, s) }, func(s string) string { return paint(ansiDim, s) })
		}
		if d.Detail != "" {
			for _, l := range strings.Split(d.Detail, "\n") {
				fmt.Fprintf(&b, "      %s %s\n", paint(ansiDim, "="), l)
			}
		}
		for _, rel := range d.Related {
			fmt.Fprintf(&b, "      %s %s: %s\n", paint(ansiGreen, "note:"), rel.Subject.String(), rel.Message)
		}
	}
	if _, err := out.Write(b.Bytes()); err != nil {
		return err
	}
	_, err := fmt.Fprintf(errOut, "hakit: %s\n", Summary(r))
	return err
}

// writeSnippet prints the subject's first line with a gutter and the
// subject underlined: ^ at the start column, ~ up to the end column (or to
// the end of the line for subjects spanning lines).
func writeSnippet(b *bytes.Buffer, r *Report, rg model.Range, mark, dim func(string) string) {
	src, ok := r.Sources[rg.Filename]
	if !ok || rg.Start.Line < 1 {
		return
	}
	line, ok := sourceLine(src, rg.Start.Line)
	if !ok {
		return
	}
	line = strings.TrimRight(line, "\r")
	n := utf8.RuneCountInString(line)
	start := max(rg.Start.Column, 1)
	if start > n+1 {
		start = n + 1
	}
	end := n + 1
	if rg.End.Line == rg.Start.Line && rg.End.Column > start {
		end = min(rg.End.Column, n+1)
	}
	width := max(end-start, 1)
	// Keep tabs in the indentation so the marker lines up.
	var pad strings.Builder
	for i, ch := range []rune(line) {
		if i >= start-1 {
			break
		}
		if ch == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	gutter := fmt.Sprintf("%5d", rg.Start.Line)
	fmt.Fprintf(b, "%s %s %s\n", dim(gutter), dim("|"), line)
	fmt.Fprintf(b, "%s %s %s%s\n", strings.Repeat(" ", len(gutter)), dim("|"), pad.String(), mark("^"+strings.Repeat("~", width-1)))
}

func sourceLine(src []byte, n int) (string, bool) {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return "", false
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return string(src), true
}
