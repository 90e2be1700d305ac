package scenario

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
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
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, s junitSuite) error {
	for _, c := range s.Cases {
		s.Tests++
		if c.Failure != nil {
			s.Failures++
		}
	}
	b, err := xml.MarshalIndent(junitSuites{Suites: []junitSuite{s}}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s%s\n", xml.Header, b)
	return err
}

// WriteJUnit writes one test case per assertion, grouped by step.
func (r *Report) WriteJUnit(w io.Writer, name string) error {
	s := junitSuite{Name: name}
	for i, st := range r.Steps {
		for _, a := range st.Assertions {
			c := junitCase{Name: a.Expect, Classname: fmt.Sprintf("%d. %s", i+1, st.Name)}
			if !a.OK {
				c.Failure = &junitFailure{Message: a.Message, Text: a.Message}
			}
			s.Cases = append(s.Cases, c)
		}
	}
	return writeJUnit(w, s)
}

// WriteJUnit writes one test case per failure; a failure that leaves a
// running resource unrunnable fails.
func (r *SweepReport) WriteJUnit(w io.Writer) error {
	s := junitSuite{Name: "N-1 sweep: " + r.Kind}
	for _, e := range r.Events {
		c := junitCase{Name: e.Event, Classname: "sweep." + r.Kind,
			SystemOut: fmt.Sprintf("quorate %t; fenced [%s]; moved [%s]; stopped [%s]", e.Quorate,
				strings.Join(e.Fenced, " "), strings.Join(e.Moved, " "), strings.Join(e.Stopped, " "))}
		if len(e.Lost) > 0 {
			msg := "unrunnable: " + strings.Join(e.Lost, " ")
			c.Failure = &junitFailure{Message: msg, Text: msg}
		}
		s.Cases = append(s.Cases, c)
	}
	return writeJUnit(w, s)
}
