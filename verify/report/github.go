package report

import (
	"fmt"
	"io"
	"strings"

	"hakit/model"
)

// githubWriter writes GitHub Actions workflow commands, one per finding:
//
//	::error file=cib.xml,line=9,col=5,endLine=9,endColumn=15,title=HA1001 no fencing device::message
//
// GitHub turns them into annotations on the pull request's diff. Errors
// become ::error, warnings ::warning, infos ::notice. File names are made
// relative to Report.BaseDir (the workspace), as the annotations need.
// Values are escaped as GitHub's toolkit does: % CR LF in the message, and
// also : and , in properties. The summary line goes to errOut, as text's.
type githubWriter struct{}

func (githubWriter) Write(out, errOut io.Writer, r *Report) error {
	var b strings.Builder
	for _, d := range r.Findings {
		cmd := "notice"
		switch d.Severity {
		case model.SeverityError:
			cmd = "error"
		case model.SeverityWarning:
			cmd = "warning"
		}
		var props []string
		if d.Subject != nil && d.Subject.Filename != "" {
			props = append(props, "file="+escapeProperty(relPath(r.BaseDir, d.Subject.Filename)))
			if s := d.Subject.Start; s.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", s.Line))
				if s.Column > 0 {
					props = append(props, fmt.Sprintf("col=%d", s.Column))
				}
				if e := d.Subject.End; e.Line >= s.Line {
					props = append(props, fmt.Sprintf("endLine=%d", e.Line))
					// GitHub reads endColumn inclusively and only on one line.
					if e.Line == s.Line && e.Column > s.Column+1 {
						props = append(props, fmt.Sprintf("endColumn=%d", e.Column-1))
					}
				}
			}
		}
		title := d.Code
		if rule, ok := r.lookup(d.Code); ok && rule.Title != "" {
			title += " " + rule.Title
		}
		if title != "" {
			props = append(props, "title="+escapeProperty(title))
		}
		msg := d.Summary
		if d.Code != "" {
			msg = d.Code + ": " + msg
		}
		if d.Detail != "" {
			msg += "\n" + strings.TrimRight(d.Detail, "\n")
		}
		for _, rel := range d.Related {
			msg += "\nnote: " + relPath(r.BaseDir, rel.Subject.String()) + ": " + rel.Message
		}
		b.WriteString("::" + cmd)
		if len(props) > 0 {
			b.WriteString(" " + strings.Join(props, ","))
		}
		b.WriteString("::" + escapeData(msg) + "\n")
	}
	if _, err := io.WriteString(out, b.String()); err != nil {
		return err
	}
	_, err := fmt.Fprintf(errOut, "hakit: %s\n", Summary(r))
	return err
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
