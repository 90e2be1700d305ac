package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Stubs for subcommands still being written; each moves to its own file.

func stubCmd(use, short string) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, Hidden: true, RunE: func(*cobra.Command, []string) error {
		return exitErr(exitUsage, errors.New(use+": not available yet"))
	}}
}

func newVerifyCmd(app *App) *cobra.Command   { return stubCmd("verify", "Check cluster configuration files") }
func newRulesCmd(app *App) *cobra.Command    { return stubCmd("rules", "List the rules") }
func newExplainCmd(app *App) *cobra.Command  { return stubCmd("explain", "Explain a rule") }
func newSimulateCmd(app *App) *cobra.Command { return stubCmd("simulate", "Simulate failover") }
