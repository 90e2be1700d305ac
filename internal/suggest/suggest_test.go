package suggest

import "testing"

func TestClosest(t *testing.T) {
	cands := []string{"interval", "timeout", "on-fail", "udpport", "keepalive"}
	for in, want := range map[string]string{
		"interfal":  "interval", // substitution
		"intreval":  "interval", // transposition
		"TIMEOUT":   "timeout",  // case only
		"undport":   "udpport",
		"keepalvie": "keepalive",
		"zzz":       "", // nothing close
		"":          "",
	} {
		if got := Closest(in, cands); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"ca", "ac", 1}, {"", "abc", 3}, {"çé", "ce", 2}, {"same", "same", 0}} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
