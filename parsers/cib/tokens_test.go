package cib

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// xmlTokens is the reference: encoding/xml's raw tokens of src as build
// reads them (whitespace-only text skipped), each with its offsets, and the
// error that ends them.
func xmlTokens(src []byte) []string {
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = true
	dec.CharsetReader = passThroughCharset
	var out []string
	for {
		off := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			return append(out, fmt.Sprintf("EOF %d", len(src)))
		}
		if err != nil {
			return append(out, fmt.Sprintf("error %d %d: %v", off, dec.InputOffset(), errMsg(err)))
		}
		if cd, ok := tok.(xml.CharData); ok && isSpace(cd) {
			continue
		}
		out = append(out, fmt.Sprintf("%d %d %#v", off, dec.InputOffset(), tok))
	}
}

// errMsg is what build reports of an error: a syntax error's message
// without its line number (build gives positions from offsets).
func errMsg(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

func ourTokens(src []byte) []string {
	names := map[string]string{}
	t := &tokenizer{src: src, intern: func(b []byte) string {
		if s, ok := names[string(b)]; ok {
			return s
		}
		names[string(b)] = string(b)
		return string(b)
	}}
	var out []string
	for {
		tok, off, end, err := t.next()
		if err == io.EOF {
			return append(out, fmt.Sprintf("EOF %d", len(src)))
		}
		if err != nil {
			return append(out, fmt.Sprintf("error %d %d: %v", off, end, errMsg(err)))
		}
		if cd, ok := tok.(xml.CharData); ok && isSpace(cd) {
			continue
		}
		if se, ok := tok.(xml.StartElement); ok {
			if len(se.Attr) == 0 {
				se.Attr = []xml.Attr{} // encoding/xml's empty list
			}
			if t.fast {
				for i, a := range se.Attr {
					if v := t.vals[i]; string(src[v[0]:v[1]]) != a.Value {
						return append(out, fmt.Sprintf("value range %v of %q is %q", v, a.Value, src[v[0]:v[1]]))
					}
				}
			}
			tok = se
		}
		out = append(out, fmt.Sprintf("%d %d %#v", off, end, tok))
	}
}

func checkTokens(t *testing.T, name string, src []byte) {
	t.Helper()
	want, got := xmlTokens(src), ourTokens(src)
	for i := range max(len(want), len(got)) {
		w, g := "(none)", "(none)"
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			t.Fatalf("%s: token %d differs from encoding/xml's:\n got %s\nwant %s", name, i, g, w)
		}
	}
}

// The tokenizer's fast path reads what encoding/xml reads, token for token,
// offsets and errors included, on every CIB of the test data and the
// scheduler corpus (when ../shared is present) and on hand-made edge cases.
func TestTokenizerMatchesEncodingXML(t *testing.T) {
	cases := []string{
		`<a/>`, `<a b="1"/>`, `<a b='1' c = "2" >x</a >`, `  <a>  </a>  `, `<a b="1"c="2"/>`,
		`<a b="&amp;&lt;&#65;&#x42;"/>`, `<a b="&nbsp;"/>`, `<a b="x&y"/>`, "<a b=\"\r\n\"/>", "<a b=\"\t\n\"/>",
		"<a b=\"\x01\"/>", "<a b=\"\xff\"/>", "<a b=\"é€😀\"/>", "<a b=\"\uFFFE\"/>", `<a b="<"/>`, `<a b=1/>`, `<a b/>`,
		`<a:b c:d="1"/>`, `<a:b:c/>`, `<é/>`, `<1a/>`, `<a><!-- c --></a>`, `<a><!-- c -- d --></a>`, `<!---->`, `<!--->`,
		`<?xml version="1.0" encoding="UTF-8"?><a/>`, `<?xml version="1.1"?><a/>`, `<!DOCTYPE a><a/>`, `<a><![CDATA[x]]></a>`,
		`<a>text</a>`, `  text<a/>`, `<a>]]></a>`, `<a`, `<a b="1`, `<a b=`, `</`, `</a`, `<a/`, `<!--`, `<a></b>`, `<a>< /a>`,
		"<a>\r\n</a>", `<a b="1" b="2"/>`, `<a  />`, `<a/ >`, `<a></a `, `<a></a x>`,
	}
	for _, c := range cases {
		checkTokens(t, fmt.Sprintf("%q", c), []byte(c))
	}
	var files []string
	for _, pat := range []string{"../../testdata/cib/*.xml", "../../testdata/cib/bad/*.xml", "../../testdata/verify/*/*.xml",
		"../../../shared/pacemaker-scheduler/xml/*.xml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if !strings.Contains(strings.Join(files, " "), "pacemaker-scheduler") {
		t.Log("../shared/pacemaker-scheduler is absent: checked the repository's CIBs only")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkTokens(t, f, src)
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, pat := range []string{"../../testdata/cib/*.xml", "../../testdata/cib/bad/*.xml"} {
		m, _ := filepath.Glob(pat)
		for _, file := range m {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte(`<a b="&amp;"><!-- x --><c d='1'/></a>`))
	f.Fuzz(func(t *testing.T, src []byte) { checkTokens(t, "input", src) })
}
