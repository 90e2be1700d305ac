package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"hakit/model"
	"hakit/parsers"
)

// App carries everything a command may touch of the outside world, so that
// commands run in-process in tests.
type App struct {
	Stdin            io.Reader
	Stdout, Stderr   io.Writer
	StdoutIsTerminal bool
	Getwd            func() (string, error)
}

// Exit codes, the same for every command and output format.
const (
	exitOK       = 0
	exitFindings = 1 // findings at or above --fail-on, malformed content
	exitUsage    = 2 // usage errors, unreadable input
)

// codedError carries the exit code an error maps to.
type codedError struct {
	code int
	err  error
	// silent errors were already reported (e.g. as diagnostics).
	silent bool
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

// exitErr wraps err with an exit code; run prints it once and exits with code.
func exitErr(code int, err error) error { return &codedError{code: code, err: err} }

// exitSilently ends the command with code without printing anything more:
// what had to be said was said (diagnostics, findings).
func exitSilently(code int) error {
	return &codedError{code: code, err: fmt.Errorf("exit %d", code), silent: true}
}

// run executes the command line and maps errors to exit codes. It is the one
// place errors are printed.
func run(app *App, args []string) int {
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetIn(app.Stdin)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ce *codedError
	if errors.As(err, &ce) {
		if !ce.silent {
			fmt.Fprintf(app.Stderr, "hakit: %v\n", ce.err)
		}
		return ce.code
	}
	// cobra's own errors: unknown command or flag, wrong arguments.
	fmt.Fprintf(app.Stderr, "hakit: %v\n", err)
	return exitUsage
}

// LoadedInput is one input file read, detected and parsed.
type LoadedInput struct {
	Input   *parsers.Input
	Format  *parsers.Format
	Cluster *model.Cluster
}

// loadInputs reads, detects and parses paths (directories expand to their
// files). from forces a format for all of them. The error is for input that
// could not be read at all (exit 2); malformed content comes back as
// diagnostics.
func (a *App) loadInputs(paths []string, from string) ([]*LoadedInput, model.Diagnostics, error) {
	var forced *parsers.Format
	if from != "" {
		f, err := parsers.ByName(from)
		if err != nil {
			return nil, nil, exitErr(exitUsage, err)
		}
		forced = f
	}
	files, err := parsers.Expand(paths)
	if err != nil {
		return nil, nil, exitErr(exitUsage, err)
	}
	if len(files) == 0 {
		return nil, nil, exitErr(exitUsage, errors.New("no input files"))
	}
	var (
		out   []*LoadedInput
		diags model.Diagnostics
	)
	for _, p := range files {
		var in *parsers.Input
		if p == "-" {
			in, err = parsers.Read(a.Stdin, "<stdin>")
			if err != nil {
				return nil, nil, exitErr(exitUsage, fmt.Errorf("reading standard input: %w", errors.Unwrap(err)))
			}
		} else {
			in, err = parsers.ReadFile(p)
			if err != nil {
				return nil, nil, exitErr(exitUsage, err)
			}
		}
		f, c, ds := parsers.Parse(in, forced)
		diags = append(diags, ds...)
		out = append(out, &LoadedInput{Input: in, Format: f, Cluster: c})
	}
	return out, diags, nil
}

// writeOutput writes through a temporary file in the target's directory and
// renames it into place, so a failed run never leaves a partial file. It
// refuses to overwrite any of the inputs.
func writeOutput(path string, inputs []string, mode os.FileMode, write func(io.Writer) error) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	for _, in := range inputs {
		if ia, err := filepath.Abs(in); err == nil && sameFile(ia, abs) {
			return exitErr(exitUsage, fmt.Errorf("%s: refusing to overwrite an input file", path))
		}
	}
	dir := filepath.Dir(abs)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return exitErr(exitUsage, err)
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if err := tmp.Chmod(mode); err != nil {
		return exitErr(exitUsage, err)
	}
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return exitErr(exitUsage, err)
	}
	if err := os.Rename(tmpName, abs); err != nil {
		return exitErr(exitUsage, err)
	}
	ok = true
	return nil
}

func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
