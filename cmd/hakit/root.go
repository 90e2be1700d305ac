package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "hakit",
		Short: "Check, convert and simulate Linux-HA cluster configurations",
		Long: `hakit reads Pacemaker CIBs, crm shell and pcs scripts, corosync.conf (1.x-3.x),
dlm.conf, heartbeat's ha.cf/authkeys/haresources and CMAN's cluster.conf into one model,
and checks them (verify), converts them to corosync 3 + Pacemaker (convert), or runs
failover scenarios offline (simulate).

Exit codes: 0 clean, 1 findings at or above --fail-on (or malformed input),
2 usage errors or unreadable input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.HiddenDefaultCmd = true
	addInputSizeFlag(root)
	root.AddCommand(
		newVersionCmd(app),
		newFormatsCmd(app),
		newConvertCmd(app),
		newVerifyCmd(app),
		newRulesCmd(app),
		newExplainCmd(app),
		newSimulateCmd(app),
	)
	return root
}
