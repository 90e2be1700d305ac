package report

import (
	"encoding/json"
	"io"
)

// jsonWriter writes one JSON document:
//
//	{
//	  "findings": [
//	    {"file": "cib.xml", "line": 12, "column": 5, "end_line": 12, "end_column": 16,
//	     "rule": "HA1001", "severity": "error", "message": "...", "detail": "...",
//	     "related": [{"file": "cib.xml", "line": 5, "column": 9, "message": "..."}]}
//	  ],
//	  "summary": {"files": 1, "findings": 1, "errors": 1, "warnings": 0, "infos": 0,
//	              "fail_on": "error", "failed": true}
//	}
//
// Lines and columns are 1-based, columns count Unicode code points, the end
// is exclusive; position fields are omitted (0) when the finding has none.
// detail and related are omitted when empty. findings is [] when clean.
type jsonWriter struct{}

// JSONFinding is one finding in the json format.
type JSONFinding struct {
	File      string        `json:"file,omitempty"`
	Line      int           `json:"line,omitempty"`
	Column    int           `json:"column,omitempty"`
	EndLine   int           `json:"end_line,omitempty"`
	EndColumn int           `json:"end_column,omitempty"`
	Rule      string        `json:"rule"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	Detail    string        `json:"detail,omitempty"`
	Related   []JSONRelated `json:"related,omitempty"`
}

// JSONRelated is a second place a finding points at.
type JSONRelated struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// JSONSummary counts the findings.
type JSONSummary struct {
	Files    int    `json:"files"`
	Findings int    `json:"findings"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Infos    int    `json:"infos"`
	FailOn   string `json:"fail_on"`
	Failed   bool   `json:"failed"`
}

// JSONReport is the whole json document.
type JSONReport struct {
	Findings []JSONFinding `json:"findings"`
	Summary  JSONSummary   `json:"summary"`
}

func (jsonWriter) Write(out, _ io.Writer, r *Report) error {
	doc := JSONReport{Findings: []JSONFinding{}}
	for _, d := range r.Findings {
		f := JSONFinding{Rule: d.Code, Severity: d.Severity.String(), Message: d.Summary, Detail: d.Detail}
		if s := d.Subject; s != nil {
			f.File = s.Filename
			if s.Start.Line > 0 {
				f.Line, f.Column = s.Start.Line, s.Start.Column
				if s.End.Line > 0 {
					f.EndLine, f.EndColumn = s.End.Line, s.End.Column
				}
			}
		}
		for _, rel := range d.Related {
			f.Related = append(f.Related, JSONRelated{File: rel.Subject.Filename, Line: rel.Subject.Start.Line, Column: rel.Subject.Start.Column, Message: rel.Message})
		}
		doc.Findings = append(doc.Findings, f)
	}
	c := Count(r.Findings)
	doc.Summary = JSONSummary{
		Files: len(r.Files), Findings: len(r.Findings), Errors: c.Errors, Warnings: c.Warnings, Infos: c.Infos,
		FailOn: r.failLevel().String(), Failed: failed(r),
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func failed(r *Report) bool {
	lvl := r.failLevel()
	for _, d := range r.Findings {
		if d.Severity >= lvl {
			return true
		}
	}
	return false
}
