// Package progress draws a one-line progress indicator on a terminal:
// "hakit: reading 12/40 cib-12.xml", redrawn in place at most every
// Interval and erased when the work is done. It draws nothing at all when
// its writer is not a terminal, so CI logs and piped output never see it.
//
// A nil *Line is valid and does nothing, so callers need no checks.
package progress

import (
	"fmt"
	"io"
	"sync"
	"time"
	"unicode/utf8"
)

// Interval is the shortest time between two redraws; and nothing is drawn
// before the work has run this long, so quick runs stay silent.
var Interval = 250 * time.Millisecond

// Width is the longest line drawn, in code points (the item's name is cut
// from the left to fit, keeping its end).
const Width = 78

// Line is one progress line.
type Line struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	total int
	n     int
	start time.Time
	last  time.Time
	drawn bool
	now   func() time.Time
}

// New returns a progress line on w for total steps (0 when unknown), or nil
// when isTerminal is false.
func New(w io.Writer, isTerminal bool, label string, total int) *Line {
	return newLine(w, isTerminal, label, total, time.Now)
}

func newLine(w io.Writer, isTerminal bool, label string, total int, now func() time.Time) *Line {
	if !isTerminal || w == nil {
		return nil
	}
	t := now()
	return &Line{w: w, label: label, total: total, start: t, now: now}
}

// Step counts one step, working on item, and redraws when due.
func (l *Line) Step(item string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n++
	t := l.now()
	if t.Sub(l.start) < Interval || (l.drawn && t.Sub(l.last) < Interval) {
		return
	}
	l.last = t
	l.drawn = true
	fmt.Fprint(l.w, "\r\x1b[K"+l.text(item))
}

func (l *Line) text(item string) string {
	head := "hakit: " + l.label + " "
	if l.total > 0 {
		head += fmt.Sprintf("%d/%d ", l.n, l.total)
	} else {
		head += fmt.Sprintf("%d ", l.n)
	}
	room := Width - utf8.RuneCountInString(head)
	if r := []rune(item); len(r) > room && room > 1 {
		item = "…" + string(r[len(r)-room+1:])
	}
	return head + item
}

// Done erases the line, if one was drawn.
func (l *Line) Done() {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.drawn {
		fmt.Fprint(l.w, "\r\x1b[K")
		l.drawn = false
	}
}
