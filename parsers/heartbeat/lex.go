package heartbeat

import (
	"strings"

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
func tokenize(src []byte, start, end int, delims string) []token {
	var out []token
	i := start
	for i < end {
		for i < end && strings.IndexByte(delims, src[i]) >= 0 {
			i++
		}
		j := i
		for j < end && strings.IndexByte(delims, src[j]) < 0 {
			j++
		}
		if j > i {
			out = append(out, token{string(src[i:j]), i, j})
		}
		i = j
	}
	return out
}

// trimSpan trims blanks from both ends of src[start:end].
func trimSpan(src []byte, start, end int) (int, int) {
	for start < end && strings.IndexByte(blankDelims, src[start]) >= 0 {
		start++
	}
	for end > start && strings.IndexByte(blankDelims, src[end-1]) >= 0 {
		end--
	}
	return start, end
}

// file bundles what lowering needs to make ranges and diagnostics.
type file struct {
	name  string
	src   []byte
	li    *model.LineIndex
	diags model.Diagnostics
}

func newFile(src []byte, filename string) *file {
	return &file{name: filename, src: src, li: model.NewLineIndex(src)}
}

func (f *file) rng(start, end int) model.Range { return f.li.Range(f.name, start, end) }

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
	if len(strings.TrimSpace(string(f.src))) == 0 {
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
