package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// junitWriter writes a JUnit XML report for CI test views: one testsuite
// per input file (plus one named after the tool for findings without a
// file), one testcase per finding, named "ID line:col", with a failure when
// the finding is at or above fail-on (below it, the message goes to
// system-out and the case passes). A clean file gets one passing testcase,
// "verify", so every input shows up.
type junitWriter struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func (junitWriter) Write(out, _ io.Writer, r *Report) error {
	tool := r.Tool
	if tool == "" {
		tool = "hakit"
	}
	level := r.failLevel()
	suites := map[string]*junitSuite{}
	var order []string
	suite := func(name string) *junitSuite {
		if s, ok := suites[name]; ok {
			return s
		}
		s := &junitSuite{Name: name}
		suites[name] = s
		order = append(order, name)
		return s
	}
	for _, f := range r.Files {
		suite(f)
	}
	for _, d := range r.Findings {
		file := fileOf(d)
		if file == "" {
			file = tool
		}
		s := suite(file)
		name := d.Code
		if d.Subject != nil && d.Subject.Start.Line > 0 {
			name = fmt.Sprintf("%s %d:%d", d.Code, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		c := junitCase{Name: name, Classname: file}
		text := d.Error()
		if d.Detail != "" {
			text += "\n" + d.Detail
		}
		if d.Severity >= level {
			c.Failure = &junitFailure{Message: d.Summary, Type: d.Severity.String(), Text: text}
			s.Failures++
		} else {
			c.SystemOut = text
		}
		s.Cases = append(s.Cases, c)
	}
	doc := junitSuites{Name: tool + " verify"}
	for _, name := range order {
		s := suites[name]
		if len(s.Cases) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "verify", Classname: name})
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, *s)
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing junit: %w", err)
	}
	b.WriteByte('\n')
	_, err := io.WriteString(out, b.String())
	return err
}
