package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"hakit/model"
	"hakit/parsers"
	"hakit/verify"
	"hakit/verify/report"
)

type verifyOptions struct {
	format     string
	failOn     string
	enable     []string
	disable    []string
	configPath string
	from       string
	inputs     []string
}

var failOnValues = []string{"info", "warning", "error"}

func newVerifyCmd(app *App) *cobra.Command {
	opts := &verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify [--format FORMAT] [--fail-on LEVEL] [--enable ID] [--disable ID] [--config FILE] [--from FORMAT] INPUT...",
		Short: "Check cluster configuration files",
		Long: `verify reads INPUT files (directories expand to their files; "-" reads standard
input) as one cluster and checks them with every enabled rule. Findings are printed
as file:line:col: severity: ID: message (--format text, the default), with source
snippets (pretty), or as json, sarif (SARIF 2.1.0) or junit.

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

	loaded, diags, err := app.loadInputs(opts.inputs, opts.from)
	if err != nil {
		return err
	}
	inputs := make([]*verify.Input, 0, len(loaded))
	byFile := map[string]*verify.Input{}
	rep := &report.Report{Sources: map[string][]byte{}, Tool: "hakit", Version: version}
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

	findings := verify.Run(context.Background(), inputs, cfg)
	rep.Findings = findings
	rep.FailOn = cfg.FailLevel()
	rep.Color = app.StdoutIsTerminal
	if app.Getwd != nil {
		if wd, err := app.Getwd(); err == nil {
			rep.BaseDir = wd
		}
	}
	if err := w.Write(app.Stdout, app.Stderr, rep); err != nil {
		return exitErr(exitUsage, fmt.Errorf("writing %s output: %w", opts.format, err))
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
