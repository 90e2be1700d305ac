package pcs

import (
	"slices"
	"strings"

	"hakit/internal/lazyre"
	"hakit/model"
	"hakit/parsers/cib"
)

// cibadmin interprets the raw CIB edits a pcs script makes next to its pcs
// commands (hakit's pcs emitter writes them for what pcs cannot express):
// "cibadmin --create -o SECTION --xml-text XML" appends an element to a
// section, "cibadmin --modify --xml-text XML" merges a <configuration>
// fragment. Other cibadmin calls are reported and skipped.
func (p *parser) cibadmin(ws []word) {
	var create, modify bool
	var section, xml string
	for i := 1; i < len(ws); i++ {
		switch s := ws[i].s; s {
		case "--create", "-C":
			create = true
		case "--modify", "-M":
			modify = true
		case "-o", "--obj_type", "-X", "--xml-text":
			if i+1 >= len(ws) {
				p.diags.Errorf(ws[i].r, "HA3009", "cibadmin option %s requires an argument", s)
				return
			}
			i++
			if s == "-o" || s == "--obj_type" {
				section = ws[i].s
			} else {
				xml = ws[i].s
			}
		default:
			p.diags.Infof(ws[i].r, "HA3003", "cibadmin call with %s is not interpreted; skipped", s)
			return
		}
	}
	r := span(ws)
	if create == modify || xml == "" || create && section == "" {
		p.diags.Infof(r, "HA3003", "cibadmin call other than --create -o SECTION --xml-text XML or --modify --xml-text XML; skipped")
		return
	}
	frag := xml
	if create {
		if section == "configuration" {
			frag = "<configuration>" + xml + "</configuration>"
		} else {
			frag = "<configuration><" + section + ">" + xml + "</" + section + "></configuration>"
		}
	}
	// Leading blank lines and spaces put the fragment's positions on the
	// command's line.
	pad := strings.Repeat("\n", max(r.Start.Line-1, 0)) + strings.Repeat(" ", max(r.Start.Column-1, 0))
	c, ds := cib.Parse([]byte(pad+frag), p.file)
	if c != nil && c.Config == nil && c.CIB != nil && modify && !ds.HasErrors() {
		// Attributes of <cib> itself.
		if p.c.CIB == nil {
			p.c.CIB = &model.CIBHeader{}
		}
		for _, a := range c.CIB.Attrs {
			p.c.CIB.Attrs.Set(a.Name, a.Value)
		}
		return
	}
	if c == nil || c.Config == nil {
		p.diags.Errorf(r, "HA3009", "cibadmin --xml-text is not a CIB configuration fragment")
		return
	}
	for _, d := range ds {
		if d.Severity == model.SeverityError && (d.Code == cib.CodeSyntax || d.Code == cib.CodeNotCIB) {
			p.diags.Errorf(r, "HA3009", "cibadmin --xml-text: %s", d.Summary)
			return
		}
	}
	for _, m := range idRE().FindAllStringSubmatch(frag, -1) {
		p.ids[m[1]] = true
	}
	dst := p.cfg()
	src := c.Config
	if create {
		keepComments(src, p.cmd.comments)
	}
	for _, n := range src.Nodes {
		if i := slices.IndexFunc(dst.Nodes, func(o *model.Node) bool { return o.ID == n.ID }); i >= 0 && modify {
			o := dst.Nodes[i]
			o.InstanceAttrs = append(o.InstanceAttrs, n.InstanceAttrs...)
			o.Utilization = append(o.Utilization, n.Utilization...)
			continue
		}
		dst.Nodes = append(dst.Nodes, n)
	}
	dst.ClusterOptions = append(dst.ClusterOptions, src.ClusterOptions...)
	dst.Resources = append(dst.Resources, src.Resources...)
	dst.Constraints = append(dst.Constraints, src.Constraints...)
	dst.RscDefaults = append(dst.RscDefaults, src.RscDefaults...)
	dst.OpDefaults = append(dst.OpDefaults, src.OpDefaults...)
	if ft := src.FencingTopology; ft != nil {
		if dst.FencingTopology == nil {
			dst.FencingTopology = &model.FencingTopology{}
		}
		dst.FencingTopology.Levels = append(dst.FencingTopology.Levels, ft.Levels...)
	}
	dst.Tags = append(dst.Tags, src.Tags...)
	dst.Alerts = append(dst.Alerts, src.Alerts...)
	if src.ACLs != nil {
		if dst.ACLs == nil {
			dst.ACLs = src.ACLs
		} else {
			dst.ACLs.Roles = append(dst.ACLs.Roles, src.ACLs.Roles...)
			dst.ACLs.Targets = append(dst.ACLs.Targets, src.ACLs.Targets...)
		}
	}
	for _, s := range src.Sections {
		if !slices.Contains(dst.Sections, s) {
			dst.Sections = append(dst.Sections, s)
		}
	}
}

var idRE = lazyre.New(`\bid="([^"]*)"`)

// keepComments gives the comments before a cibadmin --create command to
// the element it creates, when it creates one, as the pcs commands give
// theirs.
func keepComments(src *model.Configuration, comments []string) {
	var tops []any
	for _, x := range src.Nodes {
		tops = append(tops, x)
	}
	for _, x := range src.Resources {
		tops = append(tops, x)
	}
	for _, x := range src.Constraints {
		tops = append(tops, x)
	}
	for _, x := range src.Alerts {
		tops = append(tops, x)
	}
	for _, x := range src.Tags {
		tops = append(tops, x)
	}
	if len(tops) != 1 || len(comments) == 0 {
		return
	}
	if b, ok := tops[0].(interface{ Src() *model.Base }); ok && len(b.Src().Comments) == 0 {
		b.Src().Comments = comments
	}
}
