package corosync

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"

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

// eofPos is the position after the last byte of src, from the last token.
func eofPos(src []byte, lines []*ccLine) model.Pos {
	if len(lines) == 0 {
		return model.Pos{Line: 1, Column: 1}
	}
	t := lines[len(lines)-1].EOL
	if t.Value == "\n" {
		return model.Pos{Line: t.Pos.Line + 1, Column: 1, Byte: len(src)}
	}
	return model.Pos{Line: t.Pos.Line, Column: t.Pos.Column, Byte: len(src)}
}

// parseSyntax reads src with the grammar and lowers its lines into items,
// keeping corosync's stack of open sections. It always returns a root whose
// children are the top-level items, even for broken input.
func (s *scanner) parseSyntax() *item {
	root := &item{section: true}
	s.eof = model.Pos{Line: 1, Column: 1}
	if i := bytes.IndexByte(s.src, 0); i >= 0 {
		li := model.NewLineIndex(s.src)
		s.eof = li.Pos(len(s.src))
		s.diags.Errorf(li.Range(s.file, i, i+1), CodeSyntax, "file is binary (NUL byte), not a corosync.conf")
		return root
	}
	file, err := ccParser.ParseBytes(s.file, s.src)
	if err != nil || file == nil {
		// The grammar has an alternative for every line; this is a bug.
		li := model.NewLineIndex(s.src)
		s.eof = li.Pos(len(s.src))
		off := 0
		if pe, ok := err.(participle.Error); ok {
			off = min(max(pe.Position().Offset, 0), len(s.src))
		}
		s.diags.Errorf(li.Range(s.file, off, off), CodeSyntax, "cannot read the file: %v", err)
		return root
	}
	s.eof = eofPos(s.src, file.Lines)
	stack := []*item{root}
	open := []model.Pos{{}} // where each open section started
	var bare *item          // the previous line was a bare word (brace on next line)
	nbspCount, nbspAt := 0, model.Range{}
	off := 0 // where the next line starts
	for i, ln := range file.Lines {
		lineOff, end := off, ln.EOL.Pos.Offset
		off = end + len(ln.EOL.Value)
		s.lineOff, s.linePos = lineOff, model.Pos{Line: ln.EOL.Pos.Line, Column: 1, Byte: lineOff}
		line := string(s.src[lineOff:end])
		prevBare := bare
		bare = nil
		if len(line) > maxLine {
			s.diags.Errorf(s.rng(lineOff+maxLine, end), CodeLineTooLong,
				"line is %d bytes long; corosync reads at most %d bytes a line (2.x and 3.x stop with \"Line too long\", 1.x splits the line)", len(line), maxLine)
		}
		text, lead, hadNBSP := trimBlank(line)
		if hadNBSP {
			if nbspCount == 0 {
				nbspAt = s.rng(lineOff, end)
			}
			nbspCount++
		}
		if text == "" || ln.Comment {
			continue
		}
		tStart := lineOff + lead
		tEnd := tStart + len(text)
		top := stack[len(stack)-1]
		switch {
		case ln.Punct == "{":
			i := strings.IndexByte(text, '{')
			name, _, _ := trimBlank(text[:i])
			after, _, _ := trimBlank(text[i+1:])
			nameStart := s.at(tStart)
			if after != "" {
				s.diags.Errorf(s.rng(tStart+i+1, tEnd), CodeTextAfterBrace,
					"text after \"{\" (%q): corosync 2.x and 3.x stop with \"Extra characters after opening bracket\", 1.x opens a section named %q and loses the text", after, strings.TrimRight(text[:i+1], " \t"))
			}
			sec := &item{section: true, name: name, nameRng: s.rng(tStart, tStart+len(name))}
			if name == "" {
				if prevBare != nil {
					s.diags.Errorf(prevBare.rng, CodeSyntax,
						"section name %q and its \"{\" are on separate lines; corosync 2.x and 3.x reject this, 1.x ignores the name and opens a section without one", prevBare.name)
					sec.name = prevBare.name
					sec.nameRng = prevBare.rng
					nameStart = prevBare.rng.Start
				} else {
					s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax, "section without a name")
				}
			}
			sec.rng = s.span(nameStart, s.at(tEnd))
			top.children = append(top.children, sec)
			stack = append(stack, sec)
			open = append(open, nameStart)
		case ln.Punct == ":":
			i := strings.IndexByte(text, ':')
			key, _, _ := trimBlank(text[:i])
			rest := text[i+1:]
			val, vlead, _ := trimBlank(rest)
			vStart := tStart + i + 1 + vlead
			kv := &item{name: key, value: val, rng: s.rng(tStart, tEnd),
				nameRng: s.rng(tStart, tStart+len(key)), valueRng: s.rng(vStart, vStart+len(val))}
			if key == "" {
				s.diags.Errorf(kv.rng, CodeSyntax, "key without a name before \":\"")
				continue
			}
			if len(stack) == 1 && key != "compatibility" {
				s.diags.Warnf(kv.rng, CodeSyntax, "key %q outside any section; corosync stores it at the top level, where nothing reads it", key)
			}
			top.children = append(top.children, kv)
		case ln.Punct == "}":
			if text != "}" {
				s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax,
					"text around \"}\"; corosync 2.x and 3.x require the closing brace alone on its line")
			}
			if len(stack) == 1 {
				s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax, "unbalanced braces: \"}\" closes no section")
				continue
			}
			top.rng = s.span(open[len(open)-1], s.at(tEnd))
			stack = stack[:len(stack)-1]
			open = open[:len(open)-1]
		case ln.Punct == "=":
			s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax,
				"\"key = value\" is not corosync syntax (write \"key: value\"); corosync 2.x and 3.x reject the file, 1.x ignores the line")
		default: // ln.Bare
			bare = &item{name: text, rng: s.rng(tStart, tEnd)}
			// Reported when no "{" follows (see below).
			if !nextIsBrace(s.src, off, file.Lines[i+1:]) {
				s.diags.Errorf(bare.rng, CodeSyntax,
					"line %q neither opens nor closes a section nor sets a key", text)
				bare = nil
			}
		}
	}
	if nbspCount > 0 {
		s.diags.Errorf(nbspAt, CodeNBSP,
			"%d line(s) from here on are indented or ended with non-breaking spaces (UTF-8 C2 A0, typical of text copied from a web page); corosync 2.x and 3.x reject the file", nbspCount)
	}
	for i := len(stack) - 1; i >= 1; i-- {
		sec := stack[i]
		sec.rng = s.span(open[i], s.eof)
		s.diags.Errorf(sec.nameRng, CodeSyntax, "unbalanced braces: section %q is never closed", sec.name)
	}
	return root
}

// nextIsBrace reports whether the next line that is neither blank nor a
// comment opens a section with "{" first (the brace-on-next-line style).
func nextIsBrace(src []byte, off int, rest []*ccLine) bool {
	for _, ln := range rest {
		line := src[off:ln.EOL.Pos.Offset]
		off = ln.EOL.Pos.Offset + len(ln.EOL.Value)
		if ln.Comment || len(line) == 0 {
			continue
		}
		return ln.Punct == "{" && bytes.HasPrefix(bytes.TrimLeft(line, " \t\r\f\v"), []byte("{"))
	}
	return false
}
