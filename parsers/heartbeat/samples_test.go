package heartbeat

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestSamples runs the parsers over the public samples in ../shared (read,
// never copied) and checks that the only errors are the samples' genuine
// problems.
func TestSamples(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "formats", "samples")
	if _, err := os.Stat(root); err != nil {
		t.Skip("../shared/formats/samples not present")
	}
	// The genuine problems of the samples, as "file:line:code".
	known := map[string]bool{
		"github_maxencecolmant_asterrisk-project_ha.cf:4:HA5003": true, // logfacility local10
		"github_maxencecolmant_asterrisk-project_ha.cf:9:HA5001": true, // undport
	}
	var got []string
	for _, dir := range []string{"ha.cf", "authkeys", "haresources"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*"))
		for _, path := range files {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, ds := ParseMode(src, dir, 0o600, true) // parse by kind: the directory names the kind
			for _, d := range ds {
				if d.Severity < 3 {
					continue
				}
				key := filepath.Base(path) + ":" + strconv.Itoa(d.Subject.Start.Line) + ":" + d.Code
				got = append(got, key+" "+d.Summary)
				if !known[key] {
					t.Errorf("%s: unexpected %s", path, d.Error())
				}
			}
		}
	}
	sort.Strings(got)
	t.Logf("errors in the samples:\n%s", strings.Join(got, "\n"))
}
