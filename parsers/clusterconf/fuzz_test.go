package clusterconf

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: no panic, a model always, every range inside the source. (The
// converter has its own fuzz target, convert.FuzzCMANConvert.)
func FuzzParse(f *testing.F) {
	for _, pat := range []string{"*.conf", "bad/*.conf", "../verify/HA6*/*.conf"} {
		files, _ := filepath.Glob(filepath.Join(testdata, pat))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte(`<cluster name="a"><rm><service name="s"><ip ref="x"/></service></rm></cluster>`))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := Parse(src, "fuzz.conf")
		if c == nil || c.Membership == nil {
			t.Fatal("no model")
		}
		checkRanges(t, src, ds)
	})
}
