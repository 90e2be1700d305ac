package fix

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakit/internal/golden"
)

const td = "../../testdata/fix/"

func fixFile(t *testing.T, name string, opts Options) *Result {
	t.Helper()
	src, err := os.ReadFile(td + name)
	if err != nil {
		t.Fatal(err)
	}
	var res *Result
	if strings.HasSuffix(name, ".xml") {
		res, err = CIB(src, opts)
	} else {
		res, err = CRM(src, opts)
	}
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestFixGolden fixes every input of testdata/fix for every target: the
// output is the golden, fixing it again changes nothing, and the diff
// rebuilds it.
func TestFixGolden(t *testing.T) {
	for _, name := range []string{"legacy.crm", "legacy.xml"} {
		for _, target := range Targets {
			t.Run(name+"/"+target, func(t *testing.T) {
				opts := Options{Target: target}
				res := fixFile(t, name, opts)
				var report strings.Builder
				for _, c := range res.Changes {
					report.WriteString("fixed " + c.String() + "\n")
				}
				for _, c := range res.Notes {
					report.WriteString("not fixed " + c.String() + "\n")
				}
				golden.Check(t, filepath.Join(td, "golden", target, name), res.Out)
				golden.Check(t, filepath.Join(td, "golden", target, name+".changes"), []byte(report.String()))

				// Idempotent: fix(fix(x)) == fix(x), with no change reported.
				var again *Result
				var err error
				if strings.HasSuffix(name, ".xml") {
					again, err = CIB(res.Out, opts)
				} else {
					again, err = CRM(res.Out, opts)
				}
				if err != nil {
					t.Fatal(err)
				}
				if string(again.Out) != string(res.Out) || len(again.Changes) != 0 {
					t.Errorf("fixing twice changed more: %v", again.Changes)
				}
			})
		}
	}
}

// TestFixKeepsEverythingElse: only the lines with a change differ, comments
// stay.
func TestFixKeepsEverythingElse(t *testing.T) {
	src, _ := os.ReadFile(td + "legacy.xml")
	res := fixFile(t, "legacy.xml", Options{Target: "pacemaker-3.0.2"})
	if !strings.Contains(string(res.Out), "<!-- the database, promotable -->") {
		t.Error("comment lost")
	}
	d := Unified("a", "b", src, res.Out)
	for _, l := range strings.Split(d, "\n") {
		if strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---") {
			if !strings.Contains(l, "master") && !strings.Contains(l, "Master") && !strings.Contains(l, "Slave") &&
				!strings.Contains(l, "stonith-enabled") && !strings.Contains(l, "validate-with") && !strings.Contains(l, "poweroff") {
				t.Errorf("unexpected change of %q", l)
			}
		}
	}
}

func TestFixOldSchemaRolesKept(t *testing.T) {
	src := []byte(`<cib validate-with="pacemaker-1.2"><configuration><constraints>
<rsc_colocation id="c" rsc="a" with-rsc="b" with-rsc-role="Master" score="INFINITY"/>
</constraints></configuration></cib>`)
	res, err := CIB(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Out) != string(src) || len(res.Notes) != 1 || !strings.Contains(res.Notes[0].What, "cibadmin --upgrade") {
		t.Errorf("want the role kept with a note, got %v / %v", res.Changes, res.Notes)
	}
}

func TestFixMalformedXML(t *testing.T) {
	if _, err := CIB([]byte("<cib><configuration>"), Options{}); err == nil {
		t.Error("want an error for truncated XML")
	}
}

// TestUnifiedRebuilds checks the diff on random edits: applying its hunks to
// a gives b.
func TestUnifiedRebuilds(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := range 300 {
		var a, b []string
		for i := range r.Intn(30) {
			a = append(a, string(rune('a'+r.Intn(5)))+"\n")
			_ = i
		}
		for _, l := range a {
			switch r.Intn(6) {
			case 0:
			case 1:
				b = append(b, "x\n", l)
			case 2:
				b = append(b, "y\n")
			default:
				b = append(b, l)
			}
		}
		d := Unified("a", "b", []byte(strings.Join(a, "")), []byte(strings.Join(b, "")))
		got := applyUnified(t, a, d)
		if strings.Join(got, "") != strings.Join(b, "") {
			t.Fatalf("case %d: diff does not rebuild b\na=%q\nb=%q\n%s", n, a, b, d)
		}
	}
}

// applyUnified applies a unified diff to a (a test helper trusting the
// hunk headers' old start).
func applyUnified(t *testing.T, a []string, d string) []string {
	t.Helper()
	if d == "" {
		return a
	}
	lines := splitLines(d)[2:]
	var out []string
	ai := 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "@@") {
			var s, n, s2, n2 int
			parseHunk(l, &s, &n, &s2, &n2)
			start := s - 1
			if n == 0 {
				start = s
			}
			for ai < start {
				out = append(out, a[ai])
				ai++
			}
			continue
		}
		switch l[0] {
		case ' ':
			out = append(out, a[ai])
			ai++
		case '-':
			ai++
		case '+':
			out = append(out, l[1:])
		}
	}
	return append(out, a[ai:]...)
}

func parseHunk(l string, s, n, s2, n2 *int) {
	f := strings.Fields(l)
	rd := func(x string, a, b *int) {
		x = x[1:]
		p, q, ok := strings.Cut(x, ",")
		*a = atoi(p)
		*b = 1
		if ok {
			*b = atoi(q)
		}
	}
	rd(f[1], s, n)
	rd(f[2], s2, n2)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// An agent parameter called role keeps its value; the op's role changes.
func TestFixCRMParamsUntouched(t *testing.T) {
	src := []byte("primitive p ocf:x:y params role=Master \\\n    op monitor interval=10s role=Master\n")
	res, err := CRM(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "primitive p ocf:x:y params role=Master \\\n    op monitor interval=10s role=Promoted\n"
	if string(res.Out) != want {
		t.Errorf("got %q, want %q", res.Out, want)
	}
}
