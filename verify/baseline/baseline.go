// Package baseline records the findings of a legacy configuration so that
// verify reports only new ones (hakit verify --baseline-write FILE, then
// --baseline FILE).
//
// A finding's fingerprint is keyed by its rule, its file, its message (which
// names the subject: resource, constraint, option or node id) and the
// whitespace-normalised source text of its subject — never by line or
// column, so edits elsewhere in the file leave it unchanged. Identical
// findings are counted: a baseline holding two of them hides two.
package baseline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"hakit/internal/lazyre"
	"hakit/model"
)

// Version is the format version written to and required of baseline files.
const Version = 1

// File is a baseline as stored (JSON, sorted, deterministic).
type File struct {
	Version  int      `json:"version"`
	Tool     string   `json:"tool"`
	Findings []*Entry `json:"findings"`
}

// Entry is one recorded finding: its fingerprint and, for people reading
// the file, its rule, file and message.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Message     string `json:"message"`
}

// Fingerprint returns d's fingerprint; src is the content of d's file (nil
// when unknown).
func Fingerprint(d *model.Diagnostic, src []byte) string {
	file := ""
	content := ""
	if d.Subject != nil {
		file = filepath.ToSlash(d.Subject.Filename)
		content = subjectText(d.Subject, src)
	}
	h := sha256.New()
	for _, part := range []string{d.Code, file, positionFree(d.Summary), content} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// positions matches "file:12:5", "file:12" and "line 12" inside a message
// (a related place quoted in the text), which an edit elsewhere moves.
var positions = lazyre.New(`(:\d+(:\d+)?\b)|(\blines? \d+\b)`)

// positionFree drops the positions a message quotes.
func positionFree(s string) string { return positions().ReplaceAllString(s, "") }

// subjectText is the source of the subject's range (its first line when the
// range spans several), with runs of white space folded to one space.
func subjectText(r *model.Range, src []byte) string {
	s, e := r.Start.Byte, r.End.Byte
	if src == nil || s < 0 || s > len(src) {
		return ""
	}
	if e < s || e > len(src) {
		e = s
	}
	if e == s {
		// A point: take its line.
		ls := strings.LastIndexByte(string(src[:s]), '\n') + 1
		le := strings.IndexByte(string(src[s:]), '\n')
		if le < 0 {
			le = len(src) - s
		}
		s, e = ls, s+le
	}
	text := string(src[s:e])
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	return strings.Join(strings.Fields(text), " ")
}

// New builds the baseline of ds; sources maps file names to their contents.
func New(ds model.Diagnostics, sources map[string][]byte) *File {
	f := &File{Version: Version, Tool: "hakit"}
	for _, d := range ds {
		e := &Entry{Fingerprint: Fingerprint(d, srcOf(d, sources)), Rule: d.Code, Message: d.Summary}
		if d.Subject != nil {
			e.File = filepath.ToSlash(d.Subject.Filename)
		}
		f.Findings = append(f.Findings, e)
	}
	sort.SliceStable(f.Findings, func(i, j int) bool {
		a, b := f.Findings[i], f.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Fingerprint < b.Fingerprint
	})
	return f
}

func srcOf(d *model.Diagnostic, sources map[string][]byte) []byte {
	if d.Subject == nil || sources == nil {
		return nil
	}
	return sources[d.Subject.Filename]
}

// Marshal writes f as indented JSON with a final newline.
func (f *File) Marshal() ([]byte, error) {
	if f.Findings == nil {
		f.Findings = []*Entry{}
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Parse reads a baseline file; name is used in errors.
func Parse(src []byte, name string) (*File, error) {
	var f File
	if err := json.Unmarshal(src, &f); err != nil {
		return nil, fmt.Errorf("%s: not a hakit baseline: %w", name, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (write it again with --baseline-write)", name, f.Version, Version)
	}
	return &f, nil
}

// Filter returns the findings of ds that the baseline does not hold, and
// how many it hid. Each recorded fingerprint hides as many findings as it
// was recorded times.
func (f *File) Filter(ds model.Diagnostics, sources map[string][]byte) (model.Diagnostics, int) {
	left := map[string]int{}
	for _, e := range f.Findings {
		left[e.Fingerprint]++
	}
	var out model.Diagnostics
	hidden := 0
	for _, d := range ds {
		fp := Fingerprint(d, srcOf(d, sources))
		if left[fp] > 0 {
			left[fp]--
			hidden++
			continue
		}
		out = append(out, d)
	}
	return out, hidden
}
