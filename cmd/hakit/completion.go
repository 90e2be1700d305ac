package main

import (
	"sort"

	"github.com/spf13/cobra"

	"hakit/model"
	"hakit/parsers"
)

// Shell completion: `hakit completion bash|zsh|fish|powershell` is cobra's
// own command; the functions here complete values from hakit's registries
// (rule IDs, formats) and, for simulate, from the inputs already on the
// command line (node and resource names).

// inputCluster reads the INPUT arguments given so far, quietly, for
// completion; nil when they cannot be read.
func inputCluster(app *App, cmd *cobra.Command, args []string) *model.Cluster {
	var paths []string
	for _, a := range args {
		if a != "-" {
			paths = append(paths, a)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	from, _ := cmd.Flags().GetString("from")
	quiet := *app
	quiet.StderrIsTerminal = false
	loaded, _, err := quiet.loadInputs(paths, from)
	if err != nil {
		return nil
	}
	var cs []*model.Cluster
	for _, l := range loaded {
		cs = append(cs, l.Cluster)
	}
	return model.Merge(cs...)
}

// nodeCompletion completes node names from the inputs: the configuration's
// nodes and the membership's members.
func nodeCompletion(app *App) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		c := inputCluster(app, cmd, args)
		seen := map[string]bool{}
		if c != nil && c.Config != nil {
			for _, n := range c.Config.Nodes {
				if n.Uname != "" {
					seen[n.Uname] = true
				}
			}
		}
		if c != nil && c.Membership != nil {
			for _, n := range c.Membership.Nodes {
				if n.Name != "" {
					seen[n.Name] = true
				}
			}
		}
		return sortedKeys(seen), cobra.ShellCompDirectiveNoFileComp
	}
}

// resourceCompletion completes resource ids from the inputs, followed by
// "_" (for --op-fail rsc_op_interval@node=rc) without a trailing space.
func resourceCompletion(app *App) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		c := inputCluster(app, cmd, args)
		seen := map[string]bool{}
		if c != nil && c.Config != nil {
			model.Walk(c.Config.Resources, func(r, _ model.Resource) {
				if p, ok := r.(*model.Primitive); ok && !p.IsTemplate {
					seen[p.ID+"_"] = true
				}
			})
		}
		return sortedKeys(seen), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// inputFormatCompletion completes --from.
var inputFormatCompletion = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return parsers.Names(), cobra.ShellCompDirectiveNoFileComp
}
