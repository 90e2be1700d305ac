package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"hakit/verify"
)

func newExplainCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID",
		Short: "Explain a rule or diagnostic code",
		Long: `explain prints the documentation of one rule or diagnostic code: what it finds, why
it matters, and a bad and a good example. 'hakit rules' lists the IDs.`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return ruleCompletion(nil, nil, "")
		},
		RunE: func(_ *cobra.Command, args []string) error { return runExplain(app, args[0]) },
	}
}

func runExplain(app *App, id string) error {
	id = strings.ToUpper(strings.TrimSpace(id))
	r, ok := verify.Lookup(id)
	if !ok {
		var ids []string
		for _, r := range verify.Rules() {
			ids = append(ids, r.ID)
		}
		msg := fmt.Sprintf("unknown rule %q", id)
		if s := verify.Suggest(id, ids); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		return exitErr(exitUsage, fmt.Errorf("%s; 'hakit rules' lists them", msg))
	}
	kind := "checked by hakit verify"
	if r.Check == nil {
		kind = "reported while reading or converting"
	}
	if r.Off {
		kind += "; opt-in: enable it with --enable " + r.ID + " or enable: [" + r.ID + "] in .hakit.yaml"
	}
	fmt.Fprintf(app.Stdout, "%s: %s\n\nSeverity: %s (default)\nSince: %s\nKind: %s\n\n%s\n", r.ID, r.Title, r.Severity, r.Since, kind, strings.TrimSpace(r.Doc))
	return nil
}
