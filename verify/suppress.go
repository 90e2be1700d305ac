package verify

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"hakit/model"
)

// suppressMarker starts an inline suppression inside a comment.
const suppressMarker = "hakit:ignore"

// suppression is one inline "hakit:ignore" comment or configuration ignore
// entry.
type suppression struct {
	rules  []string // IDs or globs
	reason string
	at     model.Range
	// file and lines select the findings suppressed (inline comments);
	// path selects by glob (configuration entries).
	file   string
	lines  [2]int
	path   string
	inline bool
	used   bool
}

func (s *suppression) matches(d *model.Diagnostic) bool {
	ruleOK := false
	for _, r := range s.rules {
		if matchRule(r, d.Code) {
			ruleOK = true
			break
		}
	}
	if !ruleOK {
		return false
	}
	if !s.inline {
		file := ""
		if d.Subject != nil {
			file = d.Subject.Filename
		}
		return matchPath(s.path, file)
	}
	if d.Subject == nil || d.Subject.Filename != s.file {
		return false
	}
	l := d.Subject.Start.Line
	return l == s.lines[0] || l == s.lines[1]
}

// scanSuppressions finds the inline suppressions of one file. A comment
// holding "hakit:ignore ID[,ID...] reason" suppresses findings of those
// rules on its own line and, when the comment is alone on its line, on the
// next line. Recognised comment starts: "#" (crm, pcs, corosync, ha.cf,
// dlm.conf, ...) and "<!--" (XML, where "-->" ends the reason).
func scanSuppressions(filename string, src []byte) []*suppression {
	if !bytes.Contains(src, []byte(suppressMarker)) {
		return nil
	}
	var out []*suppression
	line, off := 0, 0
	for off <= len(src) {
		line++
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		text := string(src[off:end])
		if i := strings.Index(text, suppressMarker); i >= 0 {
			if s := parseSuppression(filename, line, off, text, i); s != nil {
				out = append(out, s)
			}
		}
		off = end + 1
	}
	return out
}

func parseSuppression(filename string, line, lineOff int, text string, at int) *suppression {
	before := text[:at]
	var commentStart int
	switch {
	case strings.Contains(before, "<!--"):
		commentStart = strings.LastIndex(before, "<!--")
	case strings.Contains(before, "#"):
		commentStart = strings.LastIndex(before, "#")
	default:
		return nil // not in a comment
	}
	// Between the comment start and the marker only spaces and comment
	// characters may stand.
	if strings.Trim(before[commentStart:], "<!-# \t") != "" {
		return nil
	}
	rest := text[at+len(suppressMarker):]
	endByte := len(text)
	if i := strings.Index(rest, "-->"); i >= 0 {
		endByte = at + len(suppressMarker) + i + 3
		rest = rest[:i]
	}
	endCol := utf8.RuneCountInString(text[:endByte]) + 1
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil // "hakit:ignored" or similar
	}
	fields := strings.Fields(rest)
	s := &suppression{file: filename, inline: true}
	if len(fields) > 0 {
		for _, id := range strings.Split(fields[0], ",") {
			if id = strings.TrimSpace(id); id != "" {
				s.rules = append(s.rules, strings.ToUpper(id))
			}
		}
		s.reason = strings.Join(fields[1:], " ")
	}
	startCol := utf8.RuneCountInString(text[:at]) + 1
	s.at = model.Range{Filename: filename,
		Start: model.Pos{Line: line, Column: startCol, Byte: lineOff + at},
		End:   model.Pos{Line: line, Column: endCol, Byte: lineOff + endByte}}
	alone := strings.TrimSpace(text[:commentStart]) == ""
	s.lines = [2]int{line, line}
	if alone {
		s.lines[1] = line + 1
	}
	return s
}
