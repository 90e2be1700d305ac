package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"hakit/internal/progress"
	"hakit/model"
	"hakit/parsers"
)

// App carries everything a command may touch of the outside world, so that
// commands run in-process in tests.
type App struct {
	Stdin            io.Reader
	Stdout, Stderr   io.Writer
	StdoutIsTerminal bool
	// StderrIsTerminal enables the progress line (internal/progress).
	StderrIsTerminal bool
	Getwd            func() (string, error)
	// Getenv reads the environment (NO_COLOR); nil reads nothing.
	Getenv func(string) string
	// Color is the --color flag: auto, always or never.
	Color string
	// boundMemory asks for a soft memory limit on large inputs (paceGC):
	// simulate sets it, whose working set is about twice its input.
	boundMemory bool
}

// ColorStdout reports whether output on standard output is coloured:
// --color always or never decide; auto colours a terminal unless NO_COLOR
// is set to anything non-empty (https://no-color.org).
func (a *App) ColorStdout() bool {
	switch a.Color {
	case "always":
		return true
	case "never":
		return false
	}
	if a.Getenv != nil && a.Getenv("NO_COLOR") != "" {
		return false
	}
	return a.StdoutIsTerminal
}

// busy draws "hakit: label item" (with the time elapsed) on a terminal
// until the returned function is called.
func (a *App) busy(label, item string) func() {
	l := progress.New(a.Stderr, a.StderrIsTerminal, label, -1)
	l.Step(item)
	return l.Done
}

// progress returns a progress line on standard error for total steps; it
// draws nothing unless standard error is a terminal.
func (a *App) progress(label string, total int) *progress.Line {
	return progress.New(a.Stderr, a.StderrIsTerminal, label, total)
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
	stdin := 0
	for _, p := range files {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, nil, exitErr(exitUsage, errors.New(`"-" (standard input) is given more than once; it can be read only once`))
	}
	var (
		out   []*LoadedInput
		diags model.Diagnostics
	)
	// Many inputs or big ones take seconds: a progress line on a terminal.
	var size int64
	for _, p := range files {
		if st, err := os.Stat(p); err == nil && p != "-" {
			size += st.Size()
		}
	}
	paceGC(size, a.Getenv, a.boundMemory)
	var prog *progress.Line
	if len(files) > progressMinFiles || size > progressMinBytes {
		prog = a.progress("reading", len(files))
	}
	defer prog.Done()
	for _, p := range files {
		prog.Step(p)
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

// Above these, reading the inputs draws a progress line (on a terminal).
const (
	progressMinFiles = 20
	progressMinBytes = 4 << 20
)

// pathErr names path, the file the user asked for, in an error from the
// temporary file written in its place: the temporary name means nothing
// to the user.
func pathErr(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return exitErr(exitUsage, fmt.Errorf("writing %s: %w", path, err))
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
		return pathErr(path, err)
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
		return pathErr(path, err)
	}
	if err := write(tmp); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) && pe.Path == tmpName {
			return pathErr(path, err)
		}
		return err
	}
	if err := tmp.Close(); err != nil {
		return pathErr(path, err)
	}
	if err := os.Rename(tmpName, abs); err != nil {
		return pathErr(path, err)
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
