package heartbeat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"hakit/model"
)

// TestHaCfGrammar: the lexer hands the grammar runs of directive lines
// whose names heartbeat knows (udp, bcast's old name, among them) or does
// not; a run's comment lines come before its directives, the comments after
// the last directive are Comments.
func TestHaCfGrammar(t *testing.T) {
	src := "# ha.cf\n\nkeepalive 2\nnode a, b # two\n# media\nbcast eth0\nudp eth1\r\nmcast eth2 239.0.0.1 694 1 0\n" +
		"  respawn hacluster /usr/lib/heartbeat/ipfail\nkeepalive 3\nundport 694\n,x\n# x\nnode c\n# end\n\n"
	file, err := hcParser().ParseString("ha.cf", src)
	if err != nil {
		t.Fatal(err)
	}
	names := map[lexer.TokenType]string{}
	for n, ty := range hcSymbols {
		names[ty] = n
	}
	var got []string
	for _, tok := range file.Tokens {
		if !tok.EOF() {
			got = append(got, fmt.Sprintf("%d %s %q", tok.Pos.Line, names[tok.Type], tok.Value))
		}
	}
	want := []string{
		`1 Directives "# ha.cf\n\nkeepalive 2\nnode a, b # two\n# media\nbcast eth0\nudp eth1\r\nmcast eth2 239.0.0.1 694 1 0\n` +
			`  respawn hacluster /usr/lib/heartbeat/ipfail\nkeepalive 3"`,
		`11 Unknown "undport 694\n,x"`,
		`13 Directives "# x\nnode c"`,
		`15 Comments "# end\n"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tokens:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHaCfManyRuns: a file of more runs than participle repeats
// (participle.MaxIterations, lowered here to 3) is read to its end all the
// same.
func TestHaCfManyRuns(t *testing.T) {
	src := []byte(strings.Repeat("node a\nnodes b\n", 4) + "# end\n")
	want, wantDs := ParseHaCf(src, "ha.cf")
	defer func(n int) { participle.MaxIterations = n }(participle.MaxIterations)
	participle.MaxIterations = 3
	if _, err := hcParser().ParseString("ha.cf", string(src)); err == nil {
		t.Fatal("the grammar read 9 runs with MaxIterations 3")
	}
	c, ds := ParseHaCf(src, "ha.cf")
	if len(ds) != 4 || cmp.Diff(wantDs, ds) != "" {
		t.Fatalf("diagnostics: %v, want the 4 of %v", ds, wantDs)
	}
	if diff := cmp.Diff(want, c, cmpopts.IgnoreUnexported(model.Secret{})); diff != "" {
		t.Errorf("read past MaxIterations (-grammar +lexer):\n%s", diff)
	}
	if n := len(c.Membership.Heartbeat.Directives); n != 8 {
		t.Errorf("%d directives, want 8", n)
	}
}
