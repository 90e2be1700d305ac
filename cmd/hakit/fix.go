package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"hakit/parsers"
	"hakit/verify/fix"
)

type fixOptions struct {
	target string
	diff   bool
	from   string
	inputs []string
}

func newFixCmd(app *App) *cobra.Command {
	opts := &fixOptions{}
	cmd := &cobra.Command{
		Use:   "fix [--target RELEASE] [--diff] [--from FORMAT] FILE...",
		Short: "Rewrite deprecated Pacemaker syntax in CIB XML and crm files in place",
		Long: `fix rewrites the mechanical upgrades 'hakit verify' reports, in CIB XML and crm shell
files, in place:

  - master resources (crm: ms) become clones with promotable=true, and their
    master-max/master-node-max meta attributes promoted-max/promoted-node-max;
  - the role names Master and Slave become Promoted and Unpromoted (in a CIB only
    when its schema knows them: pacemaker-3.7 or later; a pacemaker-3.0 to 3.6 CIB
    is moved to pacemaker-3.7; an older one is left alone with a note, upgrade it
    with 'cibadmin --upgrade' first);
  - stonith-action=poweroff becomes off (Pacemaker 3.0 removed the alias), and with
    a Pacemaker 3 target no-quorum-policy=suicide becomes fence;
  - with --target pacemaker-3.0.2, the fencing options Pacemaker 3.0.2 renamed:
    stonith-enabled, stonith-action, stonith-timeout and stonith-watchdog-timeout
    become fencing-enabled, fencing-action, fencing-timeout and
    fencing-watchdog-timeout. Pacemaker 2 and 3.0.0/3.0.1 read only the old names,
    so --target pacemaker-3.0 leaves them alone: use 3.0.2 only for clusters that
    run Pacemaker 3.0.2 or later.

Nothing else in a file changes: comments, order, ids and white space are kept.
Each file is written to a temporary file beside it and renamed over it, keeping
its mode. Fixing a fixed file changes nothing. Directories expand to their files;
files of other formats are left alone. --diff prints the changes as a unified diff
on standard output and writes nothing. What was changed, and what could not be,
is listed on standard error as FILE:LINE: ... .

Exit codes: 0 done (or nothing to do), 1 a file could not be read as its format,
2 usage errors and unreadable or unwritable files.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			return runFix(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.target, "target", "pacemaker-2.1", "Pacemaker release to fix for; one of "+strings.Join(fix.Targets, ", "))
	f.BoolVar(&opts.diff, "diff", false, "print a unified diff of the changes instead of writing the files")
	f.StringVar(&opts.from, "from", "", "input format (default: detected per file); cib or crm")
	_ = cmd.RegisterFlagCompletionFunc("target", fixedCompletion(fix.Targets))
	_ = cmd.RegisterFlagCompletionFunc("from", fixedCompletion([]string{"cib", "crm"}))
	return cmd
}

func runFix(app *App, opts *fixOptions) error {
	valid := false
	for _, t := range fix.Targets {
		valid = valid || t == opts.target
	}
	if !valid {
		return exitErr(exitUsage, fmt.Errorf("--target: unknown release %q (valid: %s)", opts.target, strings.Join(fix.Targets, ", ")))
	}
	var forced *parsers.Format
	if opts.from != "" {
		if opts.from != "cib" && opts.from != "crm" {
			return exitErr(exitUsage, fmt.Errorf("--from: fix reads cib or crm, not %q", opts.from))
		}
		f, err := parsers.ByName(opts.from)
		if err != nil {
			return exitErr(exitUsage, fmt.Errorf("--from: %w", err))
		}
		forced = f
	}
	files, err := parsers.Expand(opts.inputs)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	failed := false
	for _, path := range files {
		if path == "-" {
			return exitErr(exitUsage, fmt.Errorf("fix rewrites files in place; it cannot read standard input"))
		}
		in, err := parsers.ReadFile(path)
		if err != nil {
			return exitErr(exitUsage, err)
		}
		format := forced
		if format == nil {
			format, err = parsers.Detect(in)
			if err != nil {
				fmt.Fprintf(app.Stderr, "%s: skipped: %v\n", path, err)
				continue
			}
		}
		var res *fix.Result
		switch format.Name {
		case "cib":
			res, err = fix.CIB(in.Src, fix.Options{Target: opts.target})
		case "crm":
			res, err = fix.CRM(in.Src, fix.Options{Target: opts.target})
		default:
			fmt.Fprintf(app.Stderr, "%s: skipped: fix rewrites cib and crm files, not %s\n", path, format.Name)
			continue
		}
		if err != nil {
			fmt.Fprintf(app.Stderr, "%s:%v\n", path, err)
			failed = true
			continue
		}
		for _, c := range res.Changes {
			fmt.Fprintf(app.Stderr, "%s:%d: fixed: %s\n", path, c.Line, c.What)
		}
		for _, n := range res.Notes {
			fmt.Fprintf(app.Stderr, "%s:%d: not fixed: %s\n", path, n.Line, n.What)
		}
		if bytes.Equal(res.Out, in.Src) {
			continue
		}
		if opts.diff {
			io.WriteString(app.Stdout, fix.Unified(path, path, in.Src, res.Out))
			continue
		}
		st, err := os.Stat(path)
		if err != nil {
			return exitErr(exitUsage, err)
		}
		if err := replaceFile(path, st.Mode().Perm(), res.Out); err != nil {
			return err
		}
	}
	if failed {
		return exitSilently(exitFindings)
	}
	return nil
}

// replaceFile writes data to a temporary file beside path and renames it
// over path, keeping mode.
func replaceFile(path string, mode os.FileMode, data []byte) error {
	return writeOutput(path, nil, mode, copyFrom(data))
}
