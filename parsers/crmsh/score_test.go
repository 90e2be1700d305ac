package crmsh

import (
	"regexp"
	"slices"
	"testing"
)

// scoreMatch finds what the regexp it stands for finds.
func TestScoreMatchAsRegexp(t *testing.T) {
	scoreRE := regexp.MustCompile(`^([^:]+):$`)
	for _, v := range []string{"", ":", "::", "a:", "a::", ":a:", "100:", "-inf:", "a:b:", "a", "a:b", "a\n:", "\n:", "ä:", "\xff:", " :", "t1:"} {
		if got, want := scoreMatch(v), scoreRE.FindStringSubmatch(v); !slices.Equal(got, want) {
			t.Errorf("%q: scoreMatch %q, regexp %q", v, got, want)
		}
	}
}

// The hand-written matchers answer as the regexps they stand for.
func TestMatchersAsRegexps(t *testing.T) {
	cases := []string{"", "a", "A1", "0", "-x", "_x", "#x", "$x", "@x", ".x", "a=b", "a b", "\u212ax", "\u017fx", "éx",
		"\xffx", "x\xff", "ocf:heartbeat:IPaddr2", "stonith:fence_ipmilan", "a/b.c@d-e", "a b:c", "a\n", "12", "1a", "\u0661"}
	for _, c := range []struct {
		name string
		f    func(string) bool
		re   string
	}{
		{"isIdent", isIdent, `(?i)^[a-z0-9_#$-][^=]*$`},
		{"isResource", isResource, `(?i)^[a-z_#$][^=]*$`},
		{"isRAType", isRAType, `(?i)^[a-z0-9_:./@-]+$`},
		{"isDigits", isDigits, `^\d+$`},
	} {
		re := regexp.MustCompile(c.re)
		for _, v := range cases {
			if got, want := c.f(v), re.MatchString(v); got != want {
				t.Errorf("%s(%q) = %v, regexp %v", c.name, v, got, want)
			}
		}
	}
}

// xmlText's ASCII path answers as the rune loop does.
func TestXMLTextASCII(t *testing.T) {
	for _, v := range []string{"", "a", "a b", "\t\n\r", "\x00", "a\x1f", "\x7f", "é", "a\xff", "\xef\xbf\xbe", "a\x01é", "é\x01"} {
		if got, want := xmlText(v), xmlRunes(v); got != want {
			t.Errorf("xmlText(%q) = %v, rune loop %v", v, got, want)
		}
	}
}
