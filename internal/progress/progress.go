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
	item  string
	now   func() time.Time
	stop  chan struct{}
}

// New returns a progress line on w for total steps (0 when unknown, -1 for
// one step without a count), or nil
// when isTerminal is false.
// While the line is open, it is also redrawn every Interval with the time
// elapsed, so one long step (a 50 MB file) still shows that work goes on.
func New(w io.Writer, isTerminal bool, label string, total int) *Line {
	l := newLine(w, isTerminal, label, total, time.Now)
	if l != nil {
		l.stop = make(chan struct{})
		go l.tick(l.stop)
	}
	return l
}

func (l *Line) tick(stop chan struct{}) {
	t := time.NewTicker(max(Interval, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			l.mu.Lock()
			if l.stop == stop {
				l.draw(l.now())
			}
			l.mu.Unlock()
		}
	}
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
	l.item = item
	t := l.now()
	if l.drawn && t.Sub(l.last) < Interval {
		return
	}
	l.draw(t)
}

// draw redraws the line, once the work has run for Interval.
func (l *Line) draw(t time.Time) {
	if t.Sub(l.start) < Interval {
		return
	}
	l.last = t
	l.drawn = true
	fmt.Fprint(l.w, "\r\x1b[K"+l.text(l.item, t.Sub(l.start)))
}

func (l *Line) text(item string, elapsed time.Duration) string {
	head := "hakit: " + l.label + " "
	switch {
	case l.total > 0:
		head += fmt.Sprintf("%d/%d ", l.n, l.total)
	case l.total == 0:
		head += fmt.Sprintf("%d ", l.n)
	}
	tail := ""
	if elapsed >= 2*time.Second {
		tail = fmt.Sprintf(" (%ds)", int(elapsed.Seconds()))
	}
	room := Width - utf8.RuneCountInString(head) - utf8.RuneCountInString(tail)
	if r := []rune(item); len(r) > room && room > 1 {
		item = "…" + string(r[len(r)-room+1:])
	}
	return head + item + tail
}

// Done erases the line, if one was drawn.
func (l *Line) Done() {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stop != nil {
		close(l.stop)
		l.stop = nil
	}
	if l.drawn {
		fmt.Fprint(l.w, "\r\x1b[K")
		l.drawn = false
	}
}
