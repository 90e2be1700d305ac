package pcsid

import (
	"slices"
	"strings"

	"hakit/agents"
)

// MissingRequired lists the required parameters of ag that given lacks, as
// pcs 0.11 decides them from the agent's metadata: a deprecated parameter
// is never required and is satisfied by its replacement's value; for a
// fence agent, "action" is not required, nor "port" or any parameter that
// replaces it (transitively: port → plug → ...), because Pacemaker fills
// it from pcmk_host_map/pcmk_host_list.
func MissingRequired(ag *agents.Agent, given map[string]bool) []string {
	notRequired := map[string]bool{}
	if ag.Class == "stonith" {
		notRequired["action"] = true
		next := []string{"port"}
		for len(next) > 0 {
			cur := next
			next = nil
			for _, prm := range ag.Params {
				if slices.Contains(cur, prm.Name) && !notRequired[prm.Name] {
					notRequired[prm.Name] = true
					next = append(next, replacements(prm)...)
				}
			}
		}
	}
	var missing []string
	for _, prm := range ag.Params {
		if !prm.Required || prm.Deprecated != "" || notRequired[prm.Name] || given[prm.Name] {
			continue
		}
		satisfied := false
		for _, old := range ag.Params {
			if given[old.Name] && slices.Contains(replacements(old), prm.Name) {
				satisfied = true
			}
		}
		if !satisfied {
			missing = append(missing, prm.Name)
		}
	}
	return missing
}

// replacements are the parameters that replace a deprecated one.
func replacements(p agents.Param) []string {
	if p.Deprecated == "" || p.Deprecated == "yes" {
		return nil
	}
	return strings.Split(p.Deprecated, ",")
}
