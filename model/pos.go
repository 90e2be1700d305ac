package model

import "fmt"

// Pos is a position in a source file. Line and Column are 1-based; Column
// counts Unicode code points. Byte is the 0-based byte offset.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// Range is a half-open range [Start, End) in the file Filename.
type Range struct {
	Filename string `json:"file,omitempty"`
	Start    Pos    `json:"start"`
	End      Pos    `json:"end"`
}

// IsZero reports whether r carries no position at all.
func (r Range) IsZero() bool { return r.Filename == "" && r.Start.Line == 0 }

// String formats r as file:line:col, the form editors and CI annotate.
func (r Range) String() string {
	if r.Start.Line == 0 {
		if r.Filename == "" {
			return "-"
		}
		return r.Filename
	}
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// Contains reports whether the byte offset off lies inside r.
func (r Range) Contains(off int) bool { return off >= r.Start.Byte && off < r.End.Byte }

// PosAt computes the position of byte offset off in src (clamped to src).
// Columns count code points, as Pos requires. It is O(off); parsers that need
// many positions should use a LineIndex.
func PosAt(src []byte, off int) Pos {
	return NewLineIndex(src).Pos(off)
}

// LineIndex maps byte offsets of one source to positions.
type LineIndex struct {
	src   []byte
	lines []int // byte offset of the start of each line
}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(src []byte) *LineIndex {
	li := &LineIndex{src: src, lines: []int{0}}
	for i, b := range src {
		if b == '\n' {
			li.lines = append(li.lines, i+1)
		}
	}
	return li
}

// Pos returns the position of byte offset off (clamped to the source).
func (li *LineIndex) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	lo, hi := 0, len(li.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := 1
	for _, r := range string(li.src[li.lines[lo]:off]) {
		_ = r
		col++
	}
	return Pos{Line: lo + 1, Column: col, Byte: off}
}

// Range returns the range [start, end) of file filename.
func (li *LineIndex) Range(filename string, start, end int) Range {
	return Range{Filename: filename, Start: li.Pos(start), End: li.Pos(end)}
}
