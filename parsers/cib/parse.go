package cib

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"unsafe"

	"github.com/beevik/etree"

	"hakit/model"
)

// The codes the CIB parser reports. Each is registered as a rule in
// verify/cib.go.
const (
	CodeSyntax           = "HA0101" // malformed XML
	CodeNotCIB           = "HA0102" // root is neither <cib> nor <configuration>
	CodeUnknownElement   = "HA0103" // element hakit has no type for
	CodeUnknownAttribute = "HA0104" // attribute hakit has no field for
	CodeDuplicateID      = "HA0105" // id defined twice
	CodeDanglingRef      = "HA0106" // id-ref or reference to an id that does not exist
	CodeMissingAttribute = "HA0107" // required attribute missing
	CodeDuplicateAttr    = "HA0108" // attribute given twice on one element
	CodeLimit            = "HA0109" // document too deep or too large
	CodeDTD              = "HA0110" // document type declaration ignored
)

// Limits that protect against hostile input. A real CIB of 10,000 resources
// has a few hundred thousand elements and a depth under 20.
const (
	MaxDepth    = 256
	MaxElements = 4 << 20
)

// span is the byte extent of one element in the source.
type span struct {
	start, end int
	closed     bool
}

type ref struct {
	id   string
	what string
	at   model.Range
}

type parser struct {
	src      []byte
	file     string
	li       *model.LineIndex
	spans    map[*etree.Element]span
	diags    model.Diagnostics
	names    map[string]string // interned element and attribute names
	prevKeys []string          // attribute names of the last start tag, interned
	vals     [][2]int          // scratch: attribute value ranges of one start tag

	// statusEl is the status section of a <cib>; its node_states are
	// lowered as soon as they are read (lowered), and their subtrees
	// dropped, so that the status, which is most of a large CIB, never
	// exists as a whole etree document beside the model.
	statusEl *etree.Element
	lowered  map[*etree.Element]*model.NodeState
	scratch  []rawAttr

	// stream is the lrm element being lowered straight from the tokens;
	// streamed holds the lowered ones by their (childless) element.
	stream   *lrmStream
	streamed map[*etree.Element]*model.LRM
	hasLRM   map[*etree.Element]bool

	tz       *tokenizer
	inStatus bool
	ids      map[string]model.Range
	nodeIDs  map[string]model.Range
	refs     []ref
}

// Parse reads a CIB (or a bare configuration section) from src. It returns
// the partial model it could build and every diagnostic; it never panics.
// The model shares src's bytes (attribute values written without entities
// are not copied): src must not be modified afterwards.
func Parse(src []byte, filename string) (c *model.Cluster, diags model.Diagnostics) {
	// A configuration has an id in about every 80 bytes: room for those
	// of a small CIB, so that the map need not grow (bounded: a large CIB
	// is mostly status, whose elements define none).
	p := &parser{src: src, file: filename, li: model.NewLineIndex(src), ids: make(map[string]model.Range, min(len(src)/80, 1<<12)),
		nodeIDs: map[string]model.Range{}, names: map[string]string{}}
	defer func() {
		if r := recover(); r != nil {
			// A bug, not an input problem: report it instead of crashing the
			// caller, with the model built so far.
			p.errorf(p.rangeAt(0, 0), CodeSyntax, "internal error reading the CIB: %v", r)
			diags = p.diags
		}
	}()
	doc, ok := p.build()
	if !ok {
		return nil, p.diags
	}
	root := doc.Root()
	if root == nil {
		if !p.diags.HasErrors() {
			p.errorf(p.rangeAt(0, len(src)), CodeNotCIB, "no XML element found: not a CIB")
		}
		return nil, p.diags
	}
	malformed := p.diags.HasErrors()
	c = p.lowerDocument(doc, root)
	if !malformed {
		// In a truncated document, references to what was cut off are
		// noise.
		p.checkRefs()
	}
	return c, p.diags
}

func passThroughCharset(_ string, r io.Reader) (io.Reader, error) { return r, nil }

// build is the one pass over the XML: it reads encoding/xml's raw tokens
// and builds the etree document from them, recording the byte extent of
// every element as it goes (etree itself records no positions). It checks
// what RawToken does not — matching end tags, one root, whitespace between
// attributes, limits — and reports syntax errors with their exact position.
// After an error the document holds what was read before it. It returns
// false when nothing more can be done (limits exceeded).
func (p *parser) build() (*etree.Document, bool) {
	tz := &tokenizer{src: p.src, intern: p.internBytes}
	p.tz = tz
	doc := etree.NewDocument()
	// An element in every 1024 bytes of a large CIB (mostly status); in
	// a configuration, one in about every 64 (bounded).
	p.spans = make(map[*etree.Element]span, max(64+len(p.src)/1024, min(len(p.src)/64, 1<<14)))
	var stack []*etree.Element // nil for elements lowered as streamed
	var names []xml.Name
	var starts []int
	parent := &doc.Element
	rootDone := false
	elements := 0
	defer p.endStream(len(p.src))
	for {
		tok, off, end, err := tz.next()
		if err == io.EOF {
			if len(stack) > 0 {
				d := p.errorf(p.rangeAt(len(p.src), len(p.src)), CodeSyntax,
					"unexpected end of file: element <%s> is not closed", names[len(names)-1].Local)
				at := starts[len(starts)-1]
				d.Related = []model.Related{{Message: "element opened here", Subject: p.rangeAt(at, at)}}
			}
			break
		}
		if err != nil {
			at := end
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			at = p.refineErrorOffset(msg, off, at)
			p.errorf(p.rangeAt(at, at), CodeSyntax, "malformed XML: %s", msg)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if rootDone && len(stack) == 0 {
				p.errorf(p.rangeAt(off, end), CodeSyntax,
					"malformed XML: element <%s> after the end of the root element", t.Name.Local)
				return doc, true
			}
			if len(stack) >= MaxDepth {
				p.errorf(p.rangeAt(off, off), CodeLimit, "elements are nested more than %d deep: not a CIB", MaxDepth)
				return nil, false
			}
			if elements >= MaxElements {
				p.errorf(p.rangeAt(off, off), CodeLimit, "more than %d elements: too large for a CIB", MaxElements)
				return nil, false
			}
			vals, at, ok := tz.vals, 0, true
			if !tz.fast {
				vals, at, ok = p.startTag(off, end)
			}
			if !ok {
				p.errorf(p.rangeAt(at, at), CodeSyntax,
					"malformed XML: attributes of <%s> must be separated by whitespace", qname(t.Name))
				return doc, true
			}
			if n, bad := badQName(t); bad {
				p.errorf(p.rangeAt(off, off), CodeSyntax,
					"malformed XML: %q is not a name XML namespaces allow (a colon first, last or twice; Pacemaker's XML parser refuses it)", n)
				return doc, true
			}
			elements++
			attrs := p.attrs(t.Attr, vals)
			names = append(names, t.Name)
			starts = append(starts, off)
			if p.stream != nil {
				p.streamStart(t.Name, attrs, off)
				stack = append(stack, nil)
				continue
			}
			e := &etree.Element{Space: p.intern(t.Name.Space), Tag: p.intern(t.Name.Local)}
			if len(attrs) > 0 {
				e.Attr = make([]etree.Attr, len(attrs))
				for i, a := range attrs {
					e.Attr[i] = etree.Attr{Space: a.space, Key: a.key, Value: a.value}
				}
			}
			parent.AddChild(e)
			p.spans[e] = span{start: off, end: len(p.src)}
			if len(stack) == 1 && p.statusEl == nil && is(e, "status") && is(stack[0], "cib") {
				p.statusEl = e
			}
			if len(stack) == 3 && stack[1] == p.statusEl && is(e, "lrm") && is(stack[2], "node_state") && !p.hasLRM[stack[2]] {
				// The operation history, most of a large CIB, is lowered
				// straight from the tokens (streamStart), never held as
				// an etree subtree.
				if p.hasLRM == nil {
					p.hasLRM = map[*etree.Element]bool{}
				}
				p.hasLRM[stack[2]] = true
				p.beginStream(e, t.Name, attrs, off)
			}
			stack = append(stack, e)
			parent = e
		case xml.EndElement:
			if len(stack) == 0 {
				p.errorf(p.rangeAt(off, end), CodeSyntax, "malformed XML: unexpected end tag </%s>", t.Name.Local)
				return doc, true
			}
			top := stack[len(stack)-1]
			if want := names[len(names)-1]; want != t.Name {
				d := p.errorf(p.rangeAt(off, end), CodeSyntax,
					"malformed XML: element <%s> closed by </%s>", qname(want), qname(t.Name))
				at := starts[len(starts)-1]
				d.Related = []model.Related{{Message: "element opened here", Subject: p.rangeAt(at, at)}}
				return doc, true
			}
			if p.stream != nil {
				p.streamEnd(end)
			}
			if top != nil {
				p.spans[top] = span{start: starts[len(starts)-1], end: end, closed: true}
				if len(stack) == 3 && top.Space == "" && top.Tag == "node_state" && stack[1] == p.statusEl {
					p.lowerEarly(top)
				}
			}
			stack = stack[:len(stack)-1]
			names = names[:len(names)-1]
			starts = starts[:len(starts)-1]
			parent = &doc.Element
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			} else {
				rootDone = true
			}
		case xml.CharData:
			if isSpace(t) {
				continue // indentation: nothing reads it
			}
			if len(stack) == 0 {
				p.errorf(p.rangeAt(off, end), CodeSyntax, "malformed XML: text outside the root element")
				return doc, true
			}
			if p.stream == nil {
				parent.CreateText(string(t))
			}
		case xml.Comment:
			if p.stream != nil {
				p.streamComment(string(t))
			} else {
				parent.CreateComment(string(t))
			}
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				p.warnf(p.rangeAt(off, end), CodeDTD,
					"document type declaration ignored: CIBs have none and hakit expands no entities")
			}
		}
	}
	return doc, true
}

// badQName returns the first name of start tag t that is not a qualified
// name of XML namespaces (one colon at most, not first or last), and true;
// libxml2, which Pacemaker reads the CIB with, refuses such a name.
func badQName(t xml.StartElement) (string, bool) {
	bad := func(n xml.Name) (string, bool) {
		qn := n.Local
		if n.Space != "" {
			qn = n.Space + ":" + n.Local
		}
		return qn, qn == "" || qn[0] == ':' || qn[len(qn)-1] == ':' || strings.Count(qn, ":") > 1
	}
	if qn, b := bad(t.Name); b {
		return qn, true
	}
	for _, a := range t.Attr {
		if qn, b := bad(a.Name); b {
			return qn, true
		}
	}
	return "", false
}

// rawAttr is one attribute of a start tag, names interned.
type rawAttr struct{ space, key, value string }

// attrs converts the attributes of a start tag; vals are their value
// ranges in the source (startTag).
func (p *parser) attrs(in []xml.Attr, vals [][2]int) []rawAttr {
	out := p.scratch[:0]
	for i, a := range in {
		v := a.Value
		if i < len(vals) && len(v) > 0 {
			// A value written without entities is the source bytes
			// themselves: share them instead of keeping a copy (most of a
			// CIB's bytes are attribute values).
			if raw := p.src[vals[i][0]:vals[i][1]]; string(raw) == v {
				v = unsafe.String(&raw[0], len(raw))
			}
		}
		key := a.Name.Local
		if i < len(p.prevKeys) && p.prevKeys[i] == key {
			key = p.prevKeys[i] // same name at the same place as in the last tag
		} else {
			key = p.intern(key)
			if i < len(p.prevKeys) {
				p.prevKeys[i] = key
			} else {
				p.prevKeys = append(p.prevKeys, key)
			}
		}
		out = append(out, rawAttr{space: p.intern(a.Name.Space), key: key, value: v})
	}
	p.scratch = out
	return out
}

func layout(b *model.Base) *model.Layout {
	if b.Layout == nil {
		b.Layout = &model.Layout{}
	}
	return b.Layout
}

// lowerEarly lowers node_state e of the status section as soon as it is
// closed and drops its subtree (elements and their spans): what status()
// later finds in its place is the lowered node.
func (p *parser) lowerEarly(e *etree.Element) {
	if p.lowered == nil {
		p.lowered = map[*etree.Element]*model.NodeState{}
	}
	p.inStatus = true
	p.lowered[e] = p.nodeState(e)
	p.inStatus = false
	var drop func(el *etree.Element)
	drop = func(el *etree.Element) {
		for _, ch := range el.ChildElements() {
			drop(ch)
			delete(p.spans, ch)
		}
	}
	drop(e)
	e.Child = nil
	e.Attr = nil
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// startTag reads the start tag src[start:end] that RawToken returned: the
// byte range of each attribute value, in order, and what XML 1.0 requires
// and encoding/xml lets pass: whitespace between one attribute's closing
// quote and the next attribute (<primitive id="a"class="ocf"/> is not
// XML). When that fails it returns the offset of the offending character.
func (p *parser) startTag(start, end int) ([][2]int, int, bool) {
	b := p.src[start:end]
	vals := p.vals[:0]
	var q byte
	qs := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if q != 0 {
			if c == q {
				q = 0
				vals = append(vals, [2]int{start + qs, start + i})
				if i+1 < len(b) {
					switch b[i+1] {
					case ' ', '\t', '\r', '\n', '/', '>', '?':
					default:
						return nil, start + i + 1, false
					}
				}
			}
			continue
		}
		if c == '"' || c == '\'' {
			q, qs = c, i+1
		}
	}
	p.vals = vals
	return vals, 0, true
}

// internBytes is intern for a name in the source.
func (p *parser) internBytes(b []byte) string {
	if v, ok := p.names[string(b)]; ok {
		return v
	}
	s := string(b)
	p.names[s] = s
	return s
}

// intern returns one copy of each name: a CIB repeats a few dozen element
// and attribute names hundreds of thousands of times.
func (p *parser) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := p.names[s]; ok {
		return v
	}
	p.names[s] = s
	return s
}

// refineErrorOffset moves the position of a syntax error from where the
// decoder stopped (the end of the token it was reading, from off) back to the
// offending character or entity, which is where a person should look.
func (p *parser) refineErrorOffset(msg string, off, at int) int {
	if off < 0 || at > len(p.src) || off > at {
		return at
	}
	tok := p.src[off:at]
	switch {
	case strings.HasPrefix(msg, "illegal character code"):
		for i, r := range string(tok) {
			if !isXMLChar(r) {
				return off + i
			}
		}
	case strings.HasPrefix(msg, "invalid character entity "):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "invalid character entity "), " (no semicolon)")
		if i := bytes.LastIndex(tok, []byte(name)); i >= 0 {
			return off + i
		}
	}
	return at
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func (p *parser) rangeAt(start, end int) model.Range { return p.li.Range(p.file, start, end) }

// rng is the range of element e: its start tag to its end tag.
func (p *parser) rng(e *etree.Element) model.Range {
	s, ok := p.spans[e]
	if !ok {
		return p.rangeAt(len(p.src), len(p.src))
	}
	return p.rangeAt(s.start, s.end)
}

func (p *parser) errorf(r model.Range, code, format string, args ...any) *model.Diagnostic {
	p.diags.Errorf(r, code, format, args...)
	return p.diags[len(p.diags)-1]
}

func (p *parser) warnf(r model.Range, code, format string, args ...any) *model.Diagnostic {
	p.diags.Warnf(r, code, format, args...)
	return p.diags[len(p.diags)-1]
}

// attrs is the typed view of one element's attributes: the known ones
// present, each once (an element has a handful: a list beats a map).
type attrs struct {
	kv []model.Attr
}

func (a attrs) get(name string) string { v, _ := model.Attrs(a.kv).Get(name); return v }

func (a attrs) has(name string) bool { _, ok := model.Attrs(a.kv).Get(name); return ok }

// open reads element e into b: range, comments, and the attributes; names in
// known are returned typed, the others go to b.Extra (reported unless free is
// set or the element is in the status section). Ids are recorded for the
// duplicate and reference checks.
func (p *parser) open(e *etree.Element, b *model.Base, free bool, known ...string) attrs {
	b.Range = p.rng(e)
	a := attrs{kv: make([]model.Attr, 0, len(e.Attr))}
	for i, at := range e.Attr {
		name := at.FullKey()
		if slices.ContainsFunc(e.Attr[:i], func(x etree.Attr) bool { return x.Space == at.Space && x.Key == at.Key }) {
			p.errorf(b.Range, CodeDuplicateAttr, "attribute %q given twice on <%s>; the first value is kept", name, e.Tag)
			continue
		}
		if at.Space == "" && contains(known, at.Key) {
			a.kv = append(a.kv, model.Attr{Name: at.Key, Value: at.Value})
			if at.Value == "" {
				layout(b).Empty = append(layout(b).Empty, at.Key)
			}
			continue
		}
		b.Extra = append(b.Extra, model.Attr{Name: name, Value: at.Value})
		if !free && !p.inStatus && !legacyAttrs[e.Tag+" "+name] {
			p.warnf(b.Range, CodeUnknownAttribute, "unknown attribute %q on <%s>; kept as is", name, e.Tag)
		}
	}
	if !p.inStatus && len(e.Attr) > 1 && !inKnownOrder(e, known) {
		// crm configure show prints an xml escape with the attributes
		// in the CIB's order: keep it where it is not the writer's.
		order := make([]string, 0, len(e.Attr))
		for _, at := range e.Attr {
			order = append(order, at.FullKey())
		}
		layout(b).Attrs = order
	}
	p.children(e, b)
	if !p.inStatus {
		if id, ok := attr(e, "id"); ok {
			if strings.TrimSpace(id) == "" {
				p.errorf(b.Range, CodeMissingAttribute, "<%s> has an empty \"id\": an id must be a name (Pacemaker rejects the CIB)", e.Tag)
			} else if e.Tag == "node" {
				// Node ids are not XML IDs: a remote node shares its id
				// with its connection resource.
				p.defineIn(p.nodeIDs, id, b.Range)
			} else {
				p.defineID(id, b.Range)
			}
		}
		if r, ok := attr(e, "id-ref"); ok {
			p.refs = append(p.refs, ref{id: r, what: "<" + e.Tag + " id-ref>", at: b.Range})
		}
	}
	return a
}

// inKnownOrder reports whether e's attributes come in the order of known,
// the others after them: the order emit/cib writes.
func inKnownOrder(e *etree.Element, known []string) bool {
	last := 0
	for _, at := range e.Attr {
		i := len(known)
		if at.Space == "" {
			if j := slices.Index(known, at.Key); j >= 0 {
				i = j
			}
		}
		if i < last {
			return false
		}
		last = i
	}
	return true
}

// legacyAttrs are attributes of older schemas the model has no field for:
// kept in Extra like unknown ones, but not reported.
var legacyAttrs = map[string]bool{
	"rsc_colocation score-attribute":        true,
	"rsc_colocation score-attribute-mangle": true,
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// children keeps the comments of e and reports text content, which no CIB
// element has and hakit does not keep.
func (p *parser) children(e *etree.Element, b *model.Base) {
	elems := 0
	var at []int
	for _, tok := range e.Child {
		switch t := tok.(type) {
		case *etree.Element:
			elems++
		case *etree.Comment:
			b.Comments = append(b.Comments, t.Data)
			at = append(at, elems)
		case *etree.CharData:
			if !p.inStatus && strings.TrimSpace(t.Data) != "" {
				p.warnf(b.Range, CodeUnknownElement, "text inside <%s> is not part of any CIB schema; it is dropped", e.Tag)
			}
		}
	}
	// Comments before any child element are where the emitter puts them
	// anyway: only a comment further down needs its place recorded.
	if slices.ContainsFunc(at, func(n int) bool { return n > 0 }) && len(at) == len(b.Comments) {
		layout(b).CommentAt = at
	}
}

// require reports the attributes of names that e lacks. Elements that are
// references (id-ref) need nothing else.
func (p *parser) require(e *etree.Element, b *model.Base, a attrs, names ...string) {
	if a.has("id-ref") {
		return
	}
	for _, n := range names {
		if !a.has(n) {
			p.errorf(b.Range, CodeMissingAttribute, "<%s> has no %q attribute, which the schema requires", e.Tag, n)
		} else if strings.TrimSpace(a.get(n)) == "" && (n == "class" || n == "type") {
			// An agent's class and type: crm_verify rejects them empty (the
			// other required attributes it takes as text, empty or not).
			p.errorf(b.Range, CodeMissingAttribute, "<%s> has an empty %q attribute, which the schema requires to have a value", e.Tag, n)
		}
	}
}

// unknown keeps child c of an element verbatim in b.Unknown and reports it.
func (p *parser) unknown(b *model.Base, parent, c *etree.Element) {
	s, ok := p.spans[c]
	if !ok || !s.closed {
		return // truncated input: already reported as a syntax error
	}
	r := p.rangeAt(s.start, s.end)
	b.Unknown = append(b.Unknown, model.RawXML{XML: string(p.src[s.start:s.end]), Range: r})
	if !p.inStatus {
		p.warnf(r, CodeUnknownElement, "unknown element <%s> in <%s>; kept as is", c.FullTag(), parent.Tag)
	}
}

// unknownInSection keeps child c of a configuration section that has no
// model element of its own (resources, constraints, ...) in the
// configuration's Unknown, wrapped in an empty element named like the
// section, so that emit/cib puts it back where it was.
func (p *parser) unknownInSection(cfg *model.Configuration, section, c *etree.Element) {
	n := len(cfg.Unknown)
	p.unknown(&cfg.Base, section, c)
	if len(cfg.Unknown) > n {
		raw := &cfg.Unknown[n]
		raw.XML = "<" + section.Tag + ">" + raw.XML + "</" + section.Tag + ">"
	}
}

func (p *parser) defineID(id string, at model.Range) { p.defineIn(p.ids, id, at) }

func (p *parser) defineIn(ids map[string]model.Range, id string, at model.Range) {
	if first, dup := ids[id]; dup {
		d := p.errorf(at, CodeDuplicateID, "id %q is already used", id)
		d.Related = []model.Related{{Message: "first defined here", Subject: first}}
		return
	}
	ids[id] = at
}

func (p *parser) addRef(id, what string, at model.Range) {
	if id == "" || p.inStatus {
		return
	}
	p.refs = append(p.refs, ref{id: id, what: what, at: at})
}

func (p *parser) checkRefs() {
	for _, r := range p.refs {
		if _, ok := p.ids[r.id]; !ok {
			p.errorf(r.at, CodeDanglingRef, "%s refers to id %q, which is not defined in the configuration", r.what, r.id)
		}
	}
}

// attr returns the first attribute called key (no namespace) of e.
func attr(e *etree.Element, key string) (string, bool) {
	for _, a := range e.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}
