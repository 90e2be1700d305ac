package dlm

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Detect scores how likely src (named filename) is a dlm.conf, for the
// parsers registry: 90 by name; by content up to 70 when every
// non-comment line is a dlm option (key=value with a known key) or a dlm
// fencing/lockspace line, and there are no braces or colons of other
// formats.
func Detect(filename string, src []byte) int {
	base := strings.ToLower(filepath.Base(filename))
	if strings.HasSuffix(base, "dlm.conf") || base == "dlm_controld.conf" {
		return 90
	}
	if bytes.ContainsAny(src, "{}<") {
		return 0
	}
	known, lines := 0, 0
	for _, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' {
			continue
		}
		lines++
		w := strings.Fields(t)[0]
		if k, _, ok := strings.Cut(w, "="); ok {
			w = k
		}
		if w == "node" && !strings.Contains(t, "id=") {
			continue // ha.cf's "node NAME"
		}
		if _, ok := Known[w]; ok || lineWords[w] != 0 {
			known++
		}
		if lines > 200 {
			break
		}
	}
	switch {
	case known == 0:
		return 0
	case known == lines:
		return 70
	case known*2 >= lines:
		return 30
	}
	return 0
}
