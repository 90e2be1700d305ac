package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// minTextCore is how many core cases' text must be crm_simulate 2.1.5's
// (summary-2.1.5/) after whitespace normalisation, as
// ../shared/tools/simtext.py counts them; set at the measured figure.
const minTextCore = 220

var (
	textSpace = regexp.MustCompile(`\s+`)
	textLog   = regexp.MustCompile(`(?i)^\(?\w*\)?\s*(warning|error|notice|info):`)
)

// normText is simtext.py's normalisation: from "Current cluster status:"
// on, whitespace runs as one space, no blank, log or parenthesised lines.
func normText(s string) []string {
	var out []string
	started := false
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "Current cluster status:") {
			started = true
		}
		if !started {
			continue
		}
		l = strings.TrimSpace(textSpace.ReplaceAllString(l, " "))
		if l == "" || textLog.MatchString(l) || strings.HasPrefix(l, "(") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func TestCorpusText(t *testing.T) {
	sumDir := filepath.Join(dir, "summary-2.1.5")
	if _, err := os.Stat(sumDir); err != nil {
		t.Skip("../shared/pacemaker-scheduler is absent")
	}
	names, err := Names(dir, "core")
	if err != nil {
		t.Fatal(err)
	}
	ok, total := 0, 0
	for _, n := range names {
		want, err := os.ReadFile(filepath.Join(sumDir, n+".summary"))
		if err != nil {
			continue
		}
		total++
		res, err := CaseFor(dir, n, "2.1")
		if err != nil {
			continue
		}
		var b bytes.Buffer
		if err := res.WriteText(&b); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if strings.Join(normText(b.String()), "\n") == strings.Join(normText(string(want)), "\n") {
			ok++
		}
	}
	t.Logf("core: text identical on %d of %d", ok, total)
	if ok < minTextCore {
		t.Errorf("core: text identical on %d of %d, want at least %d", ok, total, minTextCore)
	}
}
