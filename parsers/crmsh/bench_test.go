package crmsh_test

import (
	"bytes"
	"testing"

	"hakit/emit/cib"
	"hakit/parsers/crmsh"
)

// BenchmarkConvert500 parses 500 primitives and 500 constraints and emits
// the CIB (crmsh's `configure load update` of the same file: see the report).
func BenchmarkConvert500(b *testing.B) {
	src := Generate500()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		c, ds := crmsh.Parse(src, "gen.crm")
		if ds.HasErrors() {
			b.Fatal(ds.Error())
		}
		var out bytes.Buffer
		if err := cib.Emit(&out, c, cib.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
