// Command corpus writes hakit's simulation of every case of the Pacemaker
// scheduler corpus as CANDIDATE_DIR/CASE.json for compare.py:
//
//	go run ./sim/cmd/corpus -o DIR [-corpus ../shared/pacemaker-scheduler] [-pacemaker 2.1|3.0]
//
// -pacemaker 2.1 (the default) runs the 2.1.5 compat inputs, to be scored
// against oracle.json; 3.0 runs the upstream inputs (xml/), to be scored with
// compare.py --oracle oracle-upstream.json.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"hakit/internal/progress"
	"hakit/sim/corpus"
)

func main() {
	out := flag.String("o", "", "output directory")
	dir := flag.String("corpus", "../shared/pacemaker-scheduler", "corpus directory")
	only := flag.String("case", "", "run only this case")
	version := flag.String("pacemaker", "2.1", "Pacemaker semantics: 2.1 or 3.0")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "corpus: -o DIR is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
	if *version != "2.1" && *version != "3.0" {
		fmt.Fprintln(os.Stderr, "corpus: -pacemaker must be 2.1 or 3.0")
		os.Exit(2)
	}
	xmlDir, _ := corpus.Input(*version)
	ents, err := os.ReadDir(filepath.Join(*dir, xmlDir))
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
	failed := 0
	// A progress line on a terminal (the corpus takes minutes); nothing
	// in a pipe or CI log.
	st, _ := os.Stderr.Stat()
	prog := progress.New(os.Stderr, st != nil && st.Mode()&os.ModeCharDevice != 0, "cases", len(ents))
	defer prog.Done()
	for _, e := range ents {
		name := strings.TrimSuffix(e.Name(), ".xml")
		if *only != "" && name != *only {
			continue
		}
		prog.Step(name)
		res, err := corpus.CaseFor(*dir, name, *version)
		if err != nil {
			prog.Done()
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			failed++
			continue
		}
		b, _ := json.MarshalIndent(res, "", " ")
		if err := os.WriteFile(filepath.Join(*out, name+".json"), b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(2)
		}
	}
	prog.Done()
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "corpus: %d cases failed\n", failed)
		os.Exit(1)
	}
}
