//go:build conformance

package cib_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	emitcib "hakit/emit/cib"
)

// cibnormDriver compares many pairs in one python process with cibnorm.py's
// own canon_cib; it prints one line per pair: "equal NAME" or "differ NAME".
const cibnormDriver = `
import sys
sys.path.insert(0, sys.argv[1])
import cibnorm
for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    try:
        ok = cibnorm.canon_cib(a) == cibnorm.canon_cib(b)
    except Exception as e:
        print("error", b, e)
        continue
    print("equal" if ok else "differ", b)
`

// TestConformanceSchedulerRoundTrip checks the round trip of the 854
// scheduler CIBs with the real tools: cibnorm.py says input and output are
// equal, and xmllint validates every output whose input validated, against
// the schema the input names.
func TestConformanceSchedulerRoundTrip(t *testing.T) {
	for _, tool := range []string{"python3", "xmllint"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required: %v", tool, err)
		}
	}
	tools, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "tools"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(tools, "cibnorm.py")); err != nil {
		t.Fatalf("cibnorm.py is required: %v", err)
	}
	files := schedulerCIBs(t)
	dir := t.TempDir()
	var pairs bytes.Buffer
	bySchema := map[string][]string{} // schema -> inputs
	outOf := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := roundTrip(t, src, filepath.Base(f))
		dst := filepath.Join(dir, filepath.Base(f))
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			t.Fatal(err)
		}
		in, _ := filepath.Abs(f)
		pairs.WriteString(in + "\t" + dst + "\n")
		outOf[in] = dst
		// A schema Pacemaker 2.1.5 does not ship (pacemaker-3.10) or none:
		// check with the newest installed one, when the input passes it.
		vw := validateWith(src)
		if _, err := os.Stat(schemaPath(vw)); err != nil || vw == "" {
			vw = emitcib.DefaultValidateWith
		}
		bySchema[vw] = append(bySchema[vw], in)
	}

	cmd := exec.Command("python3", "-c", cibnormDriver, tools)
	cmd.Stdin = &pairs
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("cibnorm: %v", err)
	}
	equal := 0
	for _, line := range strings.Split(strings.TrimSpace(string(res)), "\n") {
		if strings.HasPrefix(line, "equal ") {
			equal++
		} else {
			t.Errorf("cibnorm: %s", line)
		}
	}
	t.Logf("cibnorm: %d/%d semantically equal", equal, len(files))

	var schemas []string
	for s := range bySchema {
		schemas = append(schemas, s)
	}
	sort.Strings(schemas)
	checked, valid, inputsValid := 0, 0, 0
	for _, s := range schemas {
		okIn := validates(t, schemaPath(s), bySchema[s])
		var outs []string
		for _, in := range bySchema[s] {
			if okIn[in] {
				outs = append(outs, outOf[in])
			}
		}
		inputsValid += len(outs)
		okOut := validates(t, schemaPath(s), outs)
		for _, o := range outs {
			checked++
			if okOut[o] {
				valid++
			} else {
				t.Errorf("%s: emitted CIB does not validate against %s (its input does)", filepath.Base(o), s)
			}
		}
	}
	t.Logf("xmllint: %d/%d inputs validate against the schema they name (or %s when it is not installed); %d/%d of their outputs validate",
		inputsValid, len(files), emitcib.DefaultValidateWith, valid, checked)
}

func validateWith(src []byte) string {
	head := src
	if len(head) > 4096 {
		head = head[:4096]
	}
	i := bytes.Index(head, []byte(`validate-with="`))
	if i < 0 {
		return ""
	}
	rest := head[i+len(`validate-with="`):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

func schemaPath(vw string) string { return filepath.Join("/usr/share/pacemaker", vw+".rng") }

// validates runs xmllint once over files and returns which validate.
func validates(t *testing.T, schema string, files []string) map[string]bool {
	ok := map[string]bool{}
	const batch = 200
	for len(files) > 0 {
		n := min(batch, len(files))
		args := append([]string{"--noout", "--relaxng", schema}, files[:n]...)
		out, _ := exec.Command("xmllint", args...).CombinedOutput() // non-zero when any fails
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if f, found := strings.CutSuffix(sc.Text(), " validates"); found {
				ok[f] = true
			}
		}
		files = files[n:]
	}
	return ok
}

// TestConformanceGoldens validates the emitted goldens with xmllint against
// the schema they name, and runs crm_verify on the CIB built from a model
// with generated ids.
func TestConformanceGoldens(t *testing.T) {
	for _, tool := range []string{"xmllint", "crm_verify"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required: %v", tool, err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(goldens, "*.xml"))
	if len(files) == 0 {
		t.Fatal("no goldens")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		vw := validateWith(src)
		if vw == "none" {
			continue
		}
		if ok := validates(t, schemaPath(vw), []string{f}); !ok[f] {
			out, _ := exec.Command("xmllint", "--noout", "--relaxng", schemaPath(vw), f).CombinedOutput()
			t.Errorf("%s does not validate against %s:\n%s", f, vw, out)
		}
	}
	// The cibnorm.py command line itself on each input/golden pair.
	cibnorm := filepath.Join("..", "..", "..", "shared", "tools", "cibnorm.py")
	ins, _ := filepath.Glob(filepath.Join(inputs, "*.xml"))
	for _, in := range ins {
		out, err := exec.Command("python3", cibnorm, in, filepath.Join(goldens, filepath.Base(in))).CombinedOutput()
		if err != nil {
			t.Errorf("cibnorm.py %s: %v\n%s", filepath.Base(in), err, out)
		}
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "generated.xml")
	if err := os.WriteFile(p, emit(t, generatedModel(), emitcib.Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("crm_verify", "-x", p).CombinedOutput(); err != nil {
		t.Errorf("crm_verify: %v\n%s", err, out)
	}
}

// TestConformanceSimulateSample runs crm_simulate on every 20th scheduler
// CIB (the Debian 12 compatible copies) and on its round trip: the
// transition summaries must be identical.
func TestConformanceSimulateSample(t *testing.T) {
	if _, err := exec.LookPath("crm_simulate"); err != nil {
		t.Fatalf("crm_simulate is required: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(schedulerDir, "..", "xml-2.1.5-compat", "*.xml"))
	if len(files) == 0 {
		t.Skip("no xml-2.1.5-compat CIBs (../shared is absent)")
	}
	sort.Strings(files)
	dir := t.TempDir()
	simulate := func(path string) string {
		out, _ := exec.Command("crm_simulate", "-S", "-x", path).CombinedOutput()
		return strings.ReplaceAll(string(out), path, "CIB")
	}
	same, n := 0, 0
	for i := 0; i < len(files); i += 20 {
		f := files[i]
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := roundTrip(t, src, filepath.Base(f))
		dst := filepath.Join(dir, filepath.Base(f))
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
		if a, b := simulate(f), simulate(dst); a != b {
			t.Errorf("%s: crm_simulate differs after round trip", filepath.Base(f))
		} else {
			same++
		}
	}
	t.Logf("crm_simulate: %d/%d sampled round trips give the same transition", same, n)
}
