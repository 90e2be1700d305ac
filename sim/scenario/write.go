package scenario

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteJSON writes the report as {"steps": [...]}.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// WriteText prints the story step by step: quorum, partitions, fencing,
// actions, where everything runs, the outage estimate with its parts,
// and each assertion.
func (r *Report) WriteText(w io.Writer) error {
	for i, s := range r.Steps {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "== %d. %s (%s)\n", i+1, s.Name, s.Time)
		q := "quorate"
		if !s.Quorate {
			q = "NOT quorate"
		}
		if s.Quorum != nil {
			q += fmt.Sprintf(" (membership: %d of %d expected votes, quorum %d", s.Quorum.TotalVotes, s.Quorum.ExpectedVotes, s.Quorum.Quorum)
			if s.Quorum.Why != "" {
				q += "; " + s.Quorum.Why
			}
			q += ")"
		}
		fmt.Fprintf(w, "quorum: %s\n", q)
		for _, p := range s.Partitions {
			mark := ""
			if p.Simulated {
				mark = " [simulated]"
			}
			fmt.Fprintf(w, "partition [%s]: quorate=%t%s", strings.Join(p.Nodes, " "), p.Quorate, mark)
			if p.Note != "" {
				fmt.Fprintf(w, " - %s", p.Note)
			}
			fmt.Fprintln(w)
		}
		if len(s.Fenced) > 0 {
			fmt.Fprintf(w, "fenced: %s\n", strings.Join(s.Fenced, ", "))
		}
		for _, n := range s.Notes {
			fmt.Fprintf(w, "note: %s\n", n)
		}
		fmt.Fprintln(w, "actions:")
		if len(s.Actions) == 0 {
			fmt.Fprintln(w, "  (none)")
		}
		for _, a := range s.Actions {
			fmt.Fprintf(w, "  * %s\n", actionWords(a))
		}
		fmt.Fprintln(w, "placement:")
		var keys []string
		for k := range s.Placement.Resources {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var parts []string
			var roles []string
			for role := range s.Placement.Resources[k] {
				roles = append(roles, role)
			}
			sort.Strings(roles)
			for _, role := range roles {
				parts = append(parts, role+" "+strings.Join(s.Placement.Resources[k][role], " "))
			}
			fmt.Fprintf(w, "  %s: %s\n", k, strings.Join(parts, "; "))
		}
		if len(s.Outage) > 0 {
			fmt.Fprintln(w, "outage (estimate, upper bound from timeouts):")
			for _, o := range s.Outage {
				fmt.Fprintf(w, "  %s: %gs = detection %gs + fencing %gs + stop %gs + start %gs (%s)\n",
					o.Resource, o.Seconds, o.Detection, o.Fencing, o.Stop, o.Start, o.Basis)
			}
		}
		for _, a := range s.Assertions {
			mark := "ok  "
			if !a.OK {
				mark = "FAIL"
			}
			fmt.Fprintf(w, "%s %s", mark, a.Expect)
			if !a.OK {
				fmt.Fprintf(w, ": %s", a.Message)
			}
			fmt.Fprintln(w)
		}
	}
	failed, total := r.Failed()
	fmt.Fprintf(w, "\n%d of %d assertions hold\n", total-failed, total)
	return nil
}
