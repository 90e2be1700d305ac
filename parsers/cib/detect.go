package cib

import (
	"bytes"
	"strings"
)

// Detect scores how likely src (named name) is a CIB, for the parsers
// registry: 100 when the root element is <cib>, 95 for a bare
// <configuration>, 30 for another file whose name ends in .xml (so a format
// that recognises its own root wins), 0 otherwise.
func Detect(name string, src []byte) int {
	switch root := rootName(src); {
	case root == "cib":
		return 100
	case root == "configuration":
		return 95
	case root != "":
		if strings.HasSuffix(strings.ToLower(name), ".xml") {
			return 30
		}
		return 0
	}
	if strings.HasSuffix(strings.ToLower(name), ".xml") {
		return 30
	}
	return 0
}

// rootName returns the name of the first element of src, skipping a byte
// order mark, white space, the XML declaration, processing instructions,
// comments and a DOCTYPE. It looks at the first 64 KiB only.
func rootName(src []byte) string {
	if len(src) > 64<<10 {
		src = src[:64<<10]
	}
	s := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			i := bytes.Index(s, []byte("?>"))
			if i < 0 {
				return ""
			}
			s = s[i+2:]
		case bytes.HasPrefix(s, []byte("<!--")):
			i := bytes.Index(s[4:], []byte("-->"))
			if i < 0 {
				return ""
			}
			s = s[4+i+3:]
		case bytes.HasPrefix(s, []byte("<!")):
			// DOCTYPE, possibly with an internal subset.
			depth := 0
			i := 0
			for ; i < len(s); i++ {
				if s[i] == '[' {
					depth++
				} else if s[i] == ']' {
					depth--
				} else if s[i] == '>' && depth <= 0 {
					break
				}
			}
			if i >= len(s) {
				return ""
			}
			s = s[i+1:]
		case bytes.HasPrefix(s, []byte("<")):
			s = s[1:]
			end := bytes.IndexAny(s, " \t\r\n/>")
			if end < 0 {
				return ""
			}
			return string(s[:end])
		default:
			return ""
		}
	}
}
