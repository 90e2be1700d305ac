package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	emitcib "hakit/emit/cib"
	"hakit/model"
	"hakit/sim"
	"hakit/sim/quorum"
	"hakit/sim/scenario"
)

// scenarioFlags are simulate's story-telling flags: --scenario plays a
// scenario file, --sweep runs every single failure, --save-output writes
// the resulting CIB of a single run.
type scenarioFlags struct {
	scenario   string
	sweep      string
	saveOutput string
}

func (s *scenarioFlags) active() bool { return s.scenario != "" || s.sweep != "" }

func addScenarioFlags(cmd *cobra.Command, s *scenarioFlags) {
	f := cmd.Flags()
	f.StringVar(&s.scenario, "scenario", "", "play a scenario file (YAML; see below); --format text, json, junit or html")
	f.StringVar(&s.sweep, "sweep", "", "N-1 analysis from the settled state: every node-fail (node-fail=K: every K nodes at once) or every monitor op-fail; exit 1 when one leaves a running resource unrunnable; --format text, json or junit")
	f.StringVarP(&s.saveOutput, "save-output", "O", "", "write the resulting CIB, with its status section, to FILE (crm_simulate -O; after --op-fail, what the executed actions left)")
}

// saveOutput writes the CIB after the transition when --save-output asks.
func saveOutput(o *simulateOptions, res *sim.Result) error {
	if o.scen.saveOutput == "" {
		return nil
	}
	next := withSchema(res.Next())
	return writeOutput(o.scen.saveOutput, o.inputs, 0o644, func(w io.Writer) error {
		return emitcib.Emit(w, next, emitcib.Options{})
	})
}

// withSchema gives a CIB header that names no schema the one the CIB
// writer uses by default.
func withSchema(c *model.Cluster) *model.Cluster {
	if c.CIB == nil || c.CIB.ValidateWith() != "" {
		return c
	}
	h := *c.CIB
	h.Attrs = append(model.Attrs{{Name: "crm_feature_set", Value: emitcib.DefaultFeatureSet},
		{Name: "validate-with", Value: emitcib.DefaultValidateWith}}, h.Attrs...)
	out := *c
	out.CIB = &h
	return &out
}

// runScenarioMode plays --scenario FILE. Exit 0 when every assertion
// holds, 1 when one fails or the cluster cannot be simulated, 2 for a bad
// scenario file.
func runScenarioMode(app *App, o *simulateOptions) error {
	if o.scen.sweep != "" {
		return runSweep(app, o)
	}
	switch o.format {
	case "text", "json", "junit", "html":
	default:
		return exitErr(exitUsage, fmt.Errorf("unknown --format %q for --scenario (valid: text, json, junit, html)", o.format))
	}
	if len(o.inputs) > 0 {
		return exitErr(exitUsage, errors.New("--scenario takes its inputs from the scenario file, not the command line"))
	}
	src, err := os.ReadFile(o.scen.scenario)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	sc, err := scenario.Parse(src, o.scen.scenario)
	if err != nil {
		fmt.Fprintln(app.Stderr, err)
		return exitSilently(exitUsage)
	}
	dir := filepath.Dir(o.scen.scenario)
	lo := *o
	lo.inputs = nil
	for _, in := range sc.Inputs {
		p := in.Value
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(app.Stderr, "%s:%d:%d: input %s: %v\n", sc.File, in.Pos.Line, in.Pos.Col, in.Value, errors.Unwrap(err))
			return exitSilently(exitUsage)
		}
		lo.inputs = append(lo.inputs, p)
	}
	c, err := loadSimCluster(app, &lo)
	if err != nil {
		return err
	}
	membership := rawMembership(app, &lo)
	nodes, rscs := scenario.Names(c)
	if err := sc.Check(nodes, rscs); err != nil {
		fmt.Fprintln(app.Stderr, err)
		return exitSilently(exitUsage)
	}
	rep, err := scenario.Play(sc, c, quorum.New(membership), membership)
	if err != nil {
		var ee *sim.EventError
		if errors.As(err, &ee) {
			return exitErr(exitUsage, err)
		}
		return exitErr(exitFindings, err)
	}
	switch o.format {
	case "json":
		err = rep.WriteJSON(app.Stdout)
	case "junit":
		err = rep.WriteJUnit(app.Stdout, sc.File)
	case "html":
		err = rep.WriteHTML(app.Stdout, "hakit scenario: "+filepath.Base(sc.File))
	default:
		err = rep.WriteText(app.Stdout)
	}
	if err != nil {
		return err
	}
	if failed, _ := rep.Failed(); failed > 0 {
		return exitSilently(exitFindings)
	}
	return nil
}

// rawMembership is the membership the inputs hold as written (a heartbeat
// or CMAN one before conversion): quorum follows the daemons that run it.
func rawMembership(app *App, o *simulateOptions) *model.Membership {
	loaded, _, err := app.loadInputs(o.inputs, o.from)
	if err != nil {
		return nil
	}
	var cs []*model.Cluster
	for _, li := range loaded {
		cs = append(cs, li.Cluster)
	}
	return model.Merge(cs...).Membership
}

const scenarioHelp = `

Scenario files (--scenario FILE.yaml; no INPUT arguments):
  inputs: [cib.xml, corosync.conf]   paths relative to the file, merged as convert does
  steps:                             each starts from the state the previous left
    - name: node1 crashes            optional; default "step N"
      node-fail: [node1]             events = the flags above without dashes:
      op-fail: ["db_monitor_10000@node2=1"]   node-fail node-down node-up op-fail
                                     op-inject standby online quorum ticket-grant
                                     ticket-revoke ticket-standby set-datetime
      partition: [[node1], [node2]]  split the membership (each node on one side)
      heal: true                     rejoin the sides
      qdevice: lost                  the quorum device/disk is lost (or back)
      wait: 10min                    time passes first (failure-timeout, LMS window)
      expect:
        running: {vip: node2, web: [node2]}
        promoted: {db-clone: node3}
        stopped: [web-backup]
        quorate: true
        fenced: [node1]
        actions-include: ["move vip node2", "fence node1"]
In a step, op-fail is a failure the cluster observed: it is recorded before
scheduling, as op-inject (crm_simulate -i) records it, not the single run's
crm_simulate -F, which fails an action of the transition and cuts it short.
Quorum comes from the membership when the inputs have one (votequorum,
CMAN, heartbeat), else from the CIB. Exit 0: every expectation holds; 1: one
fails or the cluster cannot be simulated; 2: a bad scenario file.
--format html writes one self-contained page: a lane per node, a column per step.`

// runSweep runs --sweep on the inputs: every single (or K-node) failure
// from the settled state. Exit 1 when one leaves a running resource
// unrunnable (not N-1 resilient), 0 otherwise.
func runSweep(app *App, o *simulateOptions) error {
	if o.scen.scenario != "" {
		return exitErr(exitUsage, errors.New("--sweep and --scenario do not go together"))
	}
	kind, k, err := scenario.ParseSweep(o.scen.sweep)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	switch o.format {
	case "text", "json", "junit":
	default:
		return exitErr(exitUsage, fmt.Errorf("unknown --format %q for --sweep (valid: text, json, junit)", o.format))
	}
	if len(o.inputs) == 0 {
		return exitErr(exitUsage, errors.New("--sweep needs the cluster's inputs"))
	}
	c, err := loadSimCluster(app, o)
	if err != nil {
		return err
	}
	rep, err := scenario.Sweep(c, rawMembership(app, o), kind, k)
	if err != nil {
		return exitErr(exitFindings, err)
	}
	switch o.format {
	case "json":
		err = rep.WriteJSON(app.Stdout)
	case "junit":
		err = rep.WriteJUnit(app.Stdout)
	default:
		err = rep.WriteText(app.Stdout)
	}
	if err != nil {
		return err
	}
	if rep.Violations() > 0 {
		return exitSilently(exitFindings)
	}
	return nil
}
