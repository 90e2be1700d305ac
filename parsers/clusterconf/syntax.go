package clusterconf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/beevik/etree"
)

// span is where one element sits in the source: [start, end) for the whole
// element, tagEnd the end of its start tag, and its attributes.
type span struct {
	name          string
	start, tagEnd int
	end           int
	attrs         []attrSpan
}

// attrSpan is one attribute: from the first byte of its name to after the
// closing quote.
type attrSpan struct {
	name       string
	start, end int
}

// syntaxError is a well-formedness error at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func passThroughCharset(_ string, r io.Reader) (io.Reader, error) { return r, nil }

// scanSpans reads the positions of every element in document (pre)order,
// which is the order etree builds its elements in.
func scanSpans(src []byte) ([]*span, *syntaxError) {
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = true
	dec.CharsetReader = passThroughCharset
	var (
		spans []*span
		stack []*span
		roots int
	)
	for {
		before := int(dec.InputOffset())
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				return spans, &syntaxError{top.start, fmt.Sprintf("element <%s> is never closed", top.name)}
			}
			if roots == 0 {
				return spans, &syntaxError{len(src), "no root element"}
			}
			return spans, nil
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return spans, &syntaxError{int(dec.InputOffset()), "malformed XML: " + msg}
		}
		after := int(dec.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				roots++
				if roots > 1 {
					return spans, &syntaxError{before, "more than one root element"}
				}
			}
			s := &span{name: qname(t.Name), start: before, tagEnd: after, end: after}
			s.attrs = scanAttrs(src, before, after)
			spans = append(spans, s)
			stack = append(stack, s)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1].name != qname(t.Name) {
				return spans, &syntaxError{before, fmt.Sprintf("unexpected end tag </%s>", qname(t.Name))}
			}
			stack[len(stack)-1].end = after
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return spans, &syntaxError{before, "text outside the root element"}
			}
		}
	}
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// scanAttrs finds the attributes of the start tag src[start:end], which the
// decoder already found well-formed.
func scanAttrs(src []byte, start, end int) []attrSpan {
	if end > len(src) {
		end = len(src)
	}
	i := start + 1
	for i < end && !isSpace(src[i]) && src[i] != '/' && src[i] != '>' {
		i++
	}
	var out []attrSpan
	for i < end {
		for i < end && isSpace(src[i]) {
			i++
		}
		if i >= end || src[i] == '/' || src[i] == '>' {
			break
		}
		ns := i
		for i < end && src[i] != '=' && !isSpace(src[i]) {
			i++
		}
		name := string(src[ns:i])
		for i < end && src[i] != '"' && src[i] != '\'' {
			i++
		}
		if i >= end {
			break
		}
		q := src[i]
		i++
		for i < end && src[i] != q {
			i++
		}
		if i < end {
			i++
		}
		out = append(out, attrSpan{name: name, start: ns, end: i})
	}
	return out
}

// readTree parses src with etree and pairs each element with its span.
func readTree(src []byte) (*etree.Document, map[*etree.Element]*span, *syntaxError) {
	spans, serr := scanSpans(src)
	if serr != nil {
		return nil, nil, serr
	}
	doc := etree.NewDocument()
	doc.ReadSettings = etree.ReadSettings{PreserveDuplicateAttrs: true, CharsetReader: passThroughCharset}
	if err := doc.ReadFromBytes(src); err != nil {
		return nil, nil, &syntaxError{0, "malformed XML: " + err.Error()}
	}
	pos := make(map[*etree.Element]*span, len(spans))
	i := 0
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		if i < len(spans) {
			pos[e] = spans[i]
		}
		i++
		for _, c := range e.ChildElements() {
			walk(c)
		}
	}
	for _, c := range doc.ChildElements() {
		walk(c)
	}
	return doc, pos, nil
}
