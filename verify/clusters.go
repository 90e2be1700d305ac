package verify

import (
	"context"
	"slices"

	"hakit/model"
)

// CrossClusterRules compare separate clusters with each other: multicast
// groups and ports that collide (HA4101, HA4102) and heartbeat UDP ports
// shared (HA5054). RunClusters runs them over every cluster at once.
var CrossClusterRules = []string{"HA4101", "HA4102", "HA5054"}

// RunClusters checks each group of inputs as one cluster (Run), then runs
// the cross-cluster rules over all groups together, so that two clusters on
// one network that would hear each other are found even when they are
// checked as separate clusters. The result is sorted and without duplicates.
func RunClusters(ctx context.Context, groups [][]*Input, cfg *Config) model.Diagnostics {
	var out model.Diagnostics
	var all []*Input
	for _, g := range groups {
		out = append(out, Run(ctx, g, cfg)...)
		for _, in := range g {
			if in == nil {
				continue
			}
			cp := *in
			cp.Diagnostics = nil // reported by the group's run
			all = append(all, &cp)
		}
	}
	if len(groups) > 1 {
		var clusters []*model.Cluster
		for _, in := range all {
			if in.Cluster != nil {
				clusters = append(clusters, in.Cluster)
			}
		}
		merged := model.Merge(clusters...)
		var cross model.Diagnostics
		for _, id := range CrossClusterRules {
			r, ok := Lookup(id)
			if !ok || r.Check == nil || !cfg.Enabled(id) || ctx.Err() != nil {
				continue
			}
			cross = append(cross, runRule(r, all, merged, cfg)...)
		}
		model.RedactDiagnostics(cross, model.SecretsAt(merged))
		// Suppressions and severities apply as in a run; findings about
		// the suppressions themselves were made by the groups' runs.
		for _, d := range finish(cross, all, cfg) {
			if slices.Contains(CrossClusterRules, d.Code) {
				out = append(out, d)
			}
		}
	}
	out.Sort()
	return dedup(out)
}
