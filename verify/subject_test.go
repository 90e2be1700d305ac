package verify_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"hakit/verify"
)

// TestFindingsNameTheirSubject audits issue 14's "every finding names its
// subject and sits on its line" over the rule testdata: every finding of a
// rule in its bad cases sits on a marked line (TestRuleTestdata checks
// that) and its message quotes something that line names — an XML
// attribute value (id, name, rsc, value, ...) of the element there, or a
// word of a text line (a corosync key, a crm id, a heartbeat directive).
var (
	xmlAttr     = regexp.MustCompile(`([\w:-]+)\s*=\s*"([^"]*)"`)
	xmlTag      = regexp.MustCompile(`<[/!?]?([\w:-]+)`)
	xmlComment  = regexp.MustCompile(`<!--(.*?)-->`)
	textWord    = regexp.MustCompile(`[^\s:=,;"'()\[\]{}<>$]+`)
	wantComment = regexp.MustCompile(`(<!--\s*want[^>]*-->|#\s*want\b.*$)`)
)

// syntaxRules report text no parser can read: the position is the
// subject, there is no name to quote.
var syntaxRules = map[string]bool{
	"HA0101": true, "HA0110": true, "HA2001": true, "HA2002": true, "HA2003": true, "HA2009": true,
	"HA3001": true, "HA4001": true, "HA4003": true, "HA4004": true, "HA5010": true, "HA5020": true, "HA5030": true,
	"HA4501": true, "HA6901": true,
	// The dlm parser's indented-line warning (parsers/dlm, not a verify
	// rule) does not quote the line yet.
	"HA4502": true,
}

// lineNames returns what line names: in XML the tags, attribute names and
// values (and their words) and the words of comments other than the
// want marker; in text every word, keys and values split at ":" and "=".
func lineNames(line string) []string {
	code := wantComment.ReplaceAllString(line, "")
	var out []string
	if strings.Contains(code, "<") && (xmlTag.MatchString(code)) {
		for _, m := range xmlAttr.FindAllStringSubmatch(code, -1) {
			if m[1] != "id" {
				out = append(out, m[1])
			}
			out = append(out, m[2])
			out = append(out, strings.Fields(m[2])...)
		}
		for _, m := range xmlTag.FindAllStringSubmatch(code, -1) {
			out = append(out, m[1])
		}
		for _, m := range xmlComment.FindAllStringSubmatch(code, -1) {
			out = append(out, textWord.FindAllString(m[1], -1)...)
		}
		return out
	}
	return textWord.FindAllString(code, -1)
}

// names reports whether msg quotes one of the names: as a substring when
// it has four characters or more, as a whole word otherwise.
func names(msg string, ns []string) bool {
	for _, n := range ns {
		if n == "" {
			continue
		}
		if len(n) >= 4 && strings.Contains(msg, n) {
			return true
		}
		if regexp.MustCompile(`(^|[^\w])` + regexp.QuoteMeta(n) + `([^\w]|$)`).MatchString(msg) {
			return true
		}
	}
	return false
}

func TestFindingsNameTheirSubject(t *testing.T) {
	checked := 0
	for _, r := range verify.Rules() {
		for _, tc := range ruleCases(t, r.ID) {
			if !tc.bad {
				continue
			}
			inputs, skip := loadCase(t, tc)
			if skip != "" {
				continue
			}
			srcs := map[string][]string{}
			for _, f := range tc.files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				srcs[f] = strings.Split(string(b), "\n")
			}
			for _, d := range verify.Run(context.Background(), inputs, &verify.Config{Enable: []string{r.ID}}) {
				if d.Code != r.ID || d.Subject == nil {
					continue
				}
				lines, ok := srcs[d.Subject.Filename]
				l := d.Subject.Start.Line
				if !ok || l < 1 || l > len(lines) {
					continue
				}
				if syntaxRules[r.ID] {
					continue
				}
				checked++
				ns := lineNames(lines[l-1])
				if len(ns) == 0 {
					continue // an empty file or line: nothing to name
				}
				// A finding about a whole file names the file.
				ns = append(ns, d.Subject.Filename)
				if !names(d.Summary+" "+d.Detail, ns) {
					t.Errorf("%s/%s: %s:%d: %q names nothing of its line %q", r.ID, tc.name, d.Subject.Filename, l, d.Summary, strings.TrimSpace(lines[l-1]))
				}
			}
		}
	}
	t.Logf("%d findings checked", checked)
}
