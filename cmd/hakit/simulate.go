package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"hakit/convert"
	"hakit/model"
	"hakit/sim"
)

type simulateOptions struct {
	inputs  []string
	from    string
	format  string
	dotfile string
	events  sim.Events
	scen    scenarioFlags // --scenario, --sweep, --save-output: scenario.go
}

func newSimulateCmd(app *App) *cobra.Command {
	o := &simulateOptions{}
	cmd := &cobra.Command{
		Use:   "simulate INPUT...",
		Short: "Simulate Pacemaker's scheduler offline",
		Long: `simulate runs Pacemaker's scheduler on the cluster the inputs describe: from
the CIB status section when there is one, else from every configured node online.
Events (node up/down/fail, operation failures, standby, quorum, tickets, time)
apply first; the output is crm_simulate's layout, or JSON with placement and actions.

--scenario FILE plays a story (see scenarioHelp below).` + scenarioHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.scen.scenario != "" {
				return cobra.ArbitraryArgs(cmd, args)
			}
			return cobra.MinimumNArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.inputs = args
			if o.scen.active() {
				return runScenarioMode(app, o)
			}
			return runSimulate(app, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.from, "from", "", "input format (default: detect)")
	f.StringVar(&o.format, "format", "text", "output format: text, json")
	f.StringVar(&o.dotfile, "save-dotfile", "", "write the transition graph in Graphviz dot to FILE, as crm_simulate -D does")
	f.BoolVarP(&o.events.Scores, "show-scores", "s", false, "show allocation and promotion scores as crm_simulate -s does (group, clone and primitive assignment lines)")
	f.StringArrayVarP(&o.events.NodeUp, "node-up", "u", nil, "bring a node online")
	f.StringArrayVarP(&o.events.NodeDown, "node-down", "d", nil, "take a node offline cleanly")
	f.StringArrayVarP(&o.events.NodeFail, "node-fail", "f", nil, "fail a node (crash)")
	f.StringArrayVarP(&o.events.OpFail, "op-fail", "F", nil, "make an action fail when the transition runs it (crm_simulate -F): rsc_op_interval@node=rc; the transition stops there")
	f.StringArrayVarP(&o.events.OpInject, "op-inject", "i", nil, "record an operation result before scheduling (crm_simulate -i): rsc_op_interval@node=rc")
	f.StringArrayVar(&o.events.Standby, "standby", nil, "put a node in standby")
	f.StringArrayVar(&o.events.Online, "online", nil, "take a node out of standby")
	f.StringVarP(&o.events.Quorum, "quorum", "q", "", "set quorum: true or false")
	f.StringArrayVarP(&o.events.TicketGrant, "ticket-grant", "g", nil, "grant a ticket")
	f.StringArrayVarP(&o.events.TicketRevoke, "ticket-revoke", "r", nil, "revoke a ticket")
	f.StringArrayVarP(&o.events.TicketStandby, "ticket-standby", "b", nil, "put a ticket in standby")
	f.StringVarP(&o.events.Time, "set-datetime", "t", "", "effective date/time for rules and failure-timeout")
	addScenarioFlags(cmd, &o.scen)
	f.StringVar(&o.events.Pacemaker, "pacemaker", sim.DefaultPacemaker, "scheduler semantics: 2.1 (RHEL 8/9, Debian 12, SLES 15) or 3.0 (RHEL 10, Debian 13, SLES 16)")
	_ = cmd.RegisterFlagCompletionFunc("pacemaker", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"2.1", "3.0"}, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp
	})
	for _, n := range []string{"node-up", "node-down", "node-fail", "standby", "online"} {
		_ = cmd.RegisterFlagCompletionFunc(n, nodeCompletion(app))
	}
	_ = cmd.RegisterFlagCompletionFunc("op-fail", resourceCompletion(app))
	_ = cmd.RegisterFlagCompletionFunc("op-inject", resourceCompletion(app))
	_ = cmd.RegisterFlagCompletionFunc("from", inputFormatCompletion)
	return cmd
}

func runSimulate(app *App, o *simulateOptions) error {
	if o.format != "text" && o.format != "json" {
		return exitErr(exitUsage, fmt.Errorf("unknown --format %q (valid: text, json)", o.format))
	}
	c, err := loadSimCluster(app, o)
	if err != nil {
		return err
	}
	res, err := sim.Run(c, &o.events)
	if err != nil {
		var ee *sim.EventError
		if errors.As(err, &ee) {
			return exitErr(exitUsage, err)
		}
		return exitErr(exitFindings, err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(app.Stderr, "hakit: simulate: %s\n", n)
	}
	if err := saveOutput(o, res); err != nil {
		return err
	}
	if o.dotfile != "" {
		if err := writeOutput(o.dotfile, o.inputs, 0o644, res.WriteDot); err != nil {
			return exitErr(exitUsage, err)
		}
	}
	if o.format == "json" {
		if res.Actions == nil {
			res.Actions = []sim.Action{}
		}
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return exitErr(exitUsage, err)
		}
		_, err = fmt.Fprintf(app.Stdout, "%s\n", b)
		return err
	}
	return res.WriteText(app.Stdout)
}

// loadSimCluster reads the inputs through the parsers registry, merges them
// into one cluster and carries a legacy one (heartbeat, cluster.conf) over to
// Pacemaker, as convert does. Malformed input is reported with positions
// and ends the command with exit 1.
func loadSimCluster(app *App, o *simulateOptions) (*model.Cluster, error) {
	app.boundMemory = true
	loaded, diags, err := app.loadInputs(o.inputs, o.from)
	if err != nil {
		return nil, err
	}
	clusters := make([]*model.Cluster, 0, len(loaded))
	statusFrom := ""
	for _, li := range loaded {
		// The cluster's state comes from one CIB status section: two
		// would contradict each other, and merging picks neither safely.
		if lc := li.Cluster; lc != nil && lc.Status != nil && len(lc.Status.Nodes) > 0 {
			if statusFrom != "" {
				return nil, exitErr(exitUsage, fmt.Errorf("%s and %s both carry a CIB status section; simulate takes the cluster's state from one: give one CIB with status and the other inputs without", statusFrom, li.Input.Filename))
			}
			statusFrom = li.Input.Filename
			// The status with node states wins over an empty one.
			clusters = append([]*model.Cluster{{Status: lc.Status}}, clusters...)
		}
		clusters = append(clusters, li.Cluster)
	}
	c := model.Merge(clusters...)
	secrets := model.SecretsAt(c)
	if diags.HasErrors() {
		writeDiagnostics(app.Stderr, diags, secrets)
		return nil, exitSilently(exitFindings)
	}
	// The simulator needs the Pacemaker side only: a conversion that could
	// not complete the membership (missing node addresses) still gives it.
	if mc, cds := convert.Modernize(c, convert.Options{}); mc != nil && mc.Config != nil {
		c = mc
	} else if cds.HasErrors() {
		writeDiagnostics(app.Stderr, cds, secrets)
		return nil, exitSilently(exitFindings)
	}
	if c.Config == nil {
		return nil, exitErr(exitFindings, errors.New("no Pacemaker configuration in the inputs (a CIB, crm or pcs script, haresources, or cluster.conf <rm>)"))
	}
	return withMemberNodes(c), nil
}

// withMemberNodes returns c with the membership's nodes added to a
// configuration that lists none: a new cluster's CIB has no <nodes> until
// its members join, and then Pacemaker adds exactly these.
func withMemberNodes(c *model.Cluster) *model.Cluster {
	if len(c.Config.Nodes) > 0 || c.Membership == nil || len(c.Membership.Nodes) == 0 {
		return c
	}
	cfg := *c.Config
	cfg.Nodes = nil
	for i, mn := range c.Membership.Nodes {
		id := mn.NodeID
		if id == 0 {
			id = uint32(i + 1)
		}
		cfg.Nodes = append(cfg.Nodes, &model.Node{Base: model.Base{Range: mn.Range}, ID: strconv.FormatUint(uint64(id), 10), Uname: mn.Name})
	}
	out := *c
	out.Config = &cfg
	return &out
}

var _ io.Writer = (*bytes.Buffer)(nil)
