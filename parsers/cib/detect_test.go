package cib_test

import (
	"testing"

	"hakit/parsers/cib"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      int
	}{
		{"cib.xml", `<cib validate-with="pacemaker-3.9">`, 100},
		{"-", "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- a comment -->\n<!DOCTYPE cib [<!ENTITY a \"x\">]>\n<cib>", 100},
		{"x", "<configuration>\n<resources/>", 95},
		{"cluster.conf.xml", `<cluster name="a">`, 30},
		{"cluster.conf", `<cluster name="a">`, 0},
		{"corosync.conf", "totem {\n}", 0},
		{"odd.xml", "", 30},
		{"cibx", "<cibx/>", 0},
	} {
		if got := cib.Detect(tc.name, []byte(tc.src)); got != tc.want {
			t.Errorf("Detect(%q, %q) = %d, want %d", tc.name, tc.src, got, tc.want)
		}
	}
}
