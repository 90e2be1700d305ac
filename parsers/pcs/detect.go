package pcs

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"
)

// Detect scores how likely src (named filename) is a pcs script, for the
// parsers registry: 0 never, 100 certain. A *.sh or *.pcs file with pcs
// commands scores 90, other files whose commands start with "pcs " up to
// 85 (by the share of such lines), a *.pcs file without them 60.
func Detect(src []byte, filename string) int {
	ext := strings.ToLower(filepath.Ext(filename))
	cmds, pcsCmds := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	cont := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		wasCont := cont
		cont = strings.HasSuffix(line, `\`)
		if wasCont || line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cmds++
		line = strings.TrimPrefix(line, "sudo ")
		if strings.HasPrefix(line, "pcs ") || strings.HasPrefix(line, "/usr/sbin/pcs ") {
			pcsCmds++
		}
	}
	switch {
	case pcsCmds > 0 && (ext == ".sh" || ext == ".pcs" || ext == ".bash"):
		return 90
	case pcsCmds > 0:
		return 50 + 35*pcsCmds/cmds
	case ext == ".pcs":
		return 60
	}
	return 0
}
