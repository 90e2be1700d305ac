package corosync

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// sectionOpens answers as the regexps it replaced, on hand-made lines and
// on every test file.
func TestSectionOpensAsRegexp(t *testing.T) {
	totem := regexp.MustCompile(`(?m)^[ \t]*totem[ \t]*\{`)
	section := regexp.MustCompile(`(?m)^[ \t]*(nodelist|quorum|logging|aisexec|service)[ \t]*\{`)
	inputs := []string{"", "totem{", "totem {", " \ttotem \t{", "totem\n{", "x\ntotem {", "\r\ntotem {", "totem\r{", "totemx {",
		"# totem {", "logging {\n", "a\n\n  service{", "nodelist", "quorum  ", "\n", "aisexec\t{", "xtotem {", "totem {\n"}
	for _, pat := range []string{"../../testdata/corosync/*", "../../testdata/*/*.conf", "../../testdata/*/*/*"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				inputs = append(inputs, string(b))
			}
		}
	}
	for _, in := range inputs {
		b := []byte(in)
		if got, want := sectionOpens(b, "totem"), totem.Match(b); got != want {
			t.Errorf("totem in %q: %v, regexp %v", in, got, want)
		}
		if got, want := sectionOpens(b, "nodelist", "quorum", "logging", "aisexec", "service"), section.Match(b); got != want {
			t.Errorf("sections in %q: %v, regexp %v", in, got, want)
		}
	}
}
