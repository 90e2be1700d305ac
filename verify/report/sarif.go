package report

import (
	"encoding/json"
	"io"
	"net/url"
	"strings"

	"hakit/model"
)

// sarifWriter writes SARIF 2.1.0: one run whose tool.driver lists the rules
// that have results (id, name, short and full description, the rule's Doc
// as help.markdown, the default level), and one result per finding with its
// rule, level, message and physical location (a URI relative to
// Report.BaseDir, and a region whose columns count Unicode code points, as
// run.columnKind says).
type sarifWriter struct{}

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	Results    []sarifResult `json:"results"`
	ColumnKind string        `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           map[string]string `json:"properties,omitempty"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        *int            `json:"ruleIndex,omitempty"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations,omitempty"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

func sarifLevel(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "error"
	case model.SeverityWarning:
		return "warning"
	}
	return "note"
}

// sarifName turns a title into the PascalCase name SARIF viewers show.
func sarifName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func (rep *Report) sarifLocation(rg *model.Range) *sarifPhysicalLocation {
	if rg == nil || rg.Filename == "" {
		return nil
	}
	u := (&url.URL{Path: relPath(rep.BaseDir, rg.Filename)}).String()
	pl := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: u}}
	if rg.Start.Line > 0 {
		reg := &sarifRegion{StartLine: rg.Start.Line, StartColumn: max(rg.Start.Column, 1)}
		if rg.End.Line >= rg.Start.Line && rg.End.Line > 0 {
			reg.EndLine = rg.End.Line
			if rg.End.Column > 0 && (rg.End.Line > rg.Start.Line || rg.End.Column > reg.StartColumn) {
				reg.EndColumn = rg.End.Column
			} else {
				reg.EndColumn = reg.StartColumn + 1
			}
		}
		pl.Region = reg
	}
	return pl
}

func (sarifWriter) Write(out, _ io.Writer, r *Report) error {
	tool := r.Tool
	if tool == "" {
		tool = "hakit"
	}
	driver := sarifDriver{Name: tool, Version: r.Version, Rules: []sarifRule{}}
	index := map[string]int{}
	results := []sarifResult{}
	for _, d := range r.Findings {
		res := sarifResult{RuleID: d.Code, Level: sarifLevel(d.Severity), Message: sarifText{Text: d.Summary}}
		if d.Detail != "" {
			res.Message.Text += "\n" + d.Detail
		}
		if i, ok := index[d.Code]; ok {
			res.RuleIndex = &i
		} else if rule, ok := r.lookup(d.Code); ok {
			i := len(driver.Rules)
			index[d.Code] = i
			res.RuleIndex = &i
			driver.Rules = append(driver.Rules, sarifRule{
				ID:                   rule.ID,
				Name:                 sarifName(rule.Title),
				ShortDescription:     sarifText{Text: rule.Title},
				FullDescription:      sarifText{Text: firstParagraph(rule.Doc)},
				Help:                 sarifHelp{Text: rule.Doc, Markdown: rule.Doc},
				DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(rule.Severity)},
				Properties:           map[string]string{"since": rule.Since},
			})
		}
		if pl := r.sarifLocation(d.Subject); pl != nil {
			res.Locations = []sarifLocation{{PhysicalLocation: pl}}
		}
		for i, rel := range d.Related {
			rel := rel
			if pl := r.sarifLocation(&rel.Subject); pl != nil {
				id := i + 1
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: pl, Message: &sarifText{Text: rel.Message}})
			}
		}
		results = append(results, res)
	}
	log := sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{{
		Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "unicodeCodePoints",
	}}}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// firstParagraph returns the Doc's first paragraph, joined to one line.
func firstParagraph(doc string) string {
	p := strings.TrimSpace(doc)
	if i := strings.Index(p, "\n\n"); i >= 0 {
		p = p[:i]
	}
	return strings.Join(strings.Fields(p), " ")
}
