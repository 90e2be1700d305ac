package cib_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	emitcib "hakit/emit/cib"
	"hakit/parsers/cib"
)

// elementOrder lists the elements of the section named section (the whole
// document when empty), each as its depth, tag and id, with comments, in
// document order: the order canonical() forgets.
func elementOrder(t testing.TB, src []byte, section string) []string {
	dec := xml.NewDecoder(bytes.NewReader(src))
	var out []string
	depth, in := 0, section == ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			depth++
			if x.Name.Local == section {
				in = true
			}
			if in {
				id := ""
				for _, a := range x.Attr {
					if a.Name.Local == "id" {
						id = a.Value
					}
				}
				out = append(out, strings.Repeat(" ", depth)+x.Name.Local+"#"+id)
			}
		case xml.EndElement:
			depth--
			if x.Name.Local == section {
				in = false
			}
		case xml.Comment:
			if in {
				out = append(out, strings.Repeat(" ", depth+1)+"<!--"+strings.TrimSpace(string(x))+"-->")
			}
		}
	}
}

// TestRoundTripOrderScheduler: parse → emit keeps the status section of
// every scheduler CIB in its own order, element by element (lrm and
// transient_attributes were swapped in 358 of them), and the comments of
// the configuration and its sections where they were.
func TestRoundTripOrderScheduler(t *testing.T) {
	files := schedulerCIBs(t)
	statusSame, comments, commentsSame := 0, 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		c, _ := cib.Parse(src, name)
		if c == nil {
			continue
		}
		var out bytes.Buffer
		if err := emitcib.Emit(&out, c, emitcib.Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Join(elementOrder(t, src, "status"), "\n") == strings.Join(elementOrder(t, out.Bytes(), "status"), "\n") {
			statusSame++
		} else {
			t.Errorf("%s: the status section's order changed", name)
		}
		if bytes.Contains(src, []byte("<!--")) {
			comments++
			var want, got []string
			for _, s := range elementOrder(t, src, "configuration") {
				if strings.Contains(s, "<!--") {
					want = append(want, s)
				}
			}
			for _, s := range elementOrder(t, out.Bytes(), "configuration") {
				if strings.Contains(s, "<!--") {
					got = append(got, s)
				}
			}
			if strings.Join(want, "\n") == strings.Join(got, "\n") {
				commentsSame++
			} else if testing.Verbose() {
				t.Logf("%s: comments moved:\n%s\n---\n%s", name, strings.Join(want, "\n"), strings.Join(got, "\n"))
			}
		}
	}
	// One CIB (bug-cl-5212) has <fencing-topology> before <rsc_defaults>,
	// an order of sections the emitter does not keep; the floor keeps what
	// is done.
	if commentsSame < 85 {
		t.Errorf("comments kept in place in %d CIBs, want at least 85", commentsSame)
	}
	t.Logf("%d/%d status sections in their own order; comments of the configuration kept in %d/%d CIBs with comments", statusSame, len(files), commentsSame, comments)
}
