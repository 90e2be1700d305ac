package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock advances by step on every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Unix(0, 0)
	return func() time.Time { t = t.Add(step); return t }
}

func TestNotATerminalDrawsNothing(t *testing.T) {
	var b bytes.Buffer
	l := newLine(&b, false, "reading", 3, fakeClock(time.Second))
	if l != nil {
		t.Fatal("New returned a line for a writer that is not a terminal")
	}
	// A nil line is safe to use.
	l.Step("a")
	l.Done()
	if b.Len() != 0 {
		t.Errorf("drew %q on a pipe", b.String())
	}
}

func TestTerminalDrawsAndErases(t *testing.T) {
	var b bytes.Buffer
	l := newLine(&b, true, "reading", 3, fakeClock(time.Second))
	l.Step("a.xml")
	l.Step("b.xml")
	l.Done()
	got := b.String()
	for _, want := range []string{"\r\x1b[Khakit: reading 1/3 a.xml", "\r\x1b[Khakit: reading 2/3 b.xml"} {
		if !strings.Contains(got, want) {
			t.Errorf("output %q lacks %q", got, want)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("output %q does not end by erasing the line", got)
	}
}

func TestQuickRunsStaySilent(t *testing.T) {
	var b bytes.Buffer
	l := newLine(&b, true, "reading", 100, fakeClock(time.Millisecond))
	for range 100 {
		l.Step("x")
	}
	l.Done()
	if b.Len() != 0 {
		t.Errorf("a 100 ms run drew %q", b.String())
	}
}

func TestThrottledAndCut(t *testing.T) {
	var b bytes.Buffer
	l := newLine(&b, true, "cases", 0, fakeClock(100*time.Millisecond))
	long := strings.Repeat("d/", 60) + "end.xml"
	for range 20 {
		l.Step(long)
	}
	draws := strings.Count(b.String(), "\r\x1b[K")
	// 2 s of work at one draw per 250 ms at most.
	if draws == 0 || draws > 8 {
		t.Errorf("%d redraws for 20 steps of 100 ms", draws)
	}
	for _, line := range strings.Split(b.String(), "\r\x1b[K") {
		if n := len([]rune(line)); n > Width {
			t.Errorf("line of %d code points: %q", n, line)
		}
		if line != "" && !strings.HasSuffix(line, "end.xml") {
			t.Errorf("line lost the item's end: %q", line)
		}
	}
}

func TestTickerShowsALongStep(t *testing.T) {
	old := Interval
	Interval = 20 * time.Millisecond
	defer func() { Interval = old }()
	var b syncBuffer
	l := New(&b, true, "checking", 0)
	l.Step("big.xml")
	time.Sleep(150 * time.Millisecond)
	l.Done()
	l.Done() // twice is harmless
	got := b.String()
	if !strings.Contains(got, "hakit: checking 1 big.xml") {
		t.Errorf("one long step drew nothing: %q", got)
	}
	n := len(got)
	time.Sleep(60 * time.Millisecond)
	if len(b.String()) != n {
		t.Errorf("the line was redrawn after Done")
	}
}

func TestElapsed(t *testing.T) {
	var b bytes.Buffer
	l := newLine(&b, true, "reading", 1, fakeClock(3*time.Second))
	l.Step("x")
	if !strings.Contains(b.String(), "reading 1/1 x (3s)") {
		t.Errorf("%q", b.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
