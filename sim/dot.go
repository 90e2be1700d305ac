package sim

import (
	"fmt"
	"io"
)

// WriteDot writes the transition graph in Graphviz dot as crm_simulate -D
// does: one node per action (bold green when the transition runs it, dashed
// red when it cannot; a pseudo-action's label orange), one edge per
// ordering between two drawn actions (bold when both run, dashed else).
func (r *Result) WriteDot(out io.Writer) error {
	return r.Graph().WriteDot(out)
}

// WriteDot writes g in crm_simulate's dot layout.
func (g *Graph) WriteDot(out io.Writer) error {
	if _, err := fmt.Fprintln(out, ` digraph "g" {`); err != nil {
		return err
	}
	for _, a := range g.Actions {
		style, color, font := "bold", "green", "black"
		if !a.Runnable {
			style, color = "dashed", "red"
		}
		if a.Pseudo {
			font = "orange"
		}
		fmt.Fprintf(out, "\"%s\" [ style=%s color=\"%s\" fontcolor=\"%s\"]\n", a.Label(), style, color, font)
	}
	for _, e := range g.Edges {
		style := "bold"
		if !e.From.Runnable || !e.To.Runnable {
			style = "dashed"
		}
		fmt.Fprintf(out, "\"%s\" -> \"%s\" [ style = %s]\n", e.From.Label(), e.To.Label(), style)
	}
	_, err := fmt.Fprintln(out, "}")
	return err
}
