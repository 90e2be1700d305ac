//go:build conformance

package sim

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// scoreLine matches crm_simulate -s's score lines: allocation scores
// ("pcmk__primitive_assign: rsc allocation score on node: N", also
// pcmk__group_assign and pcmk__clone_allocate) and promotion scores.
var scoreLine = regexp.MustCompile(`^(pcmk__\w+: |\S+ promotion score on )`)

func scoreLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if scoreLine.MatchString(l) {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// TestConformanceScores compares --show-scores with crm_simulate -s on the
// small clusters in testdata/sim/scores (primitives with locations and
// stickiness, a group, an anonymous clone): the same lines, in the same
// order. Three crm_simulate runs, well under a second.
func TestConformanceScores(t *testing.T) {
	files, err := filepath.Glob("../testdata/sim/scores/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/sim/scores/*.xml: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want := scoreLines(crmSimulate(t, "-x", f, "-s", "-S"))
			res := runFile(t, f, &Events{Scores: true})
			var b bytes.Buffer
			if err := res.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			got := scoreLines(b.String())
			if len(want) == 0 {
				t.Fatal("crm_simulate -s printed no scores")
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("scores differ from crm_simulate -s\n--- crm_simulate\n%s\n--- hakit\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
			}
		})
	}
}
