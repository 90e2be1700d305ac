package lazyre

import (
	"sync"
	"testing"
)

func TestNewCompilesOnceAndShares(t *testing.T) {
	re := New(`^a+$`)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = re() })
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] {
			t.Fatal("two goroutines got different *regexp.Regexp values")
		}
	}
	if !re().MatchString("aaa") || re().MatchString("ab") {
		t.Fatal("wrong expression compiled")
	}
}

func TestNewPanicsOnFirstUseNotBefore(t *testing.T) {
	re := New(`(`) // does not compile; New itself must not panic
	defer func() {
		if recover() == nil {
			t.Fatal("an invalid expression did not panic on first use")
		}
	}()
	re()
}

func TestLazyDelegates(t *testing.T) {
	re := Lazy(`"id":"([^"]*)"`)
	if !re.MatchString(`"id":"a"`) || re.MatchString(`"ID":"a"`) {
		t.Fatal("MatchString")
	}
	if m := re.FindAllSubmatch([]byte(`"id":"a","id":"b"`), -1); len(m) != 2 || string(m[1][1]) != "b" {
		t.Fatalf("FindAllSubmatch: %q", m)
	}
}
