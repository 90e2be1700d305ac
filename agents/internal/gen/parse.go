package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"hakit/agents/internal/snapshot"
)

// The subset of the OCF resource-agent metadata (1.0 and 1.1), the fence
// agents' variant of it and the Pacemaker daemons' variant that the snapshot
// keeps.
type xmlAgent struct {
	Name       string     `xml:"name,attr"`
	Version    string     `xml:"version,attr"`
	ShortAttr  string     `xml:"shortdesc,attr"` // fence agents
	OCFVersion string     `xml:"version"`
	ShortDesc  []xmlText  `xml:"shortdesc"`
	LongDesc   []xmlText  `xml:"longdesc"`
	Params     []xmlParam `xml:"parameters>parameter"`
	Actions    []xmlActn  `xml:"actions>action"`
}

type xmlText struct {
	Lang string `xml:"lang,attr"`
	Text string `xml:",chardata"`
}

type xmlParam struct {
	Name        string         `xml:"name,attr"`
	Required    string         `xml:"required,attr"`
	Unique      string         `xml:"unique,attr"`
	UniqueGroup string         `xml:"unique-group,attr"`
	Reloadable  string         `xml:"reloadable,attr"`
	Advanced    string         `xml:"advanced,attr"`   // Pacemaker >= 2.1.8
	DeprAttr    string         `xml:"deprecated,attr"` // fence agents
	Obsoletes   string         `xml:"obsoletes,attr"`  // fence agents: the param this one replaces
	Deprecated  *xmlDeprecated `xml:"deprecated"`      // OCF 1.1
	ShortDesc   []xmlText      `xml:"shortdesc"`
	LongDesc    []xmlText      `xml:"longdesc"`
	Content     []xmlContent   `xml:"content"`
}

type xmlDeprecated struct {
	ReplacedWith []struct {
		Name string `xml:"name,attr"`
	} `xml:"replaced-with"`
}

type xmlContent struct {
	Type    string `xml:"type,attr"`
	Default string `xml:"default,attr"`
	Options []struct {
		Value string `xml:"value,attr"`
	} `xml:"option"`
}

type xmlActn struct {
	Name       string `xml:"name,attr"`
	Timeout    string `xml:"timeout,attr"`
	Interval   string `xml:"interval,attr"`
	Role       string `xml:"role,attr"`
	Depth      string `xml:"depth,attr"`
	StartDelay string `xml:"start-delay,attr"`
}

var errNoMetadata = errors.New("no <resource-agent> element")

// decodeAgents returns every <resource-agent> element in data, wherever it
// is nested (crm_attribute wraps it in <pacemaker-result>). Bytes before the
// first '<' are ignored; malformed XML is an error.
func decodeAgents(data []byte) ([]xmlAgent, error) {
	if i := bytes.IndexByte(data, '<'); i > 0 {
		data = data[i:]
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []xmlAgent
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("parse metadata: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "resource-agent" {
			continue
		}
		var a xmlAgent
		if err := dec.DecodeElement(&a, &se); err != nil {
			return nil, fmt.Errorf("parse metadata: %w", err)
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, errNoMetadata
	}
	return out, nil
}

// parseAgent turns one agent's metadata output into a snapshot record.
func parseAgent(class, provider, typ string, data []byte) (snapshot.Agent, error) {
	xs, err := decodeAgents(data)
	if err != nil {
		return snapshot.Agent{}, err
	}
	x := xs[0]
	a := snapshot.Agent{
		Class:      class,
		Provider:   provider,
		Type:       typ,
		Version:    clean(x.Version),
		OCFVersion: clean(x.OCFVersion),
		ShortDesc:  short(cmpOr(text(x.ShortDesc), x.ShortAttr, text(x.LongDesc))),
	}
	// Fence agents mark the new name with obsoletes="old" and the old one
	// with deprecated="1".
	replacedBy := map[string][]string{}
	for _, p := range x.Params {
		if p.Obsoletes != "" {
			replacedBy[p.Obsoletes] = append(replacedBy[p.Obsoletes], p.Name)
		}
	}
	for _, xp := range x.Params {
		if xp.Name == "" {
			continue
		}
		p, _ := param(xp)
		switch {
		case xp.Deprecated != nil:
			var names []string
			for _, r := range xp.Deprecated.ReplacedWith {
				names = append(names, r.Name)
			}
			p.Deprecated = cmpOr(strings.Join(names, ","), "yes")
		case isTrue(xp.DeprAttr):
			p.Deprecated = cmpOr(strings.Join(replacedBy[xp.Name], ","), "yes")
		case deprecatedWord.MatchString(p.ShortDesc):
			p.Deprecated = "yes"
		}
		a.Params = append(a.Params, p)
	}
	for _, xa := range x.Actions {
		if xa.Name == "" {
			continue
		}
		a.Actions = append(a.Actions, snapshot.Action{
			Name:       clean(xa.Name),
			Timeout:    clean(xa.Timeout),
			Interval:   clean(xa.Interval),
			Role:       clean(xa.Role),
			Depth:      clean(xa.Depth),
			StartDelay: clean(xa.StartDelay),
		})
	}
	return a, nil
}

// deprecatedWord finds resource-agents' informal "(deprecated)",
// "DEPRECATED: ..." markers, but not "deprecation".
var deprecatedWord = regexp.MustCompile(`(?i)\bdeprecated\b`)

// parseDaemon turns a Pacemaker daemon's metadata into options (the daemon
// field set to daemon) and the same parameters as agent params, for the
// fencer.
func parseDaemon(daemon string, data []byte) ([]snapshot.Option, []snapshot.Param, error) {
	xs, err := decodeAgents(data)
	if err != nil {
		return nil, nil, err
	}
	var opts []snapshot.Option
	var params []snapshot.Param
	for _, x := range xs {
		for _, xp := range x.Params {
			if xp.Name == "" {
				continue
			}
			p, depr := param(xp)
			if depr {
				p.Deprecated = "yes"
			}
			params = append(params, p)
			opts = append(opts, snapshot.Option{
				Name:       p.Name,
				Type:       p.Type,
				Default:    p.Default,
				ShortDesc:  p.ShortDesc,
				Daemon:     daemon,
				Values:     p.Values,
				Advanced:   p.Advanced,
				Deprecated: depr,
			})
		}
	}
	return opts, params, nil
}

// param converts the common part of a parameter. Pacemaker's own metadata
// marks advanced and deprecated options by a prefix of the short description
// (before 2.1.8) or by attributes (since); both are folded into flags and the
// prefix is dropped. The second result tells whether it is deprecated.
func param(xp xmlParam) (snapshot.Param, bool) {
	p := snapshot.Param{
		Name:        clean(xp.Name),
		Required:    isTrue(xp.Required),
		Unique:      isTrue(xp.Unique),
		UniqueGroup: clean(xp.UniqueGroup),
		Reloadable:  isTrue(xp.Reloadable),
		Advanced:    isTrue(xp.Advanced),
	}
	depr := xp.Deprecated != nil || isTrue(xp.DeprAttr)
	desc := strings.TrimSpace(text(xp.ShortDesc))
	for again := true; again; {
		again = false
		for _, pre := range []struct {
			s   string
			set *bool
		}{
			{"*** Advanced Use Only ***", &p.Advanced},
			{"Advanced use only:", &p.Advanced},
			{"*** Deprecated ***", &depr},
		} {
			if strings.HasPrefix(desc, pre.s) {
				desc = strings.TrimSpace(strings.TrimPrefix(desc, pre.s))
				*pre.set = true
				again = true
			}
		}
	}
	long := text(xp.LongDesc)
	p.ShortDesc = short(cmpOr(desc, long))
	if len(xp.Content) > 0 {
		c := xp.Content[0]
		p.Type = clean(c.Type)
		p.Default = c.Default
		for _, o := range c.Options {
			p.Values = append(p.Values, o.Value)
		}
		if len(p.Values) == 0 && (p.Type == "enum" || p.Type == "select") {
			p.Values = allowedValues(long)
			if len(p.Values) > 0 && p.Default != "" && !contains(p.Values, p.Default) {
				p.Values = append(p.Values, p.Default)
			}
		}
	}
	return p, depr
}

var allowedRe = regexp.MustCompile(`Allowed values:\s*(.*)`)

// allowedValues reads the "Allowed values: a, b, c" list older Pacemaker
// versions put into the long description of enum options. Each item's first
// word counts, so "a (explanation)" yields "a".
func allowedValues(long string) []string {
	m := allowedRe.FindStringSubmatch(long)
	if m == nil {
		return nil
	}
	var vals []string
	for _, item := range strings.Split(m[1], ",") {
		f := strings.Fields(item)
		if len(f) == 0 {
			continue
		}
		v := strings.Trim(f[0], `"'.`)
		if v != "" && !contains(vals, v) {
			vals = append(vals, v)
		}
	}
	return vals
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// text picks the English (or unlabelled) variant of a description.
func text(ts []xmlText) string {
	for _, t := range ts {
		if t.Lang == "" || t.Lang == "en" || strings.HasPrefix(t.Lang, "en_") {
			return t.Text
		}
	}
	if len(ts) > 0 {
		return ts[0].Text
	}
	return ""
}

const maxDesc = 160

// short returns the first non-blank line of s with its white space collapsed,
// cut at a word boundary to at most maxDesc bytes.
func short(s string) string {
	for _, line := range strings.Split(s, "\n") {
		line = clean(line)
		if line == "" {
			continue
		}
		if len(line) <= maxDesc {
			return line
		}
		cut := strings.LastIndexByte(line[:maxDesc], ' ')
		if cut < maxDesc/2 {
			cut = maxDesc
			for !utf8.RuneStart(line[cut]) {
				cut--
			}
		}
		return strings.TrimRight(line[:cut], " ,;:") + "..."
	}
	return ""
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// isTrue follows Pacemaker's crm_is_true.
func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "y", "on":
		return true
	}
	return false
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
