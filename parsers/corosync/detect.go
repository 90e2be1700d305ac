package corosync

import (
	"path/filepath"
	"strings"

	"hakit/internal/lazyre"
)

var (
	totemRe   = lazyre.New(`(?m)^[ \t]*totem[ \t]*\{`)
	sectionRe = lazyre.New(`(?m)^[ \t]*(nodelist|quorum|logging|aisexec|service)[ \t]*\{`)
)

// Detect scores how likely src (named filename) is a corosync.conf or
// openais.conf, for the parsers registry: 90 by name, up to 85 by content,
// 0 when neither fits.
func Detect(filename string, src []byte) int {
	base := strings.ToLower(filepath.Base(filename))
	if strings.HasSuffix(base, "corosync.conf") || strings.HasSuffix(base, "openais.conf") ||
		strings.HasPrefix(base, "corosync.conf.") {
		return 90
	}
	head := src
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	switch {
	case totemRe().Match(head):
		return 85
	case sectionRe().Match(head):
		return 40
	}
	return 0
}
