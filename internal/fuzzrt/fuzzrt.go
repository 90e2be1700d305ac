// Package fuzzrt holds the emitters' fuzz targets. Target is the round
// trip: whatever a parser reads without errors, its emitter writes in a form
// the parser reads back without errors, and emitting that again gives the
// same bytes (parse → emit → parse → emit). Sink is for the formats hakit
// writes but does not read (JSON, YAML, the ha_cluster role's variables):
// the output is valid in its own format and the same bytes every time. Each
// emit package's fuzz target calls one of them; its seeds stay in that
// package's testdata/fuzz.
package fuzzrt

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"hakit/model"
	"hakit/parsers"
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
	addSeeds(f, tg.Seeds)
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

// addSeeds adds every file the globs match as a seed.
func addSeeds(f *testing.F, globs []string) {
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		for _, p := range files {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
}

// Sink is an emitter whose output hakit does not read back.
type Sink struct {
	Format string   // for messages: "JSON", "YAML", ...
	Seeds  []string // globs of seed files, relative to the test's package
	// Parse reads an input of any format hakit reads; nil, or a model with
	// errors, skips it.
	Parse func(src []byte) (*model.Cluster, model.Diagnostics)
	Emit  func(w io.Writer, c *model.Cluster) error
	// Valid says why out, written from c, is not valid in the format, or
	// nil.
	Valid func(c *model.Cluster, out []byte) error
}

// Fuzz adds the seeds and checks every input's output: written without
// panicking, valid, and the same bytes when written again.
func (s Sink) Fuzz(f *testing.F) {
	addSeeds(f, s.Seeds)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, ds := s.Parse(src)
		if c == nil || ds.HasErrors() {
			return
		}
		var out1, out2 bytes.Buffer
		if err := s.Emit(&out1, c); err != nil {
			return // the model holds something the format cannot carry, and says so
		}
		if err := s.Valid(c, out1.Bytes()); err != nil {
			t.Fatalf("%s: output is not valid: %v\ninput:\n%s\noutput:\n%s", s.Format, err, src, out1.Bytes())
		}
		if err := s.Emit(&out2, c); err != nil || !bytes.Equal(out1.Bytes(), out2.Bytes()) {
			t.Fatalf("%s: a second emit differs (%v):\ninput:\n%s", s.Format, err, src)
		}
	})
}

// AnySeeds are seed globs of every input format hakit reads, for a Sink
// fuzz target in an emit package (relative to it).
var AnySeeds = []string{"../../testdata/crmsh/*.crm", "../../testdata/cib/*.xml", "../../testdata/corosync/*.conf", "../../testdata/clusterconf/*.conf", "../../testdata/pcs/*.sh"}

// AnyFormat parses src as the format its content looks like (as hakit
// does for a file whose name says nothing); nil when none fits.
func AnyFormat(src []byte) (*model.Cluster, model.Diagnostics) {
	in := &parsers.Input{Filename: "input", Src: src}
	f, err := parsers.Detect(in)
	if err != nil {
		return nil, nil
	}
	return f.Parse(in)
}
