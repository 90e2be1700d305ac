package heartbeat

import (
	"io/fs"
	"net"
	"path/filepath"
	"strings"

	"hakit/model"
)

// File kinds of a heartbeat configuration directory.
const (
	KindHaCf        = "ha.cf"
	KindAuthkeys    = "authkeys"
	KindHaresources = "haresources"
	KindHosts       = "hosts"
)

// KindByName tells the heartbeat file kind from a file name alone ("" when
// the name says nothing). ha.cf variants (ha.cf.node1, cluster-a.ha.cf) count
// as ha.cf.
func KindByName(filename string) string {
	b := filepath.Base(filename)
	switch {
	case strings.HasSuffix(b, ".want") || strings.HasSuffix(b, ".golden"):
		return ""
	case b == "authkeys" || strings.HasPrefix(b, "authkeys."):
		return KindAuthkeys
	case b == "haresources" || strings.HasPrefix(b, "haresources."):
		return KindHaresources
	case b == "hosts":
		return KindHosts
	case b == "ha.cf" || strings.HasPrefix(b, "ha.cf.") || strings.HasSuffix(b, ".ha.cf"):
		return KindHaCf
	}
	return ""
}

// KindByContent guesses the heartbeat file kind from the content and scores
// the guess (0 none, up to 90).
func KindByContent(src []byte) (string, int) {
	var known, total, authish, hostsish, haresish int
	first := true
	for _, ln := range splitLines(src) {
		end := ln.end
		if i := strings.IndexByte(string(src[ln.start:ln.end]), '#'); i >= 0 {
			end = ln.start + i
		}
		toks := tokenize(src, ln.start, end, blankDelims)
		if len(toks) == 0 {
			continue
		}
		total++
		w := toks[0].text
		if first && strings.HasPrefix(w, "auth") && len(toks) >= 1 {
			if _, _, _, ok := scanInt(src, toks[0].start+4, end); ok {
				authish += 2
			}
		}
		first = false
		if len(toks) >= 2 {
			if _, ok := AuthMethods[toks[1].text]; ok && isDigits(w) {
				authish++
			}
		}
		if KnownDirective(w) && len(toks) >= 2 {
			known++
		}
		if net.ParseIP(w) != nil && len(toks) >= 2 {
			hostsish++
		}
		for _, t := range toks[1:] {
			if strings.Contains(t.text, "::") || ipShorthand().MatchString(t.text) {
				haresish++
				break
			}
		}
		if total >= 200 {
			break
		}
	}
	switch {
	case total == 0:
		return "", 0
	case authish >= 2 && authish*2 >= total:
		return KindAuthkeys, 80
	case known >= 2 && known*2 > total:
		return KindHaCf, 70
	case known == 1 && total == 1:
		return KindHaCf, 40
	case hostsish*2 > total:
		return KindHosts, 30
	case haresish*2 >= total && haresish > 0:
		return KindHaresources, 50
	}
	return "", 0
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Detect scores how likely filename/src is a heartbeat file (0..100), for
// the parsers registry.
func Detect(filename string, src []byte) int {
	if k := KindByName(filename); k != "" {
		if k == KindHosts {
			// Any /etc/hosts is named so; claim it firmly only when it
			// reads like one.
			if kc, _ := KindByContent(src); kc == KindHosts {
				return 60
			}
			return 20
		}
		return 90
	}
	_, score := KindByContent(src)
	return score
}

// Parse parses one heartbeat file, choosing the parser by file name and
// then by content. An authkeys file read this way has no mode; the registry
// adapter calls ParseAuthkeysMode instead when it has one.
func Parse(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	return ParseMode(src, filename, 0, false)
}

// ParseMode is Parse with the file's mode, used for authkeys.
func ParseMode(src []byte, filename string, mode fs.FileMode, hasMode bool) (*model.Cluster, model.Diagnostics) {
	kind := KindByName(filename)
	if kind == "" {
		kind, _ = KindByContent(src)
	}
	switch kind {
	case KindAuthkeys:
		return ParseAuthkeysMode(src, filename, mode, hasMode)
	case KindHaresources:
		return ParseHaresources(src, filename)
	case KindHosts:
		return ParseHosts(src, filename)
	case KindHaCf:
		return ParseHaCf(src, filename)
	}
	f := newFile(src, filename)
	if f.checkText("file") {
		f.errorf(0, 0, CodeUnreadable, "cannot tell which heartbeat file this is: name it ha.cf, authkeys, haresources or hosts")
	}
	return &model.Cluster{Membership: &model.Membership{Origin: "heartbeat"}}, f.diags
}
