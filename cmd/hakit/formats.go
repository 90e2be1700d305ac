package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"hakit/parsers"
)

func newFormatsCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "formats",
		Short: "List the input and output formats",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "INPUT\tALIASES\tDESCRIPTION")
			for _, f := range parsers.Formats() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Name, strings.Join(f.Aliases, ","), f.Summary)
			}
			fmt.Fprintln(tw)
			fmt.Fprintln(tw, "OUTPUT\t\tDESCRIPTION")
			for _, e := range emitters() {
				fmt.Fprintf(tw, "%s\t\t%s\n", e.name, e.summary)
			}
			return tw.Flush()
		},
	}
}
