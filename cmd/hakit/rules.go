package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"hakit/verify"
)

type rulesOptions struct {
	format string
}

var rulesFormats = []string{"text", "markdown", "json"}

func newRulesCmd(app *App) *cobra.Command {
	opts := &rulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules [--format text|markdown|json]",
		Short: "List the rules and diagnostic codes",
		Long: `rules lists every diagnostic code hakit can report — rules of 'hakit verify' and the
codes parsers and converters report — with its default severity and title, from the
rule registry. --format markdown writes the full documentation of every rule (the
reference page); json writes id, title, severity, since, checked (whether verify runs
a check for it, rather than a parser or converter reporting it), opt_in (runs only
when enabled) and doc.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runRules(app, opts) },
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format; one of "+strings.Join(rulesFormats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(rulesFormats))
	return cmd
}

type ruleJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Since    string `json:"since"`
	Checked  bool   `json:"checked"`
	OptIn    bool   `json:"opt_in,omitempty"`
	Doc      string `json:"doc"`
}

func runRules(app *App, opts *rulesOptions) error {
	rules := verify.Rules()
	switch opts.format {
	case "text":
		tw := tabwriter.NewWriter(app.Stdout, 0, 8, 2, ' ', 0)
		for _, r := range rules {
			title := r.Title
			if r.Off {
				title += " (opt-in)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, title)
		}
		return tw.Flush()
	case "markdown":
		return writeRulesMarkdown(app.Stdout, rules)
	case "json":
		out := make([]ruleJSON, 0, len(rules))
		for _, r := range rules {
			out = append(out, ruleJSON{ID: r.ID, Title: r.Title, Severity: r.Severity.String(), Since: r.Since, Checked: r.Check != nil, OptIn: r.Off, Doc: r.Doc})
		}
		enc := json.NewEncoder(app.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	return exitErr(exitUsage, fmt.Errorf("--format: unknown format %q (valid: %s)", opts.format, strings.Join(rulesFormats, ", ")))
}

func writeRulesMarkdown(w io.Writer, rules []*verify.Rule) error {
	var b strings.Builder
	b.WriteString("# hakit rules\n\n| ID | severity | title |\n|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Severity, r.Title)
	}
	for _, r := range rules {
		optIn := ""
		if r.Off {
			optIn = ", opt-in"
		}
		fmt.Fprintf(&b, "\n## %s\n\n**%s** — severity %s%s, since %s\n\n%s\n", r.ID, r.Title, r.Severity, optIn, r.Since, strings.TrimSpace(r.Doc))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
