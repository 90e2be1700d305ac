package heartbeat

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"hakit/model"
)

// srcLine is one physical line: [start, end) excludes the line break and a
// trailing CR.
type srcLine struct {
	num        int // 1-based
	start, end int
}

func splitLines(src []byte) []srcLine {
	var out []srcLine
	start := 0
	for i := 0; i <= len(src); i++ {
		if i == len(src) || src[i] == '\n' {
			end := i
			if end > start && src[end-1] == '\r' {
				end--
			}
			if i == len(src) && start == len(src) {
				break
			}
			out = append(out, srcLine{num: len(out) + 1, start: start, end: end})
			start = i + 1
		}
	}
	return out
}

// token is a word of the source with its byte extent.
type token struct {
	text       string
	start, end int
}

// ha.cf's DELIMS: option values split on blanks and commas.
const (
	optionDelims = ", \t\n\r\f\v"
	blankDelims  = " \t\n\r\f\v"
)

// tokenize splits src[start:end] on any byte of delims.
func tokenize[S ~string | ~[]byte](src S, start, end int, delims string) []token {
	return tokenizeInto(nil, src, start, end, delims)
}

// tokenizeInto is tokenize appending to out.
func tokenizeInto[S ~string | ~[]byte](out []token, src S, start, end int, delims string) []token {
	commas := strings.IndexByte(delims, ',') >= 0 // delims is optionDelims or blankDelims
	i := start
	for i < end {
		for i < end && (isBlank(src[i]) || commas && src[i] == ',') {
			i++
		}
		j := i
		for j < end && !isBlank(src[j]) && (!commas || src[j] != ',') {
			j++
		}
		if j > i {
			out = append(out, token{string(src[i:j]), i, j})
		}
		i = j
	}
	return out
}

// isBlank reports whether c is in blankDelims (C's isspace).
func isBlank(c byte) bool { return c == ' ' || c-'\t' <= '\r'-'\t' }

// trimSpan trims blanks from both ends of src[start:end].
func trimSpan[S ~string | ~[]byte](src S, start, end int) (int, int) {
	for start < end && isBlank(src[start]) {
		start++
	}
	for end > start && isBlank(src[end-1]) {
		end--
	}
	return start, end
}

// file bundles what lowering needs to make ranges and diagnostics.
type file struct {
	name  string
	src   []byte
	text  string           // src as a string, made once
	li    *model.LineIndex // built on first use
	diags model.Diagnostics
	// the line being lowered, when a grammar's token gave it (atLine)
	lineNo, lineOff, lineEnd int
	// cpColumns counts a column a byte that does not continue a UTF-8
	// sequence, as model.LineIndex does, except at the end of the file
	// (ha.cf's columns were the line index's; they differ on invalid UTF-8).
	cpColumns bool
	// colOff's column is col (cpColumns only)
	colOff, col int
}

func newFile(src []byte, filename string) *file {
	return &file{name: filename, src: src, text: string(src)}
}

// atLine makes positions in [start, end), a line whose first byte is at
// start, count from line number n (a token's) rather than from the start
// of the file.
func (f *file) atLine(n, start, end int) {
	f.lineNo, f.lineOff, f.lineEnd = n, start, end
	f.colOff, f.col = start, 1
}

func (f *file) pos(off int) model.Pos {
	if f.lineNo > 0 && off >= f.lineOff && off <= f.lineEnd {
		col := 1
		if f.cpColumns && off != len(f.src) {
			// counted on from the last position asked for, when it is
			// before off: positions come mostly in order, so a line of
			// many values costs no scan a value
			from := f.lineOff
			if off >= f.colOff {
				from, col = f.colOff, f.col
			}
			for _, b := range f.src[from:off] {
				if b&0xC0 != 0x80 {
					col++
				}
			}
			f.colOff, f.col = off, col
		} else {
			col += utf8.RuneCount(f.src[f.lineOff:off])
		}
		return model.Pos{Line: f.lineNo, Column: col, Byte: off}
	}
	if off == 0 || off == len(f.src) { // the whole file's range
		nl := bytes.LastIndexByte(f.src[:off], '\n')
		return model.Pos{Line: 1 + bytes.Count(f.src[:off], []byte{'\n'}), Column: 1 + utf8.RuneCount(f.src[nl+1:off]), Byte: off}
	}
	if f.li == nil {
		f.li = model.NewLineIndex(f.src)
	}
	return f.li.Pos(off)
}

func (f *file) rng(start, end int) model.Range {
	return model.Range{Filename: f.name, Start: f.pos(start), End: f.pos(end)}
}

func (f *file) tokRange(t token) model.Range { return f.rng(t.start, t.end) }

func (f *file) errorf(start, end int, code, format string, args ...any) {
	f.diags.Errorf(f.rng(start, end), code, format, args...)
}

func (f *file) warnf(start, end int, code, format string, args ...any) {
	f.diags.Warnf(f.rng(start, end), code, format, args...)
}

// checkText reports empty, binary or non-UTF-8 input; it returns false when
// the input cannot be parsed at all.
func (f *file) checkText(what string) bool {
	if len(strings.TrimSpace(f.text)) == 0 {
		f.errorf(0, 0, CodeUnreadable, "%s is empty", what)
		return false
	}
	for i, b := range f.src {
		if b == 0 {
			f.errorf(i, i, CodeUnreadable, "%s is binary (NUL byte), not a configuration file", what)
			return false
		}
	}
	return true
}
