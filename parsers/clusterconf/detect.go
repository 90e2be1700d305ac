package clusterconf

import (
	"bytes"
	"encoding/xml"
	"path/filepath"
	"strings"
)

// Detect scores how likely the file is a cluster.conf, for the parsers
// registry: 100 when the XML root element is <cluster>, 90 for the name
// cluster.conf (also cluster.conf.* backups) whatever the content, else 0.
func Detect(filename string, src []byte) int {
	if rootIsCluster(src) {
		return 100
	}
	base := strings.ToLower(filepath.Base(filename))
	if base == "cluster.conf" || strings.HasPrefix(base, "cluster.conf.") {
		return 90
	}
	return 0
}

// rootIsCluster reads up to the first element of src.
func rootIsCluster(src []byte) bool {
	if len(src) > 1<<16 {
		src = src[:1<<16]
	}
	// Text first (a crm or pcs script, ha.cf, ...) is not a cluster.conf:
	// what the decoder below would conclude from its first token, without
	// reading up to 64 KiB of text to the first '<' (whitespace and
	// references, which that token may decode to whitespace, and
	// non-ASCII, which may be Unicode whitespace, are left to it).
	for _, c := range src {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if c != '<' && c != '&' && c < 0x80 {
			return false
		}
		break
	}
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = false
	dec.CharsetReader = passThroughCharset
	for i := 0; i < 64; i++ {
		tok, err := dec.RawToken()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Space == "" && t.Name.Local == "cluster"
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
	return false
}
