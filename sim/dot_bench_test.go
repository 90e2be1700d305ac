package sim

import (
	"io"
	"testing"
)

// benchDot times the transition graph and its dot text after a node
// failure (Run itself is BenchmarkNodeFail's).
func benchDot(b *testing.B, nr, nn int) {
	c, err := LoadCIB([]byte(benchCIB(nr, nn)))
	if err != nil {
		b.Fatal(err)
	}
	res, err := Run(c, &Events{NodeFail: []string{"n1"}})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := res.WriteDot(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDot400x8(b *testing.B)   { benchDot(b, 400, 8) }
func BenchmarkDot4000x32(b *testing.B) { benchDot(b, 4000, 32) }
