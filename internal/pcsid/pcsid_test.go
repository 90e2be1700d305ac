package pcsid

import "testing"

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"fl-node1-1":    "fl-node1-1",
		"1abc":          "abc",
		"-_x.y z/é":     "_x.yz",
		"fl-node*.ex-2": "fl-node.ex-2",
		"":              "",
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
