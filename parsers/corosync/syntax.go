package corosync

import (
	"bytes"
	"strings"

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
	li    *model.LineIndex
	diags model.Diagnostics
}

func (s *scanner) rng(a, b int) model.Range { return s.li.Range(s.file, a, b) }

// parseSyntax splits src into items. It always returns a root whose children
// are the top-level items, even for broken input.
func (s *scanner) parseSyntax() *item {
	root := &item{section: true}
	stack := []*item{root}
	open := []int{0} // byte offset where each open section started
	var bare *item   // the previous line was a bare word (brace on next line)
	nbspCount, nbspAt := 0, model.Range{}
	if i := bytes.IndexByte(s.src, 0); i >= 0 {
		s.diags.Errorf(s.rng(i, i+1), CodeSyntax, "file is binary (NUL byte), not a corosync.conf")
		return root
	}
	off := 0
	for off <= len(s.src) && off < len(s.src) {
		end := bytes.IndexByte(s.src[off:], '\n')
		next := 0
		if end < 0 {
			end = len(s.src)
			next = end
		} else {
			end += off
			next = end + 1
		}
		line := string(s.src[off:end])
		lineOff := off
		off = next
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
		if text == "" || text[0] == '#' {
			continue
		}
		tStart := lineOff + lead
		tEnd := tStart + len(text)
		top := stack[len(stack)-1]
		switch {
		case strings.Contains(text, "{"):
			i := strings.IndexByte(text, '{')
			name, _, _ := trimBlank(text[:i])
			after, _, _ := trimBlank(text[i+1:])
			nameStart := tStart
			if after != "" {
				s.diags.Errorf(s.rng(tStart+i+1, tEnd), CodeTextAfterBrace,
					"text after \"{\" (%q): corosync 2.x and 3.x stop with \"Extra characters after opening bracket\", 1.x opens a section named %q and loses the text", after, strings.TrimRight(text[:i+1], " \t"))
			}
			if name == "" {
				if prevBare != nil {
					s.diags.Errorf(prevBare.rng, CodeSyntax,
						"section name %q and its \"{\" are on separate lines; corosync 2.x and 3.x reject this, 1.x ignores the name and opens a section without one", prevBare.name)
					name = prevBare.name
					nameStart = prevBare.rng.Start.Byte
				} else {
					s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax, "section without a name")
				}
			}
			sec := &item{section: true, name: name, nameRng: s.rng(nameStart, nameStart+len(name))}
			sec.rng = s.rng(nameStart, tEnd)
			top.children = append(top.children, sec)
			stack = append(stack, sec)
			open = append(open, nameStart)
		case strings.Contains(text, ":"):
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
		case strings.Contains(text, "}"):
			if text != "}" {
				s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax,
					"text around \"}\"; corosync 2.x and 3.x require the closing brace alone on its line")
			}
			if len(stack) == 1 {
				s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax, "unbalanced braces: \"}\" closes no section")
				continue
			}
			top.rng = s.rng(open[len(open)-1], tEnd)
			stack = stack[:len(stack)-1]
			open = open[:len(open)-1]
		case strings.Contains(text, "="):
			s.diags.Errorf(s.rng(tStart, tEnd), CodeSyntax,
				"\"key = value\" is not corosync syntax (write \"key: value\"); corosync 2.x and 3.x reject the file, 1.x ignores the line")
		default:
			bare = &item{name: text, rng: s.rng(tStart, tEnd)}
			// Reported when no "{" follows (see below).
			if off >= len(s.src) || !nextIsBrace(s.src[off:]) {
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
		sec.rng = s.rng(open[i], len(s.src))
		s.diags.Errorf(sec.nameRng, CodeSyntax, "unbalanced braces: section %q is never closed", sec.name)
	}
	return root
}

// nextIsBrace reports whether the next non-blank, non-comment line is "{"
// alone (the brace-on-next-line style).
func nextIsBrace(rest []byte) bool {
	for len(rest) > 0 {
		end := bytes.IndexByte(rest, '\n')
		line := rest
		if end >= 0 {
			line, rest = rest[:end], rest[end+1:]
		} else {
			rest = nil
		}
		t, _, _ := trimBlank(string(line))
		if t == "" || t[0] == '#' {
			continue
		}
		return strings.HasPrefix(t, "{")
	}
	return false
}
