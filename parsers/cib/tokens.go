package cib

import (
	"bytes"
	"encoding/xml"
	"io"
	"unicode/utf8"
	"unsafe"
)

// tokenizer reads the raw XML tokens of src for build. It scans the markup
// a CIB is made of itself — start and end tags with ASCII names and quoted
// attribute values, whitespace between them, comments — at several times
// encoding/xml's speed and without copying attribute values (they are
// substrings of src). Every other token, and every token that is not
// well-formed, is read by encoding/xml's RawToken from the token's first
// byte, so the tokens, the syntax errors and their offsets are exactly
// encoding/xml's: the fast path only takes what it can read completely and
// hands over whenever in doubt (an entity, a CR in a value, a name with a
// colon or beyond ASCII, text, CDATA, a processing instruction or DOCTYPE).
//
// encoding/xml's RawToken keeps no state from one token to the next that
// its tokens or errors depend on (nesting is build's business), except the
// end element it synthesizes after an empty element <a/>, which the
// tokenizer synthesizes itself; so a decoder made for one token at any
// token boundary reads it as the document's decoder would.
type tokenizer struct {
	src    []byte
	pos    int
	intern func([]byte) string

	pendingEnd bool // the last start tag was <a/>: its end element is next
	endName    xml.Name

	attrs []xml.Attr
	vals  [][2]int // value ranges of the last fast start tag's attributes
	fast  bool     // the last token came from the fast path
}

// next returns the token at t.pos, its byte range [off, end) and, for a
// start tag read by the fast path, its attribute value ranges (t.fast). At
// the end of the input it returns io.EOF; after a syntax error, the error
// and the offset where the decoder stopped (end).
func (t *tokenizer) next() (tok xml.Token, off, end int, err error) {
	if t.pendingEnd {
		t.pendingEnd = false
		t.fast = true
		return xml.EndElement{Name: t.endName}, t.pos, t.pos, nil
	}
	// Whitespace between tags: build skips it, so it is skipped here
	// unless the token after it is not one the fast path reads (text
	// after whitespace is one CharData token from where the whitespace
	// began).
	ws := t.pos
	for t.pos < len(t.src) && isXMLSpace(t.src[t.pos]) {
		t.pos++
	}
	off = t.pos
	if off == len(t.src) {
		return nil, off, off, io.EOF
	}
	if tok, end, ok := t.fastToken(off); ok {
		t.pos, t.fast = end, true
		return tok, off, end, nil
	}
	return t.slowToken(ws)
}

// slowToken reads one token with encoding/xml from off.
func (t *tokenizer) slowToken(off int) (xml.Token, int, int, error) {
	t.fast = false
	dec := xml.NewDecoder(bytes.NewReader(t.src[off:]))
	dec.Strict = true
	dec.CharsetReader = passThroughCharset
	tok, err := dec.RawToken()
	end := off + int(dec.InputOffset())
	if err != nil {
		return nil, off, end, err
	}
	t.pos = end
	tok = xml.CopyToken(tok)
	if se, ok := tok.(xml.StartElement); ok && bytes.HasSuffix(t.src[off:end], []byte("/>")) {
		t.pendingEnd, t.endName = true, se.Name
	}
	return tok, off, end, nil
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// fastName reads an ASCII name without a colon at i: [A-Za-z_][A-Za-z0-9._-]*,
// followed by a byte that cannot continue a name. ok is false for anything
// else (encoding/xml then reads it).
func (t *tokenizer) fastName(i int) (string, int, bool) {
	s := t.src
	if i >= len(s) {
		return "", i, false
	}
	c := s[i]
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_') {
		return "", i, false
	}
	j := i + 1
	for j < len(s) {
		c = s[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-' {
			j++
			continue
		}
		if c == ':' || c >= utf8.RuneSelf {
			return "", i, false // a namespace prefix or a non-ASCII name
		}
		return t.intern(s[i:j]), j, true
	}
	return "", i, false // end of input inside a name
}

func (t *tokenizer) fastToken(off int) (xml.Token, int, bool) {
	s := t.src
	if s[off] != '<' || off+1 >= len(s) {
		return nil, 0, false // text
	}
	switch s[off+1] {
	case '/':
		name, i, ok := t.fastName(off + 2)
		if !ok {
			return nil, 0, false
		}
		for i < len(s) && isXMLSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '>' {
			return nil, 0, false
		}
		return xml.EndElement{Name: xml.Name{Local: name}}, i + 1, true
	case '!':
		if !bytes.HasPrefix(s[off:], []byte("<!--")) {
			return nil, 0, false
		}
		k := bytes.Index(s[off+4:], []byte("--"))
		if k < 0 {
			return nil, 0, false
		}
		k += off + 4
		if k+2 >= len(s) || s[k+2] != '>' {
			return nil, 0, false
		}
		return xml.Comment(s[off+4 : k]), k + 3, true
	case '?':
		return nil, 0, false
	}
	name, i, ok := t.fastName(off + 1)
	if !ok {
		return nil, 0, false
	}
	attrs, vals := t.attrs[:0], t.vals[:0]
	for {
		for i < len(s) && isXMLSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return nil, 0, false
		}
		switch s[i] {
		case '>':
			t.attrs, t.vals = attrs, vals
			return xml.StartElement{Name: xml.Name{Local: name}, Attr: attrs}, i + 1, true
		case '/':
			if i+1 >= len(s) || s[i+1] != '>' {
				return nil, 0, false
			}
			t.attrs, t.vals = attrs, vals
			t.pendingEnd, t.endName = true, xml.Name{Local: name}
			return xml.StartElement{Name: xml.Name{Local: name}, Attr: attrs}, i + 2, true
		}
		key, j, ok := t.fastName(i)
		if !ok {
			return nil, 0, false
		}
		for j < len(s) && isXMLSpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '=' {
			return nil, 0, false
		}
		j++
		for j < len(s) && isXMLSpace(s[j]) {
			j++
		}
		if j >= len(s) || (s[j] != '"' && s[j] != '\'') {
			return nil, 0, false
		}
		q := s[j]
		vs := j + 1
		k := vs
		for k < len(s) && s[k] != q {
			c := s[k]
			switch {
			case c == '<' || c == '&' || c == '\r':
				return nil, 0, false // encoding/xml decodes or rejects these
			case c < 0x20 && c != '\t' && c != '\n':
				return nil, 0, false // not an XML character
			case c >= utf8.RuneSelf:
				r, n := utf8.DecodeRune(s[k:])
				if r == utf8.RuneError && n == 1 || !isXMLChar(r) {
					return nil, 0, false
				}
				k += n
				continue
			}
			k++
		}
		if k >= len(s) {
			return nil, 0, false
		}
		// XML 1.0 wants whitespace before the next attribute: startTag
		// reports it when encoding/xml has read the tag.
		if k+1 < len(s) && !isXMLSpace(s[k+1]) && s[k+1] != '/' && s[k+1] != '>' {
			return nil, 0, false
		}
		v := ""
		if k > vs {
			v = unsafe.String(&s[vs], k-vs)
		}
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: key}, Value: v})
		vals = append(vals, [2]int{vs, k})
		i = k + 1
	}
}
