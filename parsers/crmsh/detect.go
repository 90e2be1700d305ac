package crmsh

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Detect scores how likely src is crm shell configure syntax: 85 for a *.crm
// name; 90 when the statements (up to 20 looked at) all start with crm
// configure commands; 40 when only the first does (ha.cf also has "node"
// lines); 0 for XML, "{" blocks and files named ha.cf.
func Detect(filename string, src []byte) int {
	score := 0
	base := strings.ToLower(filepath.Base(filename))
	if base == "ha.cf" || base == "haresources" {
		return 0
	}
	if strings.EqualFold(filepath.Ext(filename), ".crm") {
		score = 85
	}
	seen, good := 0, 0
	cont := false
	// Line by line up to the last one looked at, not the whole file.
	for rest := src; len(rest) > 0; {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		l := string(bytes.TrimSpace(line))
		wasCont := cont
		cont = strings.HasSuffix(l, "\\")
		if wasCont || l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasSuffix(l, "{") || strings.HasPrefix(l, "<") {
			return score
		}
		f := strings.Fields(l)
		kw := strings.ToLower(f[0])
		seen++
		if in(kw, commands) && kw != "xml" && (len(f) > 1 || cont) {
			good++
		} else if seen == 1 {
			return score
		}
		if seen == 20 {
			break
		}
	}
	switch {
	case seen > 0 && good == seen:
		return max(score, 90)
	case good > 0:
		return max(score, 40)
	}
	return score
}
