package sim

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"hakit/internal/golden"
)

// TestScoresGolden keeps --show-scores' lines for testdata/sim/scores
// (checked against crm_simulate -s by TestConformanceScores).
func TestScoresGolden(t *testing.T) {
	files, err := filepath.Glob("../testdata/sim/scores/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/sim/scores/*.xml: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			res := runFile(t, f, &Events{Scores: true})
			var b bytes.Buffer
			if err := res.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			i, j := strings.Index(out, "Allocation Scores:"), strings.Index(out, "Transition Summary:")
			if i < 0 || j < i {
				t.Fatalf("no Allocation Scores section:\n%s", out)
			}
			golden.Check(t, strings.TrimSuffix(f, ".xml")+".scores.golden", []byte(out[i:j]))
		})
	}
}
