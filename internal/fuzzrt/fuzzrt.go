// Package fuzzrt is the emitters' one round-trip fuzz target: whatever a
// parser reads without errors, its emitter writes in a form the parser reads
// back without errors, and emitting that again gives the same bytes
// (parse → emit → parse → emit). Each emit package's FuzzRoundTrip calls
// Target.Fuzz; its seeds stay in that package's testdata/fuzz.
package fuzzrt

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"hakit/model"
)

// Target is one format's parser and emitter.
type Target struct {
	Format string   // for messages: "corosync.conf", "crm shell", ...
	Seeds  []string // globs of seed files, relative to the test's package
	Name   string   // the file name the parser is given
	Parse  func(src []byte, filename string) (*model.Cluster, model.Diagnostics)
	Emit   func(w io.Writer, c *model.Cluster) error
	// Broken tells whether the re-parse's findings break the round trip;
	// nil means any error does.
	Broken func(model.Diagnostics) bool
}

// Fuzz adds the seeds and runs the round trip on every input.
func (tg Target) Fuzz(f *testing.F) {
	for _, g := range tg.Seeds {
		files, _ := filepath.Glob(g)
		for _, p := range files {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	broken := tg.Broken
	if broken == nil {
		broken = model.Diagnostics.HasErrors
	}
	emit := func(c *model.Cluster) ([]byte, error) {
		var b bytes.Buffer
		err := tg.Emit(&b, c)
		return b.Bytes(), err
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := tg.Parse(src, tg.Name)
		if c == nil || ds.HasErrors() {
			return
		}
		out1, err := emit(c)
		if err != nil {
			return // the model holds something the format cannot carry, and says so
		}
		c2, ds2 := tg.Parse(out1, "emitted-"+tg.Name)
		if c2 == nil || broken(ds2) {
			t.Fatalf("%s: emit → re-parse has errors:\n%s\ninput:\n%s\nemitted:\n%s", tg.Format, ds2.Error(), src, out1)
		}
		out2, err := emit(c2)
		if err != nil {
			t.Fatalf("%s: second emit: %v\nemitted:\n%s", tg.Format, err, out1)
		}
		if !bytes.Equal(out1, out2) {
			t.Fatalf("%s: emit(parse(emit(m))) differs from emit(m):\ninput:\n%s\n--- emit(m)\n%s\n--- emit(parse(emit(m)))\n%s", tg.Format, src, out1, out2)
		}
	})
}
