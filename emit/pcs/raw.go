package pcs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"hakit/emit/cib"
	"hakit/model"
)

// The raw fallback: a top-level element (a resource, constraint, property
// set, node, alert, ...) that pcs cannot express in full is written as one
// cibadmin edit of its CIB XML instead, as the CIB emitter renders it. The
// edit is "cibadmin --modify" of the element wrapped in its ancestors up to
// <configuration>, which creates missing sections and appends the element.

// cibadmin is how a raw edit runs: on the CIB file of the pcs commands.
const cibadmin = `CIB_file="$` + CIBVar + `" cibadmin`

// document renders the configuration once as CIB XML.
func (e *emitter) document() *etree.Document {
	if e.doc == nil && !e.docFailed {
		d, err := cib.Document(e.cluster, cib.Options{OmitStatus: true})
		if err != nil {
			e.docFailed = true
			return nil
		}
		d.Unindent()
		e.doc = d
	}
	return e.doc
}

// find returns the element at path (an etree path below the root) or nil.
func (e *emitter) find(path string) *etree.Element {
	d := e.document()
	if d == nil {
		return nil
	}
	return d.FindElement(path)
}

// byID finds the element with the given tag-less id in section.
func (e *emitter) byID(section, id string) *etree.Element {
	if id == "" || strings.ContainsAny(id, `'"[]`) {
		return nil
	}
	return e.find("/cib/configuration/" + section + "/*[@id='" + id + "']")
}

// wrapped copies el inside copies of its ancestors up to configuration,
// each with only its id, as cibadmin --modify needs to place it.
func wrapped(el *etree.Element) string {
	cur := clean(el)
	for p := el.Parent(); p != nil && p.Tag != "cib" && p.Tag != ""; p = p.Parent() {
		w := etree.NewElement(p.Tag)
		if id := p.SelectAttrValue("id", ""); id != "" {
			w.CreateAttr("id", id)
		}
		w.AddChild(cur)
		cur = w
	}
	d := etree.NewDocument()
	d.WriteSettings = etree.WriteSettings{CanonicalAttrVal: true}
	d.SetRoot(cur)
	s, _ := d.WriteToString()
	return s
}

// clean copies el without its XML comments (the script carries them as
// shell comments).
func clean(el *etree.Element) *etree.Element {
	c := el.Copy()
	var strip func(*etree.Element)
	strip = func(x *etree.Element) {
		for _, t := range slices.Clone(x.Child) {
			switch t := t.(type) {
			case *etree.Comment:
				x.RemoveChild(t)
			case *etree.Element:
				strip(t)
			}
		}
	}
	strip(c)
	return c
}

// hasSecret reports whether el holds a sensitive nvpair, which must not be
// written inline.
func hasSecret(el *etree.Element) bool {
	for _, p := range el.FindElements(".//nvpair") {
		if model.IsSensitive(p.SelectAttrValue("name", "")) {
			return true
		}
	}
	return false
}

// either writes an element with pcs when pcs can express all of it, and
// as a raw CIB edit of el otherwise. emit writes the pcs form to the
// emitter it is given.
func (e *emitter) either(b *model.Base, what string, el func() *etree.Element, emit func(*emitter)) {
	sub := &emitter{prog: e.prog, cmd: e.cmd, cluster: e.cluster, doc: e.doc, docFailed: e.docFailed, locations: e.locations, unique: e.unique, notResources: e.notResources, nodeIDs: e.nodeIDs}
	emit(sub)
	if len(sub.cannots) == 0 {
		e.take(sub)
		return
	}
	x := el()
	if x == nil || hasSecret(x) {
		e.take(sub)
		return
	}
	e.comments(b)
	why := strings.ReplaceAll(strings.Join(sub.cannots, "; "), "\n", " ")
	e.line("# hakit: " + what + " is a raw CIB edit, which pcs has no command for (pcs cannot express: " + why + ")")
	e.raw(x)
	e.diags.Infof(b.Range, "HA3051", "%s is written as a raw CIB edit with cibadmin (pcs cannot express: %s)", what, strings.Join(sub.cannots, "; "))
}

// take appends what sub wrote and reported.
func (e *emitter) take(sub *emitter) {
	e.b.WriteString(sub.b.String())
	e.diags = append(e.diags, sub.diags...)
	e.cannots = append(e.cannots, sub.cannots...)
	e.locations = sub.locations
	if sub.doc != nil {
		e.doc = sub.doc
	}
}

// raw writes one cibadmin edit adding el. A node or property set is merged (--modify):
// the cluster may have created it already.
func (e *emitter) raw(el *etree.Element) {
	if p := el.Parent(); el.Tag != "node" && p != nil && p.Parent() != nil && p.Parent().Tag == "configuration" &&
		slices.Contains([]string{"resources", "constraints"}, p.Tag) {
		// Sections every CIB has: a plain create appends the element, and
		// fails (leaving the live CIB untouched) if the id is taken.
		d := etree.NewDocument()
		d.WriteSettings = etree.WriteSettings{CanonicalAttrVal: true}
		d.SetRoot(clean(el))
		s, _ := d.WriteToString()
		e.line(fmt.Sprintf("%s --create -o %s --xml-text %s", cibadmin, p.Tag, q(s)))
		return
	}
	e.line(fmt.Sprintf("%s --modify --xml-text %s", cibadmin, q(wrapped(el))))
}
