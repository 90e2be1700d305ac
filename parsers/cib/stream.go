package cib

import (
	"encoding/xml"
	"slices"
	"unsafe"

	"github.com/beevik/etree"

	"hakit/model"
)

// The operation history of the status section (lrm, lrm_resources,
// lrm_resource, lrm_rsc_op) is most of a large CIB. It is lowered straight
// from the tokens as build reads them, with what lrm() would make of the
// same subtree, so that it never exists as etree elements beside the model.

type frameKind int

const (
	frameLRM frameKind = iota
	frameResources
	frameResource
	frameOp
	frameUnknown // an element without a type: kept verbatim in its owner
	frameInside  // inside an unknown element
)

type frame struct {
	kind      frameKind
	tag       string
	base      *model.Base // the element's, or for frameUnknown its owner's
	res       *model.LRMResource
	start     int
	elems     int
	commentAt []int
	dups      []string
}

type lrmStream struct {
	root   *etree.Element
	lrm    *model.LRM
	frames []frame // the open elements, innermost last (values: one a
	// streamed element would be 300 MB of garbage for a 10,000 x 32 CIB)
}

// beginStream starts lowering the lrm element e (kept childless in the
// document) from its start tag.
func (p *parser) beginStream(e *etree.Element, name xml.Name, attrs []rawAttr, off int) {
	l := &model.LRM{}
	f := frame{kind: frameLRM, tag: qname(name), base: &l.Base, start: off}
	f.dups = typedAttrs(attrs, &l.Base, func(a rawAttr) bool {
		if a.space == "" && a.key == "id" {
			l.ID = a.value
			if a.value == "" {
				layout(&l.Base).Empty = append(layout(&l.Base).Empty, "id")
			}
			return true
		}
		return false
	})
	p.stream = &lrmStream{root: e, lrm: l, frames: []frame{f}}
}

// typedAttrs sorts a start tag's attributes: known ones are taken by known,
// the others go to b.Extra. It returns the names given twice (the first
// value is kept).
func typedAttrs(attrs []rawAttr, b *model.Base, known func(rawAttr) bool) []string {
	var dups []string
	for i, a := range attrs {
		if slices.ContainsFunc(attrs[:i], func(x rawAttr) bool { return x.space == a.space && x.key == a.key }) {
			dups = append(dups, fullKey(a))
			continue
		}
		if !known(a) {
			b.Extra = append(b.Extra, model.Attr{Name: fullKey(a), Value: a.value})
		}
	}
	return dups
}

// allAttrsOf keeps every attribute in document order, as allAttrs does.
func allAttrsOf(attrs []rawAttr) (model.Attrs, []string) {
	as := make(model.Attrs, 0, len(attrs))
	var dups []string
	for _, a := range attrs {
		name := fullKey(a)
		if _, dup := as.Get(name); dup {
			dups = append(dups, name)
			continue
		}
		as = append(as, model.Attr{Name: name, Value: a.value})
	}
	return as, dups
}

// dupNames returns the names given twice among attrs, as allAttrsOf does.
func dupNames(attrs []rawAttr) []string {
	var dups []string
	for i, a := range attrs {
		for _, b := range attrs[:i] {
			if a.key == b.key && a.space == b.space {
				dups = append(dups, fullKey(a))
				break
			}
		}
	}
	return dups
}

// attrText returns the attribute part of the start tag of name at off, as
// model.OpAttrsText takes it, when the tokenizer's fast path read the tag
// (names without a prefix, values without references, '<' or CR).
func (p *parser) attrText(name xml.Name, attrs []rawAttr, off int) (string, bool) {
	if !p.tz.fast || name.Space != "" || len(p.tz.vals) != len(attrs) {
		return "", false
	}
	if len(attrs) == 0 {
		return "", true
	}
	start := off + 1 + len(name.Local)
	end := p.tz.vals[len(attrs)-1][1] + 1 // after the closing quote
	return unsafe.String(&p.src[start], end-start), true
}

func fullKey(a rawAttr) string {
	if a.space == "" {
		return a.key
	}
	return a.space + ":" + a.key
}

// streamStart lowers the start of an element inside the streamed lrm.
func (p *parser) streamStart(name xml.Name, attrs []rawAttr, off int) {
	s := p.stream
	parent := &s.frames[len(s.frames)-1]
	plain := func(tag string) bool { return name.Space == "" && name.Local == tag }
	f := frame{kind: frameUnknown, tag: qname(name), base: parent.base, start: off}
	switch parent.kind {
	case frameUnknown, frameInside:
		f.kind = frameInside
	case frameLRM:
		if plain("lrm_resources") && s.lrm.ResourcesBase == nil {
			rb := &model.Base{}
			s.lrm.ResourcesBase = rb
			f.kind, f.base = frameResources, rb
			f.dups = typedAttrs(attrs, rb, func(rawAttr) bool { return false })
		}
	case frameResources:
		if plain("lrm_resource") {
			lr := &model.LRMResource{}
			s.lrm.Resources = append(s.lrm.Resources, lr)
			f.kind, f.base, f.res = frameResource, &lr.Base, lr
			lr.Attrs, f.dups = allAttrsOf(attrs)
		}
	case frameResource:
		if plain("lrm_rsc_op") {
			op := &model.LRMOp{}
			if text, ok := p.attrText(name, attrs, off); ok {
				// The op's attributes stay the source's text: a list
				// would be 600 bytes an op.
				op.Attrs = model.OpAttrsText(text)
				f.dups = dupNames(attrs)
			} else {
				var as model.Attrs
				as, f.dups = allAttrsOf(attrs)
				op.Attrs = model.OpAttrsList(as)
			}
			parent.res.Ops = append(parent.res.Ops, op)
			f.kind, f.base = frameOp, &op.Base
		}
	}
	parent.elems++
	s.frames = append(s.frames, f)
}

// streamComment keeps a comment inside the streamed lrm where lowering
// keeps one: in the element it sits in, with its place among the
// element's children.
func (p *parser) streamComment(text string) {
	f := &p.stream.frames[len(p.stream.frames)-1]
	if f.kind == frameUnknown || f.kind == frameInside {
		return // part of the element kept verbatim
	}
	f.base.Comments = append(f.base.Comments, text)
	f.commentAt = append(f.commentAt, f.elems)
}

// streamEnd lowers the end of the innermost streamed element.
func (p *parser) streamEnd(end int) { p.popFrame(end, true) }

// endStream finishes a stream cut short by a syntax error or the end of
// the file: the typed elements get ranges to end, unknown ones are dropped
// (the syntax error says why).
func (p *parser) endStream(end int) {
	for p.stream != nil {
		p.popFrame(end, false)
	}
}

func (p *parser) popFrame(end int, closed bool) {
	s := p.stream
	f := s.frames[len(s.frames)-1]
	s.frames = s.frames[:len(s.frames)-1]
	switch f.kind {
	case frameInside:
		return
	case frameUnknown:
		if closed {
			f.base.Unknown = append(f.base.Unknown, model.RawXML{XML: string(p.src[f.start:end]), Range: p.rangeAt(f.start, end)})
		}
		return
	}
	f.base.Range = p.rangeAt(f.start, end)
	for _, d := range f.dups {
		p.errorf(f.base.Range, CodeDuplicateAttr, "attribute %q given twice on <%s>; the first value is kept", d, f.tag)
	}
	if slices.ContainsFunc(f.commentAt, func(n int) bool { return n > 0 }) {
		layout(f.base).CommentAt = f.commentAt
	}
	if f.kind == frameLRM {
		if p.streamed == nil {
			p.streamed = map[*etree.Element]*model.LRM{}
		}
		p.streamed[s.root] = s.lrm
		p.stream = nil
	}
}
