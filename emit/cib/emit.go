package cib

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"hakit/model"
)

// DefaultValidateWith is the schema written when the model has no CIB
// header (the model came from crm, pcs or a conversion).
const DefaultValidateWith = "pacemaker-3.9"

// DefaultFeatureSet is the crm_feature_set written with DefaultValidateWith,
// what `cibadmin --empty` of Pacemaker 2.1.5 writes.
const DefaultFeatureSet = "3.16.1"

// Options tune the output.
type Options struct {
	// OmitStatus leaves out the status section even when the model has one.
	OmitStatus bool
	// ValidateWith is the schema named when the model has no CIB header;
	// "" means DefaultValidateWith.
	ValidateWith string
}

// Emit writes c as CIB XML.
func Emit(w io.Writer, c *model.Cluster, opts Options) error {
	doc, err := Document(c, opts)
	if err != nil {
		return err
	}
	if b, ok := w.(*bytes.Buffer); ok {
		// Room for the whole text at once rather than grown in doublings
		// (a few escaped characters aside).
		n := textSize(&doc.Element)
		b.Grow(n + n/32)
	}
	if _, err := doc.WriteTo(w); err != nil {
		return fmt.Errorf("writing CIB: %w", err)
	}
	return nil
}

// textSize is about the length of the XML text of t's content: a little
// more for empty elements (written <a/>), less where characters are
// escaped.
func textSize(t *etree.Element) int {
	n := 0
	for _, c := range t.Child {
		switch c := c.(type) {
		case *etree.Element:
			n += 2*len(c.FullTag()) + len("<></>")
			for _, a := range c.Attr {
				n += len(a.FullKey()) + len(a.Value) + len(` =""`)
			}
			n += textSize(c)
		case *etree.CharData:
			n += len(c.Data)
		case *etree.Comment:
			n += len(c.Data) + len("<!---->")
		}
	}
	return n
}

// emptyStatus ends what Emit writes for a model without CIB header and
// status section.
const emptyStatus = "  <status/>\n</cib>\n"

// ConfigPart returns the CIB of c's header and configuration alone, what
// Emit(w, &model.Cluster{CIB: c.CIB, Config: c.Config}, Options{OmitStatus:
// true}) writes, cut from out, what Emit(w, c, Options{}) wrote, so that it
// need not be built again. ok is false when it cannot be had so: c has a
// status section, or a membership (whose ids the generated ones avoid).
// The result shares no memory with out.
func ConfigPart(c *model.Cluster, out []byte) (cib []byte, ok bool) {
	if c == nil || c.Status != nil || c.Membership != nil {
		return nil, false
	}
	if c.CIB != nil {
		// No status element is written either way.
		return bytes.Clone(out), true
	}
	if !bytes.HasSuffix(out, []byte(emptyStatus)) {
		return nil, false
	}
	n := len(out) - len(emptyStatus)
	cib = make([]byte, n, n+len("</cib>\n"))
	copy(cib, out)
	return append(cib, "</cib>\n"...), true
}

// Document builds the XML document for c, indented by two spaces.
func Document(c *model.Cluster, opts Options) (*etree.Document, error) {
	if c == nil {
		return nil, fmt.Errorf("emit cib: no cluster")
	}
	e := &emitter{ids: newIDs(c)}
	doc := etree.NewDocument()
	doc.WriteSettings = etree.WriteSettings{CanonicalAttrVal: true}
	root := doc.CreateElement("cib")
	if c.CIB != nil {
		for _, a := range c.CIB.Attrs {
			root.CreateAttr(a.Name, a.Value)
		}
		e.comments(root, &c.CIB.Base)
	} else {
		vw := opts.ValidateWith
		if vw == "" {
			vw = DefaultValidateWith
		}
		root.CreateAttr("crm_feature_set", DefaultFeatureSet)
		root.CreateAttr("validate-with", vw)
		root.CreateAttr("epoch", "1")
		root.CreateAttr("num_updates", "0")
		root.CreateAttr("admin_epoch", "0")
	}
	cfg := c.Config
	if cfg == nil {
		cfg = &model.Configuration{}
	}
	e.configuration(root, cfg)
	if !opts.OmitStatus {
		switch {
		case c.Status != nil:
			e.status(root, c.Status)
		case c.CIB == nil:
			root.CreateElement("status")
		}
	}
	if c.CIB != nil {
		e.unknown(root, &c.CIB.Base)
	}
	if e.err != nil {
		return nil, e.err
	}
	doc.Indent(2)
	e.restoreRaw()
	return doc, nil
}

type emitter struct {
	ids      *ids
	raws     []rawPlace
	inStatus bool
	err      error
}

// set writes name="value" when value is not empty.
func set(el *etree.Element, name, value string) {
	if value != "" {
		el.CreateAttr(name, value)
	}
}

// open creates the element tag under parent with comments first; close
// writes Extra and Unknown after the typed content.
func (e *emitter) open(parent *etree.Element, tag string, b *model.Base) *etree.Element {
	el := parent.CreateElement(tag)
	// Room for the attributes most elements have, allocated once rather
	// than grown from empty.
	el.Attr = make([]etree.Attr, 0, 4)
	if b != nil {
		e.comments(el, b)
	}
	return el
}

func (e *emitter) comments(el *etree.Element, b *model.Base) {
	for _, c := range b.Comments {
		el.CreateComment(commentText(c))
	}
}

// commentText makes c legal inside <!-- -->: no "--" and no trailing "-".
// Comments read from XML are legal already and pass unchanged.
func commentText(c string) string {
	for strings.Contains(c, "--") {
		c = strings.ReplaceAll(c, "--", "- -")
	}
	if strings.HasSuffix(c, "-") {
		c += " "
	}
	return c
}

func (e *emitter) close(el *etree.Element, b *model.Base) {
	if b == nil {
		return
	}
	for _, a := range b.Extra {
		if el.SelectAttr(a.Name) == nil {
			el.CreateAttr(a.Name, a.Value)
		}
	}
	// Typed attributes read with an empty value stay present.
	if b.Layout != nil {
		for _, n := range b.Layout.Empty {
			if el.SelectAttr(n) == nil {
				el.CreateAttr(n, "")
			}
		}
	}
	// Attributes read in another order than hakit's are written back in
	// it (crm configure show prints an xml escape so).
	if b.Layout != nil && len(b.Layout.Attrs) > 0 {
		sourceOrder(el, b.Layout.Attrs)
	}
	e.unknown(el, b)
	placeComments(el, b)
}

// sourceOrder puts el's attributes in the order of names; attributes not
// named keep their order after them.
func sourceOrder(el *etree.Element, names []string) {
	rank := func(a etree.Attr) int {
		if i := slices.Index(names, a.FullKey()); i >= 0 {
			return i
		}
		return len(names)
	}
	slices.SortStableFunc(el.Attr, func(a, b etree.Attr) int { return rank(a) - rank(b) })
}

// placeComments moves the comments open wrote first to where they were
// read (Base.Layout): among el's child elements, or into the child element
// (a configuration section) they sat in.
func placeComments(el *etree.Element, b *model.Base) {
	l := b.Layout
	if l == nil || len(l.CommentAt) != len(b.Comments) || len(b.Comments) == 0 {
		return
	}
	n := 0
	for n < len(el.Child) && n < len(b.Comments) {
		if _, ok := el.Child[n].(*etree.Comment); !ok {
			break
		}
		n++
	}
	if n != len(b.Comments) {
		return
	}
	type placed struct {
		tok etree.Token
		at  int
	}
	var targets []*etree.Element
	groups := map[*etree.Element][]placed{}
	for i, tok := range el.Child[:n] {
		target := el
		if len(l.CommentIn) == n && l.CommentIn[i] != "" {
			if sec := el.SelectElement(l.CommentIn[i]); sec != nil {
				target = sec
			}
		}
		if groups[target] == nil {
			targets = append(targets, target)
		}
		groups[target] = append(groups[target], placed{tok, l.CommentAt[i]})
	}
	rest := append([]etree.Token(nil), el.Child[n:]...)
	for len(el.Child) > 0 {
		el.RemoveChildAt(len(el.Child) - 1)
	}
	for _, t := range rest {
		el.AddChild(t)
	}
	for _, target := range targets {
		items := groups[target]
		toks := append([]etree.Token(nil), target.Child...)
		for len(target.Child) > 0 {
			target.RemoveChildAt(len(target.Child) - 1)
		}
		ci, elems := 0, 0
		for _, t := range toks {
			if _, ok := t.(*etree.Element); ok {
				for ci < len(items) && items[ci].at <= elems {
					target.AddChild(items[ci].tok)
					ci++
				}
				elems++
			}
			target.AddChild(t)
		}
		for ; ci < len(items); ci++ {
			target.AddChild(items[ci].tok)
		}
	}
}

func (e *emitter) unknown(el *etree.Element, b *model.Base) {
	for _, raw := range b.Unknown {
		d := etree.NewDocument()
		d.ReadSettings = etree.ReadSettings{PreserveDuplicateAttrs: false}
		if err := d.ReadFromString(raw.XML); err != nil || d.Root() == nil {
			if e.err == nil {
				e.err = fmt.Errorf("emit cib: element kept from %s is not well-formed XML: %v", raw.Range, err)
			}
			continue
		}
		kept := d.Root()
		el.AddChild(kept.Copy())
		e.raws = append(e.raws, rawPlace{el: el.ChildElements()[len(el.ChildElements())-1], orig: kept})
	}
}

// rawPlace is a kept element in the output and its original parse, whose
// inner content is put back after indenting so it stays as it was read.
type rawPlace struct {
	el, orig *etree.Element
}

func (e *emitter) restoreRaw() {
	for _, r := range e.raws {
		for _, tok := range append([]etree.Token(nil), r.el.Child...) {
			r.el.RemoveChild(tok)
		}
		for _, tok := range r.orig.Child {
			r.el.AddChild(copyToken(tok))
		}
	}
}

func copyToken(t etree.Token) etree.Token {
	switch t := t.(type) {
	case *etree.Element:
		return t.Copy()
	case *etree.CharData:
		if t.IsCData() {
			return etree.NewCData(t.Data)
		}
		return etree.NewText(t.Data)
	case *etree.Comment:
		return etree.NewComment(t.Data)
	case *etree.ProcInst:
		return etree.NewProcInst(t.Target, t.Inst)
	case *etree.Directive:
		return etree.NewDirective(t.Data)
	}
	panic(fmt.Sprintf("emit cib: unexpected etree token %T", t))
}

// id writes the id of an element, generating one when it has neither id
// nor id-ref (a reference carries no id of its own).
func (e *emitter) id(el *etree.Element, id, idref, gen string) string {
	if idref != "" {
		el.CreateAttr("id-ref", idref)
		if id != "" {
			el.CreateAttr("id", id)
		}
		return idref
	}
	if id == "" && !e.inStatus {
		id = e.ids.generate(gen)
	}
	set(el, "id", id)
	return id
}

func (e *emitter) configuration(root *etree.Element, cfg *model.Configuration) {
	ce := e.open(root, "configuration", &cfg.Base)
	has := func(s string) bool {
		for _, x := range cfg.Sections {
			if x == s {
				return true
			}
		}
		return false
	}
	cc := ce.CreateElement("crm_config")
	for i, s := range cfg.ClusterOptions {
		gen := "cib-bootstrap-options"
		if i > 0 {
			gen = "cib-options"
		}
		e.nvset(cc, s, gen)
	}
	ns := ce.CreateElement("nodes")
	for _, n := range cfg.Nodes {
		e.node(ns, n)
	}
	rs := ce.CreateElement("resources")
	for _, r := range cfg.Resources {
		e.resource(rs, r)
	}
	cs := ce.CreateElement("constraints")
	for _, c := range cfg.Constraints {
		e.constraint(cs, c)
	}
	if len(cfg.RscDefaults) > 0 || has("rsc_defaults") {
		d := ce.CreateElement("rsc_defaults")
		for _, s := range cfg.RscDefaults {
			e.nvset(d, s, "rsc-options")
		}
	}
	if len(cfg.OpDefaults) > 0 || has("op_defaults") {
		d := ce.CreateElement("op_defaults")
		for _, s := range cfg.OpDefaults {
			e.nvset(d, s, "op-options")
		}
	}
	if cfg.FencingTopology != nil {
		ft := e.open(ce, "fencing-topology", &cfg.FencingTopology.Base)
		for _, l := range cfg.FencingTopology.Levels {
			le := e.open(ft, "fencing-level", &l.Base)
			e.id(le, l.ID, "", "fl-"+first(l.Target, l.TargetPattern, l.TargetAttribute, "level")+"-"+l.Index)
			set(le, "target", l.Target)
			set(le, "target-pattern", l.TargetPattern)
			set(le, "target-attribute", l.TargetAttribute)
			set(le, "target-value", l.TargetValue)
			le.CreateAttr("index", l.Index)
			le.CreateAttr("devices", l.Devices)
			e.close(le, &l.Base)
		}
		e.close(ft, &cfg.FencingTopology.Base)
	} else if has("fencing-topology") {
		ce.CreateElement("fencing-topology")
	}
	if len(cfg.Tags) > 0 || has("tags") {
		ts := ce.CreateElement("tags")
		for _, t := range cfg.Tags {
			te := e.open(ts, "tag", &t.Base)
			e.id(te, t.ID, "", "tag")
			for _, r := range t.Refs {
				e.ref(te, "obj_ref", r)
			}
			e.close(te, &t.Base)
		}
	}
	if len(cfg.Alerts) > 0 || has("alerts") {
		as := ce.CreateElement("alerts")
		for _, a := range cfg.Alerts {
			e.alert(as, a)
		}
	}
	if cfg.ACLs != nil {
		e.acls(ce, cfg.ACLs)
	} else if has("acls") {
		ce.CreateElement("acls")
	}
	base := cfg.Base
	base.Unknown = e.sectionUnknowns(ce, cfg.Unknown)
	e.close(ce, &base)
}

// wrappedSections are the configuration sections without a model element of
// their own: parsers/cib keeps an unknown element met inside one of them in
// Configuration.Unknown wrapped in an empty, attribute-less element named
// like the section.
var wrappedSections = map[string]bool{"crm_config": true, "nodes": true, "resources": true, "constraints": true,
	"rsc_defaults": true, "op_defaults": true, "tags": true, "alerts": true}

// sectionUnknowns writes the wrapped unknown elements into their section of
// ce (creating it if needed) and returns the others, which belong to the
// configuration element itself.
func (e *emitter) sectionUnknowns(ce *etree.Element, unknown []model.RawXML) []model.RawXML {
	var rest []model.RawXML
	for _, raw := range unknown {
		d := etree.NewDocument()
		w := d.Root()
		if err := d.ReadFromString(raw.XML); err == nil {
			w = d.Root()
		}
		if w == nil || !wrappedSections[w.Tag] || w.Space != "" || len(w.Attr) > 0 {
			rest = append(rest, raw)
			continue
		}
		sec := ce.SelectElement(w.Tag)
		if sec == nil {
			sec = ce.CreateElement(w.Tag)
		}
		for _, c := range w.ChildElements() {
			sec.AddChild(c.Copy())
			e.raws = append(e.raws, rawPlace{el: sec.ChildElements()[len(sec.ChildElements())-1], orig: c})
		}
	}
	return rest
}

// pair names a two-resource constraint "a-b", or "set" for one of sets.
func pair(a, b string) string {
	if a == "" && b == "" {
		return "set"
	}
	return a + "-" + b
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func (e *emitter) ref(parent *etree.Element, tag string, r *model.IDRef) {
	if r == nil {
		return
	}
	el := e.open(parent, tag, &r.Base)
	el.CreateAttr("id", r.ID)
	e.close(el, &r.Base)
}

// nvset writes an attribute set; gen is the id to use when it has none.
// The element is s.Kind, or the one its place implies when the model
// leaves Kind empty.
func (e *emitter) nvset(parent *etree.Element, s *model.NVSet, gen string) {
	if s == nil {
		return
	}
	kind := s.Kind
	if kind == "" {
		kind = defaultSetKind(parent.Tag, gen)
	}
	el := e.open(parent, kind, &s.Base)
	id := e.id(el, s.ID, s.IDRef, gen)
	set(el, "score", s.Score)
	if s.Rule != nil {
		e.rule(el, s.Rule, id+"-rule")
	}
	for _, p := range s.Pairs {
		if p == nil {
			continue
		}
		pe := e.open(el, "nvpair", &p.Base)
		e.id(pe, p.ID, p.IDRef, id+"-"+p.Name)
		if p.IDRef == "" || p.Name != "" {
			pe.CreateAttr("name", p.Name)
		}
		if !p.NoValue {
			pe.CreateAttr("value", p.Value)
		}
		e.close(pe, &p.Base)
	}
	e.close(el, &s.Base)
}

func defaultSetKind(parent, gen string) string {
	switch {
	case parent == "crm_config":
		return "cluster_property_set"
	case parent == "rsc_defaults" || parent == "op_defaults" || strings.HasSuffix(gen, "-meta_attributes"):
		return "meta_attributes"
	case strings.HasSuffix(gen, "-utilization"):
		return "utilization"
	}
	return "instance_attributes"
}

// sets writes meta, instance and utilization sets of the element owner.
func (e *emitter) sets(el *etree.Element, owner string, meta, inst, util []*model.NVSet) {
	for _, s := range meta {
		e.nvset(el, s, owner+"-meta_attributes")
	}
	for _, s := range inst {
		e.nvset(el, s, owner+"-instance_attributes")
	}
	for _, s := range util {
		e.nvset(el, s, owner+"-utilization")
	}
}

func (e *emitter) node(parent *etree.Element, n *model.Node) {
	if n == nil {
		return
	}
	el := e.open(parent, "node", &n.Base)
	el.CreateAttr("id", n.ID)
	el.CreateAttr("uname", n.Uname)
	set(el, "type", n.Type)
	set(el, "description", n.Description)
	set(el, "score", n.Score)
	e.sets(el, "nodes-"+n.ID, nil, n.InstanceAttrs, n.Utilization)
	e.close(el, &n.Base)
}

func (e *emitter) resource(parent *etree.Element, r model.Resource) {
	if isNil(r) {
		return
	}
	switch r := r.(type) {
	case *model.Primitive:
		e.primitive(parent, r)
	case *model.Group:
		el := e.open(parent, "group", &r.Base)
		id := e.id(el, r.ID, "", "group")
		set(el, "description", r.Description)
		e.sets(el, id, r.MetaAttrs, r.InstanceAttrs, r.Utilization)
		for _, m := range r.Members {
			e.primitive(el, m)
		}
		e.close(el, &r.Base)
	case *model.Clone:
		tag := r.Element
		if tag == "" {
			tag = "clone"
		}
		el := e.open(parent, tag, &r.Base)
		id := e.id(el, r.ID, "", tag)
		set(el, "description", r.Description)
		e.sets(el, id, r.MetaAttrs, r.InstanceAttrs, r.Utilization)
		if r.Child != nil {
			e.resource(el, r.Child)
		}
		e.close(el, &r.Base)
	case *model.Bundle:
		el := e.open(parent, "bundle", &r.Base)
		id := e.id(el, r.ID, "", "bundle")
		set(el, "description", r.Description)
		e.sets(el, id, r.MetaAttrs, r.InstanceAttrs, r.Utilization)
		if r.Container != nil {
			e.part(el, r.Container, "docker")
		}
		if r.Network != nil {
			ne := e.open(el, "network", &r.Network.Base)
			for _, a := range r.Network.Attrs {
				ne.CreateAttr(a.Name, a.Value)
			}
			for i, pm := range r.Network.PortMappings {
				e.partID(ne, pm, "port-mapping", fmt.Sprintf("%s-port-map-%d", id, i+1))
			}
			e.close(ne, &r.Network.Base)
		}
		if r.StorageBase != nil || len(r.Storage) > 0 {
			sb := r.StorageBase
			if sb == nil {
				sb = &model.Base{}
			}
			se := e.open(el, "storage", sb)
			for i, sm := range r.Storage {
				e.partID(se, sm, "storage-mapping", fmt.Sprintf("%s-storage-map-%d", id, i+1))
			}
			e.close(se, sb)
		}
		if r.Primitive != nil {
			e.primitive(el, r.Primitive)
		}
		e.close(el, &r.Base)
	default:
		panic(fmt.Sprintf("emit cib: unexpected resource type %T", r))
	}
}

func (e *emitter) part(parent *etree.Element, p *model.BundlePart, tag string) {
	e.partID(parent, p, tag, "")
}

func (e *emitter) partID(parent *etree.Element, p *model.BundlePart, tag, gen string) {
	if p == nil {
		return
	}
	if p.Element != "" {
		tag = p.Element
	}
	el := e.open(parent, tag, &p.Base)
	if gen != "" {
		if _, ok := p.Attrs.Get("id"); !ok {
			el.CreateAttr("id", e.ids.generate(gen))
		}
	}
	for _, a := range p.Attrs {
		el.CreateAttr(a.Name, a.Value)
	}
	e.close(el, &p.Base)
}

func (e *emitter) primitive(parent *etree.Element, p *model.Primitive) {
	if p == nil {
		return
	}
	tag := "primitive"
	if p.IsTemplate {
		tag = "template"
	}
	el := e.open(parent, tag, &p.Base)
	id := e.id(el, p.ID, "", tag)
	set(el, "description", p.Description)
	set(el, "class", p.Class)
	set(el, "provider", p.Provider)
	set(el, "type", p.Type)
	set(el, "template", p.Template)
	e.sets(el, id, p.MetaAttrs, p.InstanceAttrs, p.Utilization)
	if ops := p.Operations; ops != nil {
		oe := e.open(el, "operations", &ops.Base)
		set(oe, "id", ops.ID)
		set(oe, "id-ref", ops.IDRef)
		for _, op := range ops.Ops {
			e.op(oe, id, op)
		}
		e.close(oe, &ops.Base)
	}
	e.close(el, &p.Base)
}

func (e *emitter) op(parent *etree.Element, rsc string, op *model.Op) {
	if op == nil {
		return
	}
	el := e.open(parent, "op", &op.Base)
	id := e.id(el, op.ID, op.IDRef, rsc+"-"+op.Name+"-interval-"+op.Interval)
	if op.IDRef == "" || op.Name != "" {
		el.CreateAttr("name", op.Name)
		el.CreateAttr("interval", op.Interval)
	}
	set(el, "description", op.Description)
	set(el, "start-delay", op.StartDelay)
	set(el, "interval-origin", op.IntervalOrigin)
	set(el, "timeout", op.Timeout)
	set(el, "enabled", op.Enabled)
	set(el, "record-pending", op.RecordPending)
	set(el, "role", op.Role)
	set(el, "requires", op.Requires)
	set(el, "on-fail", op.OnFail)
	e.sets(el, id, op.MetaAttrs, op.InstanceAttrs, nil)
	e.close(el, &op.Base)
}

func (e *emitter) constraint(parent *etree.Element, c model.Constraint) {
	if isNil(c) {
		return
	}
	switch c := c.(type) {
	case *model.Location:
		el := e.open(parent, "rsc_location", &c.Base)
		id := e.id(el, c.ID, "", "location-"+first(c.Rsc, c.RscPattern, "set"))
		set(el, "rsc", c.Rsc)
		set(el, "rsc-pattern", c.RscPattern)
		set(el, "role", c.Role)
		set(el, "node", c.Node)
		set(el, "score", c.Score)
		set(el, "resource-discovery", c.ResourceDiscovery)
		e.resourceSets(el, id, c.Sets)
		for _, r := range c.Rules {
			e.rule(el, r, id+"-rule")
		}
		e.close(el, &c.Base)
	case *model.Colocation:
		el := e.open(parent, "rsc_colocation", &c.Base)
		id := e.id(el, c.ID, "", "colocation-"+pair(c.Rsc, c.WithRsc))
		set(el, "rsc", c.Rsc)
		set(el, "with-rsc", c.WithRsc)
		set(el, "rsc-role", c.RscRole)
		set(el, "with-rsc-role", c.WithRscRole)
		set(el, "rsc-instance", c.RscInstance)
		set(el, "with-rsc-instance", c.WithRscInstance)
		set(el, "score", c.Score)
		set(el, "node-attribute", c.NodeAttribute)
		set(el, "influence", c.Influence)
		e.resourceSets(el, id, c.Sets)
		e.close(el, &c.Base)
	case *model.Order:
		el := e.open(parent, "rsc_order", &c.Base)
		id := e.id(el, c.ID, "", "order-"+pair(c.First, c.Then))
		set(el, "first", c.First)
		set(el, "first-action", c.FirstAction)
		set(el, "then", c.Then)
		set(el, "then-action", c.ThenAction)
		set(el, "first-instance", c.FirstInstance)
		set(el, "then-instance", c.ThenInstance)
		set(el, "kind", c.Kind)
		set(el, "score", c.Score)
		set(el, "symmetrical", c.Symmetrical)
		set(el, "require-all", c.RequireAll)
		e.resourceSets(el, id, c.Sets)
		e.close(el, &c.Base)
	case *model.Ticket:
		el := e.open(parent, "rsc_ticket", &c.Base)
		id := e.id(el, c.ID, "", "ticket-"+c.Ticket+"-"+first(c.Rsc, "set"))
		set(el, "rsc", c.Rsc)
		set(el, "rsc-role", c.RscRole)
		el.CreateAttr("ticket", c.Ticket)
		set(el, "loss-policy", c.LossPolicy)
		e.resourceSets(el, id, c.Sets)
		e.close(el, &c.Base)
	default:
		panic(fmt.Sprintf("emit cib: unexpected constraint type %T", c))
	}
}

func (e *emitter) resourceSets(el *etree.Element, cons string, sets []*model.ResourceSet) {
	for _, s := range sets {
		se := e.open(el, "resource_set", &s.Base)
		e.id(se, s.ID, s.IDRef, cons+"-set")
		set(se, "sequential", s.Sequential)
		set(se, "require-all", s.RequireAll)
		set(se, "ordering", s.Ordering)
		set(se, "action", s.Action)
		set(se, "role", s.Role)
		set(se, "score", s.Score)
		set(se, "kind", s.Kind)
		for _, r := range s.Resources {
			e.ref(se, "resource_ref", r)
		}
		e.close(se, &s.Base)
	}
}

func (e *emitter) rule(parent *etree.Element, r *model.Rule, gen string) {
	if r == nil {
		return
	}
	el := e.open(parent, "rule", &r.Base)
	id := e.id(el, r.ID, r.IDRef, gen)
	set(el, "score", r.Score)
	set(el, "score-attribute", r.ScoreAttribute)
	set(el, "boolean-op", r.BooleanOp)
	set(el, "role", r.Role)
	for _, x := range r.Expressions {
		e.expression(el, x, id)
	}
	e.close(el, &r.Base)
}

func (e *emitter) expression(parent *etree.Element, x model.Expression, rule string) {
	if isNil(x) {
		return
	}
	switch x := x.(type) {
	case *model.Rule:
		e.rule(parent, x, rule+"-rule")
	case *model.Expr:
		el := e.open(parent, "expression", &x.Base)
		e.id(el, x.ID, x.IDRef, rule+"-expression")
		if x.IDRef == "" || x.Attribute != "" {
			el.CreateAttr("attribute", x.Attribute)
			el.CreateAttr("operation", x.Operation)
		}
		set(el, "value", x.Value)
		set(el, "type", x.Type)
		set(el, "value-source", x.ValueSource)
		e.close(el, &x.Base)
	case *model.DateExpr:
		el := e.open(parent, "date_expression", &x.Base)
		id := e.id(el, x.ID, "", rule+"-expression")
		set(el, "operation", x.Operation)
		set(el, "start", x.Start)
		set(el, "end", x.End)
		if x.DateSpec != nil {
			e.dateSpec(el, "date_spec", x.DateSpec, id+"-date_spec")
		}
		if x.Duration != nil {
			e.dateSpec(el, "duration", x.Duration, id+"-duration")
		}
		e.close(el, &x.Base)
	case *model.OpExpr:
		el := e.open(parent, "op_expression", &x.Base)
		e.id(el, x.ID, "", rule+"-op-"+x.Name)
		el.CreateAttr("name", x.Name)
		set(el, "interval", x.Interval)
		e.close(el, &x.Base)
	case *model.RscExpr:
		el := e.open(parent, "rsc_expression", &x.Base)
		e.id(el, x.ID, "", rule+"-rsc-"+first(x.Type, x.Class, "expression"))
		set(el, "class", x.Class)
		set(el, "provider", x.Provider)
		set(el, "type", x.Type)
		e.close(el, &x.Base)
	default:
		panic(fmt.Sprintf("emit cib: unexpected expression type %T", x))
	}
}

func (e *emitter) dateSpec(parent *etree.Element, tag string, ds *model.DateSpec, gen string) {
	if ds == nil {
		return
	}
	el := e.open(parent, tag, &ds.Base)
	e.id(el, ds.ID, "", gen)
	for _, f := range ds.Fields {
		el.CreateAttr(f.Name, f.Value)
	}
	e.close(el, &ds.Base)
}

func (e *emitter) alert(parent *etree.Element, a *model.Alert) {
	if a == nil {
		return
	}
	el := e.open(parent, "alert", &a.Base)
	id := e.id(el, a.ID, "", "alert")
	set(el, "description", a.Description)
	el.CreateAttr("path", a.Path)
	if s := a.Select; s != nil {
		se := e.open(el, "select", &s.Base)
		for _, k := range s.Kinds {
			ke := se.CreateElement(k)
			if k == "select_attributes" {
				for _, at := range s.Attributes {
					ae := e.open(ke, "attribute", &at.Base)
					e.id(ae, at.ID, "", id+"-attribute-"+at.Name)
					ae.CreateAttr("name", at.Name)
					e.close(ae, &at.Base)
				}
			}
		}
		e.close(se, &s.Base)
	}
	e.sets(el, id, a.MetaAttrs, a.InstanceAttrs, nil)
	for _, r := range a.Recipients {
		re := e.open(el, "recipient", &r.Base)
		rid := e.id(re, r.ID, "", id+"-recipient")
		set(re, "description", r.Description)
		re.CreateAttr("value", r.Value)
		e.sets(re, rid, r.MetaAttrs, r.InstanceAttrs, nil)
		e.close(re, &r.Base)
	}
	e.close(el, &a.Base)
}

func (e *emitter) acls(parent *etree.Element, a *model.ACLs) {
	el := e.open(parent, "acls", &a.Base)
	for _, t := range a.Targets {
		tag := t.Element
		if tag == "" {
			tag = "acl_target"
		}
		te := e.open(el, tag, &t.Base)
		e.id(te, t.ID, "", tag)
		set(te, "name", t.Name)
		roleTag := "role"
		if tag == "acl_user" {
			roleTag = "role_ref"
		}
		for _, r := range t.Roles {
			e.ref(te, roleTag, r)
		}
		for _, p := range t.Permissions {
			e.permission(te, t.ID, p)
		}
		e.close(te, &t.Base)
	}
	for _, r := range a.Roles {
		re := e.open(el, "acl_role", &r.Base)
		id := e.id(re, r.ID, "", "acl_role")
		set(re, "description", r.Description)
		for _, p := range r.Permissions {
			e.permission(re, id, p)
		}
		e.close(re, &r.Base)
	}
	e.close(el, &a.Base)
}

func (e *emitter) permission(parent *etree.Element, owner string, p *model.ACLPermission) {
	if p == nil {
		return
	}
	if p.Element != "" && p.Element != "acl_permission" {
		el := e.open(parent, p.Element, &p.Base)
		e.id(el, p.ID, "", owner+"-"+p.Element)
		set(el, "tag", p.ObjectType)
		set(el, "ref", p.Reference)
		set(el, "xpath", p.Xpath)
		set(el, "attribute", p.Attribute)
		e.close(el, &p.Base)
		return
	}
	el := e.open(parent, "acl_permission", &p.Base)
	e.id(el, p.ID, "", owner+"-"+p.Kind)
	el.CreateAttr("kind", p.Kind)
	set(el, "xpath", p.Xpath)
	set(el, "reference", p.Reference)
	set(el, "object-type", p.ObjectType)
	set(el, "attribute", p.Attribute)
	set(el, "description", p.Description)
	e.close(el, &p.Base)
}

func (e *emitter) status(root *etree.Element, st *model.Status) {
	e.inStatus = true
	defer func() { e.inStatus = false }()
	el := e.open(root, "status", &st.Base)
	tickets := func() {
		if st.TicketsBase == nil && len(st.Tickets) == 0 {
			return
		}
		tb := st.TicketsBase
		if tb == nil {
			tb = &model.Base{}
		}
		te := e.open(el, "tickets", tb)
		for _, t := range st.Tickets {
			tse := e.open(te, "ticket_state", &t.Base)
			attrsOut(tse, t.Attrs)
			e.close(tse, &t.Base)
		}
		e.close(te, tb)
	}
	for i, n := range st.Nodes {
		if i == len(st.Nodes)-st.NodesAfterTickets {
			tickets()
		}
		ne := e.open(el, "node_state", &n.Base)
		attrsOut(ne, n.Attrs)
		if n.TransientFirst {
			e.transient(ne, n.Transient)
		}
		if l := n.LRM; l != nil {
			le := e.open(ne, "lrm", &l.Base)
			set(le, "id", l.ID)
			if l.ResourcesBase != nil || len(l.Resources) > 0 {
				rb := l.ResourcesBase
				if rb == nil {
					rb = &model.Base{}
				}
				re := e.open(le, "lrm_resources", rb)
				for _, r := range l.Resources {
					rre := e.open(re, "lrm_resource", &r.Base)
					attrsOut(rre, r.Attrs)
					for _, op := range r.Ops {
						oe := e.open(rre, "lrm_rsc_op", &op.Base)
						for n, v := range op.Attrs.All() {
							oe.CreateAttr(n, v)
						}
						e.close(oe, &op.Base)
					}
					e.close(rre, &r.Base)
				}
				e.close(re, rb)
			}
			e.close(le, &l.Base)
		}
		if !n.TransientFirst {
			e.transient(ne, n.Transient)
		}
		e.close(ne, &n.Base)
	}
	if st.NodesAfterTickets <= 0 || st.NodesAfterTickets > len(st.Nodes) {
		tickets()
	}
	e.close(el, &st.Base)
}

func (e *emitter) transient(ne *etree.Element, t *model.TransientAttributes) {
	if t == nil {
		return
	}
	te := e.open(ne, "transient_attributes", &t.Base)
	set(te, "id", t.ID)
	for _, s := range t.Sets {
		e.nvset(te, s, "")
	}
	e.close(te, &t.Base)
}

// isNil reports a nil interface or a typed nil pointer in one: a model
// built by a converter may hold either, and there is nothing to write.
func isNil(v model.Element) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

func attrsOut(el *etree.Element, as model.Attrs) {
	for _, a := range as {
		el.CreateAttr(a.Name, a.Value)
	}
}
