// Command corpus writes hakit's simulation of every case of the Pacemaker
// scheduler corpus as CANDIDATE_DIR/CASE.json for compare.py:
//
//	go run ./sim/cmd/corpus -o DIR [-corpus ../shared/pacemaker-scheduler]
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
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "corpus: -o DIR is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
	ents, err := os.ReadDir(filepath.Join(*dir, "xml-2.1.5-compat"))
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
		res, err := corpus.Case(*dir, name)
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
