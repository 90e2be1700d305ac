package model

import (
	"bytes"
	"fmt"
	"sync/atomic"
)

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
// Columns count code points, as Pos requires. It indexes src on every call;
// parsers that need many positions build one LineIndex.
func PosAt(src []byte, off int) Pos {
	return NewLineIndex(src).Pos(off)
}

// LineIndex maps byte offsets of one source to positions in constant time:
// it is built in one pass over the source (line starts, and for non-ASCII
// text the number of code points before every block of 256 bytes), so a
// column never costs a scan from the start of its line — a CIB written on
// one line of megabytes costs the same per position as a pretty-printed one.
type LineIndex struct {
	src   []byte
	lines []int   // byte offset of the start of each line
	runes []int32 // code points before src[k*blockSize]; nil when src is ASCII
	// last is the line of the last position asked for: parsers ask in
	// source order, so the next one is mostly on it or the line after.
	last atomic.Int64
}

const blockShift = 8 // blocks of 256 bytes

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	li := &LineIndex{src: src, lines: make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		li.lines = append(li.lines, i)
	}
	ascii := true
	for _, b := range src {
		if b >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		li.runes = make([]int32, len(src)>>blockShift+1)
		n := int32(0)
		for k := range li.runes[1:] {
			for _, b := range src[k<<blockShift : (k+1)<<blockShift] {
				if b&0xC0 != 0x80 {
					n++
				}
			}
			li.runes[k+1] = n
		}
	}
	return li
}

// runesBefore counts the code points of src[:off].
func (li *LineIndex) runesBefore(off int) int {
	if li.runes == nil {
		return off
	}
	k := off >> blockShift
	n := int(li.runes[k])
	for _, b := range li.src[k<<blockShift : off] {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// Pos returns the position of byte offset off (clamped to the source).
func (li *LineIndex) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	lo := li.line(off)
	col := 1 + li.runesBefore(off) - li.runesBefore(li.lines[lo])
	return Pos{Line: lo + 1, Column: col, Byte: off}
}

// line returns the index of the line holding byte offset off.
func (li *LineIndex) line(off int) int {
	on := func(l int) bool { return li.lines[l] <= off && (l+1 == len(li.lines) || off < li.lines[l+1]) }
	if h := int(li.last.Load()); h < len(li.lines) {
		if on(h) {
			return h
		}
		if h+1 < len(li.lines) && on(h+1) {
			li.last.Store(int64(h + 1))
			return h + 1
		}
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
	li.last.Store(int64(lo))
	return lo
}

// Range returns the range [start, end) of file filename.
func (li *LineIndex) Range(filename string, start, end int) Range {
	return Range{Filename: filename, Start: li.Pos(start), End: li.Pos(end)}
}
