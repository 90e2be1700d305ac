package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"hakit/model"
	"hakit/parsers"
	"hakit/verify"
	"hakit/verify/baseline"
	"hakit/verify/report"
)

type verifyOptions struct {
	format     string
	failOn     string
	enable     []string
	disable    []string
	configPath string
	from       string
	checkModes bool
	target     string
	baseline   string
	baselineW  string
	inputs     []string
}

var failOnValues = []string{"info", "warning", "error"}

func newVerifyCmd(app *App) *cobra.Command {
	opts := &verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify [--format FORMAT] [--fail-on LEVEL] [--enable ID] [--disable ID] [--config FILE] [--from FORMAT] INPUT...",
		Short: "Check cluster configuration files",
		Long: `verify reads INPUT files ("-" reads standard input) and checks them with every
enabled rule.

How inputs are grouped into clusters: every file named on the command line and every
file directly inside a directory named there are ONE cluster, merged exactly as
'hakit convert' reads them (a primitive in a.crm and "property stonith-enabled=false"
in b.crm are one valid configuration). Each subdirectory, at any depth, that holds
files is a SEPARATE cluster, checked on its own: 'hakit verify clusters/' with
clusters/web/ and clusters/db/ checks two clusters. Hidden files and directories are
skipped. Rules that compare clusters with each other (multicast groups and ports,
heartbeat UDP ports: HA4101, HA4102, HA5054) run over all of them together.

verify checks configuration: what crm_verify derives from a CIB's status section
(resources active on several nodes, failed stops) is the cluster's state and is not
reported. --target pacemaker-3.0 reports what Pacemaker 3.0 removed; 'hakit fix'
rewrites the mechanical ones. --baseline-write FILE records today's findings and
--baseline FILE reports only new ones (fingerprints: rule, file, message naming the
subject, and the subject's source text; not line numbers). --check-modes makes a
secret file's mode (authkeys) an error wherever it lies, not only under /etc/ha.d/. Findings are printed
as file:line:col: severity: ID: message (--format text, the default), with source
snippets (pretty), or as json, sarif (SARIF 2.1.0), junit, or github (GitHub
Actions workflow commands, ::error file=...,line=...::, annotating a pull request).

Exit codes, the same for every format: 0 when no finding is at or above --fail-on
(default error), 1 otherwise, 2 for usage errors and unreadable input.

Configuration comes from .hakit.yaml in the current directory or the nearest parent
(or --config FILE): enable, disable (IDs or globs such as 'HA1*'), severity
overrides, fail-on, and an ignore list of {rule, path, reason}. Inline suppressions:
"# hakit:ignore HA1001 reason" (or <!-- hakit:ignore HA1001 reason --> in XML) on the
line of the finding or the line before. 'hakit rules' lists the rules, 'hakit explain
ID' documents one.

--format json writes {"findings": [...], "summary": {...}}: each finding has file,
line, column, end_line, end_column (1-based, columns in code points, end exclusive),
rule, severity, message and, when present, detail and related; the summary has files,
findings, errors, warnings, infos, fail_on and failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			return runVerify(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "text", "output format; one of "+strings.Join(report.Names(), ", "))
	f.StringVar(&opts.failOn, "fail-on", "", "lowest severity that makes the exit code 1; one of "+strings.Join(failOnValues, ", ")+" (default error, or fail-on of the configuration)")
	f.StringArrayVar(&opts.enable, "enable", nil, "enable rules by ID or glob (repeatable, comma-separated)")
	f.StringArrayVar(&opts.disable, "disable", nil, "disable rules by ID or glob, e.g. 'HA1*' (repeatable, comma-separated)")
	f.StringVar(&opts.configPath, "config", "", "configuration file (default: "+verify.ConfigFileName+" in the current directory or a parent)")
	f.StringVar(&opts.from, "from", "", "input format (default: detected per file); one of "+strings.Join(parsers.Names(), ", "))
	f.BoolVar(&opts.checkModes, "check-modes", false, "treat the files' modes as the installed ones: a secret file readable by others (authkeys) is an error wherever it lies (default: only under /etc/ha.d/)")
	addVerifyExtraFlags(cmd, opts)
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(report.Names()))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion(failOnValues))
	_ = cmd.RegisterFlagCompletionFunc("from", fixedCompletion(parsers.Names()))
	_ = cmd.RegisterFlagCompletionFunc("enable", ruleCompletion)
	_ = cmd.RegisterFlagCompletionFunc("disable", ruleCompletion)
	_ = cmd.MarkFlagFilename("config", "yaml", "yml")
	return cmd
}

func ruleCompletion(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var ids []string
	for _, r := range verify.Rules() {
		ids = append(ids, r.ID+"\t"+r.Title)
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func runVerify(app *App, opts *verifyOptions) error {
	// Enum flags first, before any input is read.
	w, err := report.ByName(opts.format)
	if err != nil {
		return exitErr(exitUsage, fmt.Errorf("--format: %w", err))
	}
	var failOn model.Severity
	if opts.failOn != "" {
		s, err := model.ParseSeverity(opts.failOn)
		if err != nil || s.String() != strings.ToLower(opts.failOn) {
			return exitErr(exitUsage, fmt.Errorf("--fail-on: unknown level %q (valid: %s)", opts.failOn, strings.Join(failOnValues, ", ")))
		}
		failOn = s
	}
	if opts.from != "" {
		if _, err := parsers.ByName(opts.from); err != nil {
			return exitErr(exitUsage, fmt.Errorf("--from: %w", err))
		}
	}

	cfg, err := loadVerifyConfig(app, opts.configPath)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	cfg.CLIEnable = splitList(opts.enable)
	cfg.CLIDisable = splitList(opts.disable)
	if err := cfg.Validate(); err != nil {
		return exitErr(exitUsage, err)
	}
	if failOn != 0 {
		cfg.FailOn = failOn
	}

	groups, err := groupInputs(opts.inputs)
	if err != nil {
		return err
	}
	cfg.CheckModes = opts.checkModes
	if err := applyTarget(cfg, opts.target); err != nil {
		return err
	}
	rep := &report.Report{Sources: map[string][]byte{}, Tool: "hakit", Version: version}
	var clusters [][]*verify.Input
	for _, g := range groups {
		inputs, err := loadVerifyGroup(app, g, opts.from, rep)
		if err != nil {
			return err
		}
		clusters = append(clusters, inputs)
	}
	nfiles := 0
	for _, c := range clusters {
		nfiles += len(c)
	}
	done := app.busy("checking", strconv.Itoa(nfiles)+" file(s)")
	findings := verify.RunClusters(context.Background(), clusters, cfg)
	done()
	findings, err = applyBaseline(findings, opts, rep)
	if err != nil {
		return err
	}
	rep.Findings = findings
	rep.FailOn = cfg.FailLevel()
	rep.Color = app.ColorStdout()
	if app.Getwd != nil {
		if wd, err := app.Getwd(); err == nil {
			rep.BaseDir = wd
		}
	}
	if err := w.Write(app.Stdout, app.Stderr, rep); err != nil {
		return exitErr(exitUsage, fmt.Errorf("writing %s output: %w", opts.format, err))
	}
	if opts.baselineW != "" {
		return nil
	}
	if verify.Failing(findings, cfg.FailLevel()) {
		return exitSilently(exitFindings)
	}
	return nil
}

// loadVerifyConfig reads --config, or the .hakit.yaml found from the
// working directory upward, or returns an empty configuration.
func loadVerifyConfig(app *App, path string) (*verify.Config, error) {
	if path == "" && app.Getwd != nil {
		wd, err := app.Getwd()
		if err != nil {
			return nil, fmt.Errorf("finding the configuration: %w", err)
		}
		if path, err = verify.FindConfig(wd); err != nil {
			return nil, err
		}
	}
	if path == "" {
		return &verify.Config{}, nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	// Findings about the configuration name it relative to the working
	// directory, like the inputs.
	display := path
	if app.Getwd != nil && filepath.IsAbs(path) {
		if wd, err := app.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil {
				display = rel
			}
		}
	}
	return verify.ParseConfig(src, display)
}

// loadVerifyGroup reads the files of one cluster and turns them into the
// inputs of one verify.Run, recording their names and masked sources in rep.
func loadVerifyGroup(app *App, files []string, from string, rep *report.Report) ([]*verify.Input, error) {
	loaded, diags, err := app.loadInputs(files, from)
	if err != nil {
		return nil, err
	}
	inputs := make([]*verify.Input, 0, len(loaded))
	byFile := map[string]*verify.Input{}
	for _, li := range loaded {
		in := &verify.Input{Filename: li.Input.Filename, Src: li.Input.Src, Cluster: li.Cluster}
		if li.Format != nil {
			in.Format = li.Format.Name
		}
		inputs = append(inputs, in)
		byFile[in.Filename] = in
		rep.Files = append(rep.Files, in.Filename)
		// Snippets (pretty, and any writer quoting source) show the file
		// with its secrets masked.
		rep.Sources[in.Filename] = model.RedactSource(li.Input.Src, in.Filename, model.SecretsAt(li.Cluster))
	}
	// Parser diagnostics travel with the input they are about, so that
	// its inline suppressions apply to them.
	var orphans model.Diagnostics
	for _, d := range diags {
		if d.Subject != nil && byFile[d.Subject.Filename] != nil {
			in := byFile[d.Subject.Filename]
			in.Diagnostics = append(in.Diagnostics, d)
		} else {
			orphans = append(orphans, d)
		}
	}
	if len(orphans) > 0 && len(inputs) > 0 {
		inputs[0].Diagnostics = append(inputs[0].Diagnostics, orphans...)
	}
	return inputs, nil
}

// groupInputs splits the command line into clusters: the files named and the
// files directly inside the directories named are one cluster (as convert
// reads them); every subdirectory, at any depth, holding files is a cluster
// of its own. Hidden entries and test sidecars are skipped.
func groupInputs(args []string) ([][]string, error) {
	var top []string
	var subs [][]string
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.IsDir() {
			top = append(top, a)
			continue
		}
		n := len(top) + len(subs)
		var walk func(dir string, depth int) error
		walk = func(dir string, depth int) error {
			ents, err := os.ReadDir(dir)
			if err != nil {
				return exitErr(exitUsage, &parsers.ReadError{Path: dir, Err: err})
			}
			var files []string
			var dirs []string
			for _, e := range ents {
				name := e.Name()
				if strings.HasPrefix(name, ".") || parsers.HasExt(name, ".want", ".golden") {
					continue
				}
				p := filepath.Join(dir, name)
				if e.IsDir() {
					dirs = append(dirs, p)
				} else {
					files = append(files, p)
				}
			}
			if depth == 0 {
				top = append(top, files...)
			} else if len(files) > 0 {
				subs = append(subs, files)
			}
			for _, d := range dirs {
				if err := walk(d, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if err := walk(a, 0); err != nil {
			return nil, err
		}
		if len(top)+len(subs) == n {
			return nil, exitErr(exitUsage, &parsers.ReadError{Path: a, Err: errors.New("is a directory without input files")})
		}
	}
	var out [][]string
	if len(top) > 0 {
		out = append(out, top)
	}
	return append(out, subs...), nil
}

// verifyTargets are the releases --target knows.
var verifyTargets = []string{"pacemaker-2.1", "pacemaker-3.0", "pacemaker-3.0.2"}

func addVerifyExtraFlags(cmd *cobra.Command, opts *verifyOptions) {
	f := cmd.Flags()
	f.StringVar(&opts.target, "target", "", "Pacemaker release the configuration must run on; one of "+strings.Join(verifyTargets, ", ")+
		" (pacemaker-3.0 reports what Pacemaker 3.0 removed, HA1610; pacemaker-3.0.2 also the fencing options it renamed, HA1009; 'hakit fix' rewrites the mechanical ones)")
	f.StringVar(&opts.baselineW, "baseline-write", "", "record today's findings in FILE (a JSON baseline) and exit 0")
	f.StringVar(&opts.baseline, "baseline", "", "report only findings that baseline FILE does not hold (fingerprints keyed by rule, file, subject and its source text, not line numbers)")
	_ = cmd.RegisterFlagCompletionFunc("target", fixedCompletion(verifyTargets))
	_ = cmd.MarkFlagFilename("baseline", "json")
	_ = cmd.MarkFlagFilename("baseline-write", "json")
}

// applyTarget sets the configuration for --target: pacemaker-3.0 enables
// the rules about what Pacemaker 3.0 removed or renamed.
func applyTarget(cfg *verify.Config, target string) error {
	switch target {
	case "", "pacemaker-2.1":
		cfg.Target = target
		return nil
	case "pacemaker-3.0":
		cfg.Target = target
		cfg.CLIEnable = append(cfg.CLIEnable, "HA1610")
		return nil
	case "pacemaker-3.0.2":
		cfg.Target = target
		cfg.CLIEnable = append(cfg.CLIEnable, verify.Pacemaker3Rules...)
		return nil
	}
	return exitErr(exitUsage, fmt.Errorf("--target: unknown release %q (valid: %s)", target, strings.Join(verifyTargets, ", ")))
}

// applyBaseline writes the baseline (--baseline-write) or filters the
// findings through it (--baseline).
func applyBaseline(findings model.Diagnostics, opts *verifyOptions, rep *report.Report) (model.Diagnostics, error) {
	if opts.baselineW != "" && opts.baseline != "" {
		return nil, exitErr(exitUsage, errors.New("--baseline and --baseline-write cannot be used together"))
	}
	if opts.baselineW != "" {
		b, err := baseline.New(findings, rep.Sources).Marshal()
		if err != nil {
			return nil, exitErr(exitUsage, err)
		}
		if err := writeOutput(opts.baselineW, rep.Files, 0o644, copyFrom(b)); err != nil {
			return nil, err
		}
		return findings, nil
	}
	if opts.baseline == "" {
		return findings, nil
	}
	src, err := os.ReadFile(opts.baseline)
	if err != nil {
		return nil, exitErr(exitUsage, fmt.Errorf("--baseline: %w", err))
	}
	bf, err := baseline.Parse(src, opts.baseline)
	if err != nil {
		return nil, exitErr(exitUsage, err)
	}
	out, _ := bf.Filter(findings, rep.Sources)
	return out, nil
}
