// Package scenario plays failover stories: a YAML file names the cluster's
// inputs and a list of steps (events, time passing, partitions), each
// starting from the state the previous one left; expectations are checked
// at every step. It reads scenario files with positions (yaml.v3 nodes) so
// every mistake is reported as file:line:col with a did-you-mean.
package scenario

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"hakit/internal/suggest"
	"hakit/sim"
)

// Pos is a position in the scenario file (1-based).
type Pos struct{ Line, Col int }

// Name is a node or resource name as written, with its position.
type Name struct {
	Value string
	Pos   Pos
}

// Scenario is one parsed scenario file.
type Scenario struct {
	File   string
	Inputs []Name // paths as written (relative to the file)
	Steps  []*Step
}

// Step is one step of the story.
type Step struct {
	Name   string
	Pos    Pos
	Events sim.Events
	// Partition splits the membership into sides; Heal rejoins them.
	Partition [][]Name
	Heal      bool
	// Wait is the time that passes before the step's events.
	Wait time.Duration
	// QDevice is "lost" or "back" ("" when the step says nothing of it).
	QDevice string
	// Refs are the node and resource names the events use, for checking
	// against the cluster.
	NodeRefs, RscRefs []Name
	Expect            []*Expect
}

// Expect is one assertion of a step.
type Expect struct {
	Key string // running, promoted, stopped, quorate, fenced, actions-include
	Pos Pos
	// Resource and Nodes for running/promoted; Names for stopped and
	// fenced; Bool for quorate; Lines for actions-include.
	Resource Name
	Nodes    []Name
	Names    []Name
	Bool     bool
	Lines    []string
}

// Text is the assertion as the file wrote it, for reports.
func (e *Expect) Text() string {
	names := func(ns []Name) string {
		var s []string
		for _, n := range ns {
			s = append(s, n.Value)
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	switch e.Key {
	case "running", "promoted":
		return fmt.Sprintf("%s: %s on %s", e.Key, e.Resource.Value, names(e.Nodes))
	case "stopped", "fenced":
		return e.Key + ": " + names(e.Names)
	case "quorate":
		return fmt.Sprintf("quorate: %t", e.Bool)
	}
	return e.Key + ": " + strings.Join(e.Lines, "; ")
}

// Error is one mistake in a scenario file.
type Error struct {
	File string
	Pos  Pos
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Errors are all the mistakes found, in file order.
type Errors []*Error

func (es Errors) Error() string {
	var s []string
	for _, e := range es {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}

// EventKeys are the keys a step takes for events: the single-run flags
// without dashes, plus partition, heal, wait and qdevice.
var EventKeys = []string{"node-fail", "node-down", "node-up", "op-fail", "op-inject", "standby", "online",
	"quorum", "ticket-grant", "ticket-revoke", "ticket-standby", "set-datetime", "partition", "heal", "wait", "qdevice"}

// ExpectKeys are the assertions expect takes.
var ExpectKeys = []string{"running", "promoted", "stopped", "quorate", "fenced", "actions-include"}

type parser struct {
	file string
	errs Errors
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) {
	pos := Pos{1, 1}
	if n != nil && n.Line > 0 {
		pos = Pos{n.Line, max(n.Column, 1)}
	}
	p.errs = append(p.errs, &Error{File: p.file, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func didYouMean(s string, cands []string) string {
	if c := suggest.Closest(s, cands); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// Parse reads a scenario file. Every error carries its position.
func Parse(src []byte, file string) (*Scenario, error) {
	p := &parser{file: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := 1
		msg := err.Error()
		// yaml.v3 reports "yaml: line N: ..."
		if _, rest, ok := strings.Cut(msg, "line "); ok {
			if num, tail, ok := strings.Cut(rest, ":"); ok {
				if n, e := strconv.Atoi(num); e == nil {
					line, msg = n, "malformed YAML:"+tail
				}
			}
		}
		return nil, Errors{{File: file, Pos: Pos{line, 1}, Msg: msg}}
	}
	sc := &Scenario{File: file}
	if len(doc.Content) == 0 {
		p.errf(&doc, "empty scenario: want inputs and steps")
		return nil, p.errs
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.errf(root, "a scenario is a mapping with inputs and steps")
		return nil, p.errs
	}
	var stepsNode *yaml.Node
	p.mapping(root, []string{"inputs", "steps"}, func(k string, kn, v *yaml.Node) {
		switch k {
		case "inputs":
			sc.Inputs = p.names(v)
		case "steps":
			stepsNode = v
		}
	})
	if len(sc.Inputs) == 0 && p.errs == nil {
		p.errf(root, "no inputs: name the cluster's files (e.g. inputs: [cib.xml, corosync.conf])")
	}
	if stepsNode == nil {
		if p.errs == nil {
			p.errf(root, "no steps")
		}
	} else if stepsNode.Kind != yaml.SequenceNode {
		p.errf(stepsNode, "steps is a list of steps")
	} else {
		if len(stepsNode.Content) == 0 {
			p.errf(stepsNode, "no steps")
		}
		for i, sn := range stepsNode.Content {
			sc.Steps = append(sc.Steps, p.step(sn, i+1))
		}
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return sc, nil
}

// mapping walks a mapping node, reporting unknown and repeated keys.
func (p *parser) mapping(n *yaml.Node, keys []string, f func(k string, kn, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errf(n, "want a mapping with keys %s", strings.Join(keys, ", "))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, v := n.Content[i], n.Content[i+1]
		k := kn.Value
		known := false
		for _, x := range keys {
			known = known || x == k
		}
		switch {
		case !known:
			p.errf(kn, "unknown key %q%s", k, didYouMean(k, keys))
		case seen[k]:
			p.errf(kn, "%s given twice", k)
		default:
			seen[k] = true
			f(k, kn, v)
		}
	}
}

// names reads a scalar or a list of scalars.
func (p *parser) names(n *yaml.Node) []Name {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []Name{{n.Value, Pos{n.Line, n.Column}}}
	case yaml.SequenceNode:
		var out []Name
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				p.errf(c, "want a name here")
				continue
			}
			out = append(out, Name{c.Value, Pos{c.Line, c.Column}})
		}
		return out
	}
	p.errf(n, "want a name or a list of names")
	return nil
}

func (p *parser) boolean(n *yaml.Node) bool {
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on":
			return true
		case "false", "no", "off":
			return false
		}
	}
	p.errf(n, "want true or false")
	return false
}

// ParseDuration reads a wait: Go durations (90s, 1h30m) plus "min" and
// "d" units (10min, 2d), or plain seconds.
func ParseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	r := strings.NewReplacer("mins", "m", "min", "m", "sec", "s")
	t := r.Replace(s)
	if strings.HasSuffix(t, "d") {
		if n, err := strconv.Atoi(strings.TrimSuffix(t, "d")); err == nil && n >= 0 {
			return time.Duration(n) * 24 * time.Hour, true
		}
	}
	d, err := time.ParseDuration(t)
	return d, err == nil && d >= 0
}

func (p *parser) step(n *yaml.Node, num int) *Step {
	st := &Step{Name: fmt.Sprintf("step %d", num), Pos: Pos{n.Line, n.Column}}
	keys := append([]string{"name", "expect"}, EventKeys...)
	events := 0
	errsBefore := len(p.errs)
	p.mapping(n, keys, func(k string, kn, v *yaml.Node) {
		if k != "name" && k != "expect" {
			events++
		}
		ev := &st.Events
		nodeList := func(dst *[]string) {
			for _, x := range p.names(v) {
				*dst = append(*dst, x.Value)
				st.NodeRefs = append(st.NodeRefs, x)
			}
		}
		opList := func(dst *[]string) {
			for _, x := range p.names(v) {
				if _, err := sim.ParseOpSpec(x.Value); err != nil {
					p.errs = append(p.errs, &Error{p.file, x.Pos, err.Error()})
					continue
				}
				o, _ := sim.ParseOpSpec(x.Value)
				*dst = append(*dst, x.Value)
				st.RscRefs = append(st.RscRefs, Name{o.Resource, x.Pos})
				st.NodeRefs = append(st.NodeRefs, Name{o.Node, x.Pos})
			}
		}
		plain := func(dst *[]string) {
			for _, x := range p.names(v) {
				*dst = append(*dst, x.Value)
			}
		}
		switch k {
		case "name":
			if v.Kind != yaml.ScalarNode {
				p.errf(v, "name is a string")
			}
			st.Name = v.Value
		case "node-fail":
			nodeList(&ev.NodeFail)
		case "node-down":
			nodeList(&ev.NodeDown)
		case "node-up":
			nodeList(&ev.NodeUp)
		case "standby":
			nodeList(&ev.Standby)
		case "online":
			nodeList(&ev.Online)
		case "op-fail":
			opList(&ev.OpFail)
		case "op-inject":
			opList(&ev.OpInject)
		case "ticket-grant":
			plain(&ev.TicketGrant)
		case "ticket-revoke":
			plain(&ev.TicketRevoke)
		case "ticket-standby":
			plain(&ev.TicketStandby)
		case "quorum":
			if p.boolean(v) {
				ev.Quorum = "true"
			} else {
				ev.Quorum = "false"
			}
		case "set-datetime":
			if _, ok := sim.ParseTime(v.Value); !ok || v.Kind != yaml.ScalarNode {
				p.errf(v, "invalid date/time %q (want ISO 8601, e.g. 2026-03-01 12:00:00)", v.Value)
			}
			ev.Time = v.Value
		case "wait":
			d, ok := ParseDuration(v.Value)
			if !ok || v.Kind != yaml.ScalarNode {
				p.errf(v, "invalid wait %q (want a duration: 90s, 10min, 2h, 1d)", v.Value)
			}
			st.Wait = d
		case "heal":
			st.Heal = p.boolean(v)
		case "qdevice":
			switch v.Value {
			case "lost", "back":
				st.QDevice = v.Value
			default:
				p.errf(v, "qdevice is lost or back, not %q", v.Value)
			}
		case "partition":
			p.partition(st, v)
		case "expect":
			p.expect(st, v)
		}
	})
	if events == 0 && n.Kind == yaml.MappingNode && len(p.errs) == errsBefore {
		p.errf(n, "%s has no event (one of %s)", st.Name, strings.Join(EventKeys, ", "))
	}
	return st
}

func (p *parser) partition(st *Step, v *yaml.Node) {
	if v.Kind != yaml.SequenceNode || len(v.Content) < 2 {
		p.errf(v, "partition is a list of at least two sides, e.g. [[node1], [node2, node3]]")
		return
	}
	seen := map[string]Pos{}
	for _, side := range v.Content {
		if side.Kind != yaml.SequenceNode || len(side.Content) == 0 {
			p.errf(side, "each side of a partition is a non-empty list of nodes")
			continue
		}
		names := p.names(side)
		for _, x := range names {
			if at, dup := seen[x.Value]; dup {
				p.errs = append(p.errs, &Error{p.file, x.Pos, fmt.Sprintf("node %q is on two sides of the partition (first at %d:%d)", x.Value, at.Line, at.Col)})
			}
			seen[x.Value] = x.Pos
			st.NodeRefs = append(st.NodeRefs, x)
		}
		st.Partition = append(st.Partition, names)
	}
}

func (p *parser) expect(st *Step, v *yaml.Node) {
	p.mapping(v, ExpectKeys, func(k string, kn, v *yaml.Node) {
		pos := Pos{kn.Line, kn.Column}
		switch k {
		case "running", "promoted":
			if v.Kind != yaml.MappingNode {
				p.errf(v, "%s maps resources to nodes, e.g. {vip: node2, web: [node2]}", k)
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				rn, nn := v.Content[i], v.Content[i+1]
				st.Expect = append(st.Expect, &Expect{Key: k, Pos: Pos{rn.Line, rn.Column},
					Resource: Name{rn.Value, Pos{rn.Line, rn.Column}}, Nodes: p.names(nn)})
			}
		case "stopped", "fenced":
			st.Expect = append(st.Expect, &Expect{Key: k, Pos: pos, Names: p.names(v)})
		case "quorate":
			st.Expect = append(st.Expect, &Expect{Key: k, Pos: pos, Bool: p.boolean(v)})
		case "actions-include":
			e := &Expect{Key: k, Pos: pos}
			for _, x := range p.names(v) {
				e.Lines = append(e.Lines, x.Value)
			}
			st.Expect = append(st.Expect, e)
		}
	})
}

// Check reports the names a scenario uses that the cluster lacks, with a
// did-you-mean, in file order.
func (sc *Scenario) Check(nodes, resources []string) error {
	var errs Errors
	isNode, isRsc := set(nodes), set(resources)
	node := func(x Name) {
		if !isNode[x.Value] {
			errs = append(errs, &Error{sc.File, x.Pos, fmt.Sprintf("unknown node %q%s", x.Value, didYouMean(x.Value, nodes))})
		}
	}
	rsc := func(x Name) {
		base, _, _ := strings.Cut(x.Value, ":")
		if !isRsc[x.Value] && !isRsc[base] {
			errs = append(errs, &Error{sc.File, x.Pos, fmt.Sprintf("unknown resource %q%s", x.Value, didYouMean(x.Value, resources))})
		}
	}
	for _, st := range sc.Steps {
		for _, x := range st.NodeRefs {
			node(x)
		}
		for _, x := range st.RscRefs {
			rsc(x)
		}
		if len(st.Partition) > 0 {
			in := map[string]bool{}
			for _, side := range st.Partition {
				for _, x := range side {
					in[x.Value] = true
				}
			}
			var missing []string
			for _, n := range nodes {
				if !in[n] {
					missing = append(missing, n)
				}
			}
			if len(missing) > 0 {
				errs = append(errs, &Error{sc.File, st.Partition[0][0].Pos, fmt.Sprintf("the partition leaves out node(s) %s: every node is on exactly one side", strings.Join(missing, ", "))})
			}
		}
		for _, e := range st.Expect {
			switch e.Key {
			case "running", "promoted":
				rsc(e.Resource)
				for _, x := range e.Nodes {
					node(x)
				}
			case "stopped":
				for _, x := range e.Names {
					rsc(x)
				}
			case "fenced":
				for _, x := range e.Names {
					node(x)
				}
			}
		}
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i].Pos, errs[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}
