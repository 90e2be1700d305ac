package model

import (
	"encoding/json"
	"testing"
)

// An op's attributes read the same whether kept as source text or as a
// list: every name (the scheduler's hot ones and others), duplicates (the
// first value wins), quotes of either kind, whitespace around '=', absent
// names, Set, List, All and JSON.
func TestOpAttrsTextAsList(t *testing.T) {
	text := " id=\"a_last_0\" operation = 'start'\n\tinterval=\"0\" rc-code=\"7\" exit-reason='say \"hi\"' id=\"dup\" op-digest='x\"y' call-id=\"\""
	want := Attrs{{"id", "a_last_0"}, {"operation", "start"}, {"interval", "0"}, {"rc-code", "7"},
		{"exit-reason", `say "hi"`}, {"op-digest", `x"y`}, {"call-id", ""}}
	for _, a := range []OpAttrs{OpAttrsText(text), OpAttrsList(want)} {
		if got := a.List(); !OpAttrsList(got).Equal(OpAttrsList(want)) {
			t.Fatalf("List = %q, want %q", got, want)
		}
		for _, w := range want {
			if v, ok := a.Get(w.Name); !ok || v != w.Value {
				t.Errorf("Get(%q) = %q, %v; want %q", w.Name, v, ok, w.Value)
			}
		}
		for _, absent := range []string{"op-status", "transition-key", "last-rc-change", "i"} {
			if v, ok := a.Get(absent); ok {
				t.Errorf("Get(%q) = %q, want absent", absent, v)
			}
		}
		n := 0
		for range a.All() {
			n++
		}
		if n != len(want) || a.Len() != len(want) {
			t.Errorf("All yields %d, Len %d; want %d", n, a.Len(), len(want))
		}
		b, _ := json.Marshal(a)
		if wb, _ := json.Marshal(want); string(b) != string(wb) {
			t.Errorf("JSON %s, want %s", b, wb)
		}
		c := a
		c.Set("rc-code", "0")
		c.Set("new", "1")
		if c.Value("rc-code") != "0" || c.Value("new") != "1" || c.Value("id") != "a_last_0" || c.Len() != len(want)+1 {
			t.Errorf("after Set: %q", c.List())
		}
	}
	if got := OpAttrsText(` a="1" b='2'`).List(); len(got) != 2 || got[0] != (Attr{"a", "1"}) || got[1] != (Attr{"b", "2"}) {
		t.Errorf("no duplicates: %q", got)
	}
	if e := OpAttrsText(""); e.List() == nil || e.Len() != 0 {
		t.Errorf("empty text: %#v", e.List())
	}
}

// LineIndex answers the same whatever order positions are asked in (it
// remembers the last line it found).
func TestLineIndexAnyOrder(t *testing.T) {
	src := []byte("ab\n\ncdé\nf\n\nlast")
	naive := func(off int) Pos {
		line, col := 1, 1
		for i, r := range string(src) {
			if i >= off {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return Pos{Line: line, Column: col, Byte: off}
	}
	li := NewLineIndex(src)
	order := []int{0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 16, 3, 0, 16, 9, 9, 4, 12, 1, 11, 10, 6, 8}
	for _, off := range order {
		if got, want := li.Pos(off), naive(off); got != want {
			t.Fatalf("Pos(%d) = %+v, want %+v", off, got, want)
		}
	}
}
