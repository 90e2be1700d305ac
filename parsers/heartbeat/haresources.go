package heartbeat

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"

	"hakit/internal/lazyre"
	"hakit/model"
)

// ipShorthand is ResourceManager's glob [0-9]*.[0-9]*.[0-9]*.[0-9]*: a spec
// that matches it is an IP address, shorthand for IPaddr::spec.
var ipShorthand = lazyre.New(`^[0-9].*\.[0-9].*\.[0-9].*\.[0-9].*$`)

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
	file, err := hrParser().ParseString(filename, f.text)
	if err != nil {
		// The grammar reads every sequence of lines; this is a bug.
		f.errorf(0, 0, CodeHaresSyntax, "cannot read the file: %v", err)
		return c, f.diags
	}
	var comments []string
	var line []lexer.Token // the words of the resource line being read
	var lineComments []string
	flush := func() {
		if len(line) > 0 {
			haresLine(f, hr, line, lineComments)
		}
		line, lineComments = line[:0], nil
	}
	for _, t := range file.Tokens {
		switch t.Type {
		case hrComment:
			flush()
			comments = append(comments, strings.TrimSpace(t.Value))
		case hrLine:
			flush()
			lineComments, comments = comments, nil
			line = words(t, line)
		case hrContinued:
			line = words(t, line)
		case hrDangling, hrBackslash:
			if t.Type == hrBackslash {
				flush()
			}
			f.diags.Warnf(f.span(t, 0, 1), CodeHaresSyntax, "the last line ends in a backslash continuation with nothing to continue")
		}
	}
	flush()
	return c, f.diags
}

// words appends the blank-separated words of t to out, each a token with
// its position.
func words(t lexer.Token, out []lexer.Token) []lexer.Token {
	v := t.Value
	col := t.Pos.Column
	for i, prev := 0, 0; i < len(v); {
		for i < len(v) && strings.IndexByte(blankDelims, v[i]) >= 0 {
			i++
		}
		j := i
		for j < len(v) && strings.IndexByte(blankDelims, v[j]) < 0 {
			j++
		}
		if j == i {
			break
		}
		col += utf8.RuneCountInString(v[prev:i])
		p := t.Pos
		p.Offset, p.Column = t.Pos.Offset+i, col
		out = append(out, lexer.Token{Type: t.Type, Value: v[i:j], Pos: p})
		col += utf8.RuneCountInString(v[i:j])
		i, prev = j, j
	}
	return out
}

// span is the range [a, b) of the bytes of t's value.
func (f *file) span(t lexer.Token, a, b int) model.Range {
	return model.Range{Filename: f.name, Start: tokPos(t, a), End: tokPos(t, b)}
}

func tokPos(t lexer.Token, off int) model.Pos {
	return model.Pos{Line: t.Pos.Line, Column: t.Pos.Column + utf8.RuneCountInString(t.Value[:off]), Byte: t.Pos.Offset + off}
}

func haresLine(f *file, hr *model.Haresources, toks []lexer.Token, comments []string) {
	node, last := toks[0], toks[len(toks)-1]
	l := &model.HaresourcesLine{Node: node.Value, NodeRange: f.span(node, 0, len(node.Value))}
	l.Range = model.Range{Filename: f.name, Start: tokPos(node, 0), End: tokPos(last, len(last.Value))}
	l.Comments = comments
	if len(toks) == 1 {
		f.diags.Errorf(l.NodeRange, CodeHaresSyntax, "haresources line for node %s lists no resources", node.Value)
	}
	for _, t := range toks[1:] {
		l.Resources = append(l.Resources, haresResource(f, t))
	}
	hr.Lines = append(hr.Lines, l)
}

func haresResource(f *file, t lexer.Token) *model.HaresourcesResource {
	r := &model.HaresourcesResource{}
	r.Range = f.span(t, 0, len(t.Value))
	if ipShorthand().MatchString(t.Value) && !strings.Contains(t.Value, "::") {
		r.Agent, r.Shorthand, r.AgentRange = "IPaddr", true, r.Range
		a := &model.HaresourcesArg{Value: t.Value}
		a.Range = r.Range
		r.Args = []*model.HaresourcesArg{a}
		return r
	}
	parts := strings.Split(t.Value, "::")
	r.Agent = parts[0]
	r.AgentRange = f.span(t, 0, len(parts[0]))
	if r.Agent == "" {
		f.diags.Errorf(r.Range, CodeHaresSyntax, "resource %q has no script name before \"::\"", t.Value)
	}
	off := len(parts[0])
	for _, p := range parts[1:] {
		off += 2
		if p == "" {
			f.diags.Warnf(f.span(t, off-2, off), CodeHaresSyntax, "empty argument in %q: ResourceManager drops it, so later arguments shift position", t.Value)
		} else {
			a := &model.HaresourcesArg{Value: p}
			a.Range = f.span(t, off, off+len(p))
			r.Args = append(r.Args, a)
		}
		off += len(p)
	}
	return r
}
