package heartbeat

import (
	"regexp"
	"strings"

	"hakit/model"
)

// ipShorthand is ResourceManager's glob [0-9]*.[0-9]*.[0-9]*.[0-9]*: a spec
// that matches it is an IP address, shorthand for IPaddr::spec.
var ipShorthand = regexp.MustCompile(`^[0-9].*\.[0-9].*\.[0-9].*\.[0-9].*$`)

// ParseHaresources parses a heartbeat v1 haresources file. Comments ("#"
// anywhere) are cut before backslash continuations are joined, as
// ResourceManager does. The result is a Membership of Origin "heartbeat"
// holding only Heartbeat.Haresources.
func ParseHaresources(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	f := newFile(src, filename)
	hr := &model.Haresources{}
	hr.Range = f.rng(0, len(src))
	hb := &model.Heartbeat{Haresources: hr}
	hb.Range = hr.Range
	m := &model.Membership{Origin: "heartbeat", Heartbeat: hb}
	m.Range = hr.Range
	c := &model.Cluster{Membership: m}
	if !f.checkText("haresources") {
		return c, f.diags
	}
	var toks []token
	var comments, pending []string
	lineStart := -1
	flush := func(end int) {
		if len(toks) > 0 {
			haresLine(f, hr, toks, lineStart, end, pending)
			pending = nil
		}
		toks, lineStart = nil, -1
	}
	lines := splitLines(src)
	for i, ln := range lines {
		end := ln.end
		if j := strings.IndexByte(string(src[ln.start:ln.end]), '#'); j >= 0 {
			end = ln.start + j
			if s, _ := trimSpan(src, ln.start, end); s == end && lineStart < 0 {
				comments = append(comments, strings.TrimSpace(string(src[end:ln.end])))
			}
		}
		s, e := trimSpan(src, ln.start, end)
		cont := e > s && src[e-1] == '\\'
		if cont {
			e--
		}
		t := tokenize(src, s, e, blankDelims)
		if len(t) > 0 && lineStart < 0 {
			lineStart = t[0].start
			pending, comments = comments, nil
		}
		toks = append(toks, t...)
		if cont && i == len(lines)-1 {
			f.warnf(e, e+1, CodeHaresSyntax, "the last line ends in a backslash continuation with nothing to continue")
		}
		if !cont {
			if len(toks) > 0 {
				flush(toks[len(toks)-1].end)
			} else {
				toks, lineStart = nil, -1
			}
		}
	}
	if len(toks) > 0 {
		flush(toks[len(toks)-1].end)
	}
	return c, f.diags
}

func haresLine(f *file, hr *model.Haresources, toks []token, start, end int, comments []string) {
	l := &model.HaresourcesLine{Node: toks[0].text, NodeRange: f.tokRange(toks[0])}
	l.Range = f.rng(start, end)
	l.Comments = comments
	if len(toks) == 1 {
		f.errorf(toks[0].start, toks[0].end, CodeHaresSyntax, "haresources line for node %s lists no resources", toks[0].text)
	}
	for _, t := range toks[1:] {
		l.Resources = append(l.Resources, haresResource(f, t))
	}
	hr.Lines = append(hr.Lines, l)
}

func haresResource(f *file, t token) *model.HaresourcesResource {
	r := &model.HaresourcesResource{}
	r.Range = f.tokRange(t)
	if ipShorthand.MatchString(t.text) && !strings.Contains(t.text, "::") {
		r.Agent, r.Shorthand, r.AgentRange = "IPaddr", true, r.Range
		a := &model.HaresourcesArg{Value: t.text}
		a.Range = r.Range
		r.Args = []*model.HaresourcesArg{a}
		return r
	}
	parts := strings.Split(t.text, "::")
	r.Agent = parts[0]
	r.AgentRange = f.rng(t.start, t.start+len(parts[0]))
	if r.Agent == "" {
		f.errorf(t.start, t.end, CodeHaresSyntax, "resource %q has no script name before \"::\"", t.text)
	}
	off := t.start + len(parts[0])
	for _, p := range parts[1:] {
		off += 2
		if p == "" {
			f.warnf(off-2, off, CodeHaresSyntax, "empty argument in %q: ResourceManager drops it, so later arguments shift position", t.text)
		} else {
			a := &model.HaresourcesArg{Value: p}
			a.Range = f.rng(off, off+len(p))
			r.Args = append(r.Args, a)
		}
		off += len(p)
	}
	return r
}
