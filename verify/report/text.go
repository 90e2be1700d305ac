package report

import (
	"fmt"
	"io"
)

// textWriter writes one finding per line, "file:line:col: severity: ID:
// message", the form editors and CI log scanners pick up, and the summary
// line on errOut.
type textWriter struct{}

func (textWriter) Write(out, errOut io.Writer, r *Report) error {
	for _, d := range r.Findings {
		if _, err := fmt.Fprintln(out, d.Error()); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(errOut, "hakit: %s\n", Summary(r))
	return err
}
