package main

import (
	"io"

	"github.com/spf13/cobra"

	emitcib "hakit/emit/cib"
	"hakit/model"
	"hakit/sim"
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
	f.StringVar(&s.scenario, "scenario", "", "play a scenario file (YAML; see below)")
	f.StringVar(&s.sweep, "sweep", "", "N-1 analysis: node-fail[=K] or op-fail")
	f.StringVarP(&s.saveOutput, "save-output", "O", "", "write the resulting CIB, with its status section, to FILE (crm_simulate -O)")
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

func runScenarioMode(app *App, o *simulateOptions) error {
	return nil
}
