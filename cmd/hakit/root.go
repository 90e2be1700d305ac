package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "hakit",
		Short: "Check, convert and simulate Linux-HA cluster configurations",
		Long: `hakit reads Pacemaker CIBs, crm shell and pcs scripts, corosync.conf (1.x-3.x),
dlm.conf, heartbeat's ha.cf/authkeys/haresources and CMAN's cluster.conf into one model,
and checks them (verify), converts them to corosync 3 + Pacemaker, pcs, crm or Ansible
ha_cluster variables (convert), or runs failover scenarios offline (simulate).

"-" as an INPUT reads standard input (once). Colours (verify --format pretty) follow
--color: auto (the default) colours a terminal unless NO_COLOR is set, always and
never force it. A progress line is drawn on standard error for long runs, only when
standard error is a terminal.

Exit codes: 0 clean, 1 findings at or above --fail-on (or malformed input),
2 usage errors or unreadable input.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			switch app.Color {
			case "", "auto", "always", "never":
				return nil
			}
			return exitErr(exitUsage, fmt.Errorf("--color: unknown value %q (valid: %s)", app.Color, "auto, always, never"))
		},
	}
	root.SetVersionTemplate(versionString())
	root.PersistentFlags().StringVar(&app.Color, "color", "auto", "colour output: auto (a terminal, unless NO_COLOR is set), always or never")
	_ = root.RegisterFlagCompletionFunc("color", fixedCompletion([]string{"auto", "always", "never"}))
	root.DisableAutoGenTag = true
	root.CompletionOptions.HiddenDefaultCmd = false
	addInputSizeFlag(root)
	root.AddCommand(
		newVersionCmd(app),
		newFormatsCmd(app),
		newConvertCmd(app),
		newVerifyCmd(app),
		newFixCmd(app),
		newRulesCmd(app),
		newExplainCmd(app),
		newSimulateCmd(app),
		newManCmd(app, root),
	)
	return root
}
