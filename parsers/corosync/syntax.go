package corosync

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"hakit/model"
)

// item is one line-level element of corosync.conf: a section with its
// children or a key with its value.
type item struct {
	section  bool
	name     string
	value    string
	rng      model.Range // whole item (section: name to closing brace)
	nameRng  model.Range
	valueRng model.Range
	children []*item
}

// maxLine is corosync's line buffer (512 bytes including the newline).
const maxLine = 511

const nbsp = "\u00a0"

// isBlank is corosync 3's notion of a blank byte: space, TAB and 0xA0. We
// also take the whole UTF-8 NBSP, which corosync rejects, and report it.
func trimBlank(s string) (string, int, bool) {
	hadNBSP := false
	start := 0
	for start < len(s) {
		switch {
		case s[start] == ' ' || s[start] == '\t' || s[start] == '\r' || s[start] == '\f' || s[start] == '\v':
			start++
		case strings.HasPrefix(s[start:], nbsp):
			start += len(nbsp)
			hadNBSP = true
		default:
			goto right
		}
	}
right:
	end := len(s)
	for end > start {
		switch {
		case s[end-1] == ' ' || s[end-1] == '\t' || s[end-1] == '\r' || s[end-1] == '\f' || s[end-1] == '\v':
			end--
		case strings.HasSuffix(s[start:end], nbsp):
			end -= len(nbsp)
			hadNBSP = true
		default:
			return s[start:end], start, hadNBSP
		}
	}
	return s[start:end], start, hadNBSP
}

type scanner struct {
	src   []byte
	file  string
	eof   model.Pos // the position after the last byte
	diags model.Diagnostics
	// the line being lowered: its first byte and that byte's position
	lineOff int
	linePos model.Pos

	nbspCount int
	nbspAt    model.Range
	unclosed  []*item // sections whose "}" never comes, innermost first
	prevBare  *item   // the previous line was a bare word (brace on next line?)
}

// at is the position of byte off of the line being lowered (columns are
// counted only for positions that are reported).
func (s *scanner) at(off int) model.Pos {
	return model.Pos{Line: s.linePos.Line, Column: 1 + utf8.RuneCount(s.src[s.lineOff:off]), Byte: off}
}

// rng is the range [a, b) of the line being lowered.
func (s *scanner) rng(a, b int) model.Range {
	return model.Range{Filename: s.file, Start: s.at(a), End: s.at(b)}
}

func (s *scanner) span(a, b model.Pos) model.Range {
	return model.Range{Filename: s.file, Start: a, End: b}
}

// eofPos is the position after the last byte of src.
func eofPos(src []byte) model.Pos {
	nl := bytes.LastIndexByte(src, '\n')
	return model.Pos{Line: 1 + bytes.Count(src, []byte{'\n'}), Column: 1 + utf8.RuneCount(src[nl+1:]), Byte: len(src)}
}

// parseSyntax reads src with the grammar and lowers its lines into items.
// It always returns a root whose children are the top-level items, even for
// broken input.
func (s *scanner) parseSyntax() *item {
	root := &item{section: true}
	s.eof = eofPos(s.src)
	if i := bytes.IndexByte(s.src, 0); i >= 0 {
		s.diags.Errorf(model.NewLineIndex(s.src).Range(s.file, i, i+1), CodeSyntax, "file is binary (NUL byte), not a corosync.conf")
		return root
	}
	file, err := ccParser().ParseString(s.file, string(s.src))
	if err != nil {
		// The grammar reads every sequence of lines; this is a bug.
		off := 0
		if pe, ok := err.(participle.Error); ok {
			off = min(max(pe.Position().Offset, 0), len(s.src))
		}
		s.diags.Errorf(model.NewLineIndex(s.src).Range(s.file, off, off), CodeSyntax, "cannot read the file: %v", err)
		return root
	}
	for i, t := range file.Body {
		if t.Body == nil {
			s.prevBare = nil
			if text, _, _ := s.line(t.Stray); text != "}" {
				s.diags.Errorf(s.trimmed(t.Stray), CodeSyntax,
					"text around \"}\"; corosync 2.x and 3.x require the closing brace alone on its line")
			}
			s.diags.Errorf(s.trimmed(t.Stray), CodeSyntax, "unbalanced braces: \"}\" closes no section")
			continue
		}
		var next *ccSection
		if i+1 < len(file.Body) && file.Body[i+1].Body != nil {
			next = file.Body[i+1].Body.Section
		}
		s.body(root, 0, t.Body, next)
	}
	if s.nbspCount > 0 {
		s.diags.Errorf(s.nbspAt, CodeNBSP,
			"%d line(s) from here on are indented or ended with non-breaking spaces (UTF-8 C2 A0, typical of text copied from a web page); corosync 2.x and 3.x reject the file", s.nbspCount)
	}
	for _, sec := range s.unclosed { // innermost first
		s.diags.Errorf(sec.nameRng, CodeSyntax, "unbalanced braces: section %q is never closed", sec.name)
	}
	return root
}

// line starts lowering the line of t: its position, the quirks any line can
// have (length, non-breaking spaces). It returns the line without its
// blanks and where that text starts and ends.
func (s *scanner) line(t lexer.Token) (text string, tStart, tEnd int) {
	s.lineOff, s.linePos = t.Pos.Offset, model.Pos{Line: t.Pos.Line, Column: 1, Byte: t.Pos.Offset}
	end := t.Pos.Offset + len(t.Value)
	if len(t.Value) > maxLine {
		s.diags.Errorf(s.rng(t.Pos.Offset+maxLine, end), CodeLineTooLong,
			"line is %d bytes long; corosync reads at most %d bytes a line (2.x and 3.x stop with \"Line too long\", 1.x splits the line)", len(t.Value), maxLine)
	}
	text, lead, hadNBSP := trimBlank(t.Value)
	if hadNBSP {
		if s.nbspCount == 0 {
			s.nbspAt = s.rng(t.Pos.Offset, end)
		}
		s.nbspCount++
	}
	tStart = t.Pos.Offset + lead
	return text, tStart, tStart + len(text)
}

// trimmed is the range of t's line without its blanks.
func (s *scanner) trimmed(t lexer.Token) model.Range {
	text, lead, _ := trimBlank(t.Value)
	return s.rng(t.Pos.Offset+lead, t.Pos.Offset+lead+len(text))
}

// body lowers b into parent (at nesting depth); next is the section that
// follows b in parent, if one does.
func (s *scanner) body(parent *item, depth int, b *ccBody, next *ccSection) {
	if b.Section != nil {
		s.section(parent, depth, b.Section)
		return
	}
	pos, rest := b.Lines.Pos, b.Lines.Value
	for {
		line, after, nl := strings.Cut(rest, "\n")
		if line != "" {
			s.lineItem(parent, depth, lexer.Token{Type: ccLines, Value: line, Pos: pos}, after, next)
		}
		if !nl {
			return
		}
		pos.Offset += len(line) + 1
		pos.Line++
		rest = after
	}
}

// lineItem lowers the line t into parent; rest and next are what follows
// it in parent.
func (s *scanner) lineItem(parent *item, depth int, t lexer.Token, rest string, next *ccSection) {
	text, tStart, tEnd := s.line(t)
	kind := lineKind(t.Value)
	if kind == lineComment {
		return
	}
	s.prevBare = nil
	switch kind {
	case lineKey:
		i := strings.IndexByte(text, ':')
		key, _, _ := trimBlank(text[:i])
		rest := text[i+1:]
		val, vlead, _ := trimBlank(rest)
		vStart := tStart + i + 1 + vlead
		kv := &item{name: key, value: val, rng: s.rng(tStart, tEnd),
			nameRng: s.rng(tStart, tStart+len(key)), valueRng: s.rng(vStart, vStart+len(val))}
		if key == "" {
			s.diags.Errorf(kv.rng, CodeSyntax, "key without a name before \":\"")
			return
		}
		if depth == 0 && key != "compatibility" {
			s.diags.Warnf(kv.rng, CodeSyntax, "key %q outside any section; corosync stores it at the top level, where nothing reads it", key)
		}
		parent.children = append(parent.children, kv)
	case lineAssign:
		s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax,
			"\"key = value\" is not corosync syntax (write \"key: value\"); corosync 2.x and 3.x reject the file, 1.x ignores the line")
	case lineBare:
		bare := &item{name: text, rng: s.rng(tStart, tEnd)}
		// Reported when no "{" follows.
		if nextIsBrace(rest, next) {
			s.prevBare = bare
		} else {
			s.diags.Errorf(bare.rng, CodeSyntax,
				"line %q neither opens nor closes a section nor sets a key", text)
		}
	}
}

// section lowers sec, a section of parent.
func (s *scanner) section(parent *item, depth int, sec *ccSection) {
	text, tStart, tEnd := s.line(sec.Open)
	prevBare := s.prevBare
	s.prevBare = nil
	i := strings.IndexByte(text, '{')
	name, _, _ := trimBlank(text[:i])
	after, _, _ := trimBlank(text[i+1:])
	nameStart := s.at(tStart)
	if after != "" {
		s.diags.Errorf(s.rng(tStart+i+1, tEnd), CodeTextAfterBrace,
			"text after \"{\" (%q): corosync 2.x and 3.x stop with \"Extra characters after opening bracket\", 1.x opens a section named %q and loses the text", after, strings.TrimRight(text[:i+1], " \t"))
	}
	it := &item{section: true, name: name, nameRng: s.rng(tStart, tStart+len(name))}
	if name == "" {
		if prevBare != nil {
			s.diags.Errorf(prevBare.rng, CodeSyntax,
				"section name %q and its \"{\" are on separate lines; corosync 2.x and 3.x reject this, 1.x ignores the name and opens a section without one", prevBare.name)
			it.name = prevBare.name
			it.nameRng = prevBare.rng
			nameStart = prevBare.rng.Start
		} else {
			s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax, "section without a name")
		}
	}
	it.rng = s.span(nameStart, s.at(tEnd))
	parent.children = append(parent.children, it)
	for j, b := range sec.Body {
		var next *ccSection
		if j+1 < len(sec.Body) {
			next = sec.Body[j+1].Section
		}
		s.body(it, depth+1, b, next)
	}
	if len(sec.Close) == 0 {
		it.rng = s.span(nameStart, s.eof)
		s.unclosed = append(s.unclosed, it)
		return
	}
	s.prevBare = nil
	text, _, tEnd = s.line(sec.Close[0])
	if text != "}" {
		s.diags.Errorf(s.trimmed(sec.Close[0]), CodeSyntax,
			"text around \"}\"; corosync 2.x and 3.x require the closing brace alone on its line")
	}
	it.rng = s.span(nameStart, s.at(tEnd))
}

// nextIsBrace reports whether, after the lines rest, the first line that
// is not a comment opens next with "{" first (the brace-on-next-line
// style).
func nextIsBrace(rest string, next *ccSection) bool {
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if lineKind(line) != lineComment {
			return false
		}
	}
	if next == nil {
		return false
	}
	text, _, _ := trimBlank(next.Open.Value)
	return strings.HasPrefix(text, "{")
}
