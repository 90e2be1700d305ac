package crmsh

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"hakit/emit/cib"
	"hakit/internal/lazyre"
	"hakit/model"
	parsecrm "hakit/parsers/crmsh"
)

// Options tunes the output. The zero value is crmsh's layout.
type Options struct {
	// Obscure lists shell patterns (path.Match) of nvpair names whose
	// values are written as "******", as crm configure show does for its
	// obscure_pattern ("passw*" by default). Empty: every value is
	// written, so that the text loads back as it was.
	Obscure []string
}

// Emit writes c's configuration as crm shell statements.
func Emit(w io.Writer, c *model.Cluster, opts Options) error {
	if c == nil || c.Config == nil {
		return nil
	}
	if err := checkIDs(c.Config); err != nil {
		return err
	}
	e := &emitter{cfg: c.Config, refd: referenced(c.Config), obscure: opts.Obscure}
	e.all()
	if _, err := io.WriteString(w, e.b.String()); err != nil {
		return fmt.Errorf("writing crm shell: %w", err)
	}
	return e.err
}

// checkIDs refuses ids crmsh refuses for objects ("invalid object id"):
// the crm text would not load.
func checkIDs(cfg *model.Configuration) error {
	var bad []string
	check := func(b *model.Base, what, id string) {
		if id != "" && !parsecrm.ValidID(id) {
			bad = append(bad, fmt.Sprintf("%s: %s id %q is not a valid crm shell object id (a letter or _ first, then letters, digits, '.', '_' or '-')", b.Range, what, id))
		}
	}
	model.Walk(cfg.Resources, func(r, _ model.Resource) { check(r.Src(), "resource", r.ResourceID()) })
	for _, c := range cfg.Constraints {
		check(c.Src(), "constraint", c.ConstraintID())
	}
	for _, t := range cfg.Tags {
		check(&t.Base, "tag", t.ID)
	}
	for _, a := range cfg.Alerts {
		check(&a.Base, "alert", a.ID)
	}
	for _, sets := range [][]*model.NVSet{cfg.ClusterOptions, cfg.RscDefaults, cfg.OpDefaults} {
		for _, s := range sets {
			check(&s.Base, "attribute set", s.ID)
		}
	}
	if cfg.ACLs != nil {
		for _, r := range cfg.ACLs.Roles {
			check(&r.Base, "ACL role", r.ID)
		}
		for _, t := range cfg.ACLs.Targets {
			check(&t.Base, "ACL target", t.ID)
		}
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "\n"))
	}
	return nil
}

// referenced returns the ids some id-ref of cfg names: crmsh prints the $id
// of an nvpair, attribute set or rule only when it is referenced
// (cib_factory.is_id_refd).
func referenced(cfg *model.Configuration) map[string]bool {
	b, err := json.Marshal(cfg)
	if err != nil {
		return nil
	}
	refs := map[string]bool{}
	for _, m := range idRefRE.FindAllSubmatch(b, -1) {
		var id string
		if json.Unmarshal(append(append([]byte{'"'}, m[1]...), '"'), &id) == nil {
			refs[id] = true
		}
	}
	return refs
}

var idRefRE = lazyre.Lazy(`"id_ref":"((?:[^"\\]|\\.)*)"`)

type emitter struct {
	obscure []string
	refd    map[string]bool
	cfg     *model.Configuration
	b       strings.Builder
	err     error
}

// stmt writes one statement: head, then each part on a continuation line.
func (e *emitter) stmt(comments []string, head string, parts ...string) {
	for _, c := range comments {
		if !strings.HasPrefix(c, "#") {
			c = "# " + c
		}
		e.b.WriteString(c + "\n")
	}
	e.b.WriteString(head)
	for _, p := range parts {
		if p == "" {
			continue
		}
		e.b.WriteString(" \\\n\t" + p)
	}
	e.b.WriteString("\n")
}

var plainRE = lazyre.Lazy(`^[A-Za-z0-9_.,:/@%+=#{}\[\]()^*?|-]+$`)

// q quotes a value the way shlex reads it back.
func q(v string) string {
	if v != "" && v != "#" && plainRE.MatchString(v) && !strings.ContainsAny(v, "=") {
		return v // (a lone '#' would start a trailing comment)
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// word writes a token bare when the lexer reads it back as one token
// unchanged, else quoted (a fencing target with a blank, say).
func word(s string) string {
	if s != "#" && plainRE.MatchString(s) {
		return s
	}
	return q(s)
}

func nv(name, value string) string { return qn(name) + "=" + qv(value) }

var plainNameRE = lazyre.Lazy(`^[$A-Za-z0-9_.:#/-]+$`)

// qn quotes a name when shlex would split or change it.
func qn(n string) string {
	if n != "#" && plainNameRE.MatchString(n) {
		return n
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(n) + `"`
}

// qv quotes the value part of name=value.
// crmsh's quote_wrap: bare when the value is only word characters, '.'
// and '-', else in double quotes ('"' escaped). A backslash is escaped only
// where shlex would otherwise read it as an escape (before '"' or '\\')
// or our lexer as a continuation (before blanks and a newline or the
// closing quote), so that the text loads back; elsewhere
// it stays single, as crmsh prints it ("amq\.").
func qv(v string) string {
	if crmPlainRE.MatchString(v) {
		return v
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\' && escapeBackslash(v[i+1:]):
			b.WriteString(`\\`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escapeBackslash reports whether a backslash followed by rest must be
// doubled inside double quotes.
func escapeBackslash(rest string) bool {
	if rest != "" && (rest[0] == '"' || rest[0] == '\\') {
		return true
	}
	rest = strings.TrimLeft(rest, " \t\r")
	return rest == "" || rest[0] == '\n'
}

var crmPlainRE = lazyre.Lazy(`^[\pL\pN_.-]+$`)

func (e *emitter) all() {
	cfg := e.cfg
	for _, n := range cfg.Nodes {
		e.node(n)
	}
	// A canonical order that does not depend on statement order, so that
	// emit(parse(emit(m))) == emit(m): top-level primitives, then group
	// members, clone children and bundle primitives.
	var prims, templates, groups, clones, bundles []model.Resource
	addPrim := func(p *model.Primitive) {
		if p.IsTemplate {
			templates = append(templates, p)
		} else {
			prims = append(prims, p)
		}
	}
	for _, r := range cfg.Resources {
		switch r := r.(type) {
		case *model.Primitive:
			addPrim(r)
		case *model.Group:
			groups = append(groups, r)
		case *model.Clone:
			clones = append(clones, r)
		case *model.Bundle:
			bundles = append(bundles, r)
		default:
			panic(fmt.Sprintf("emit/crmsh: unexpected resource type %T", r))
		}
	}
	for _, r := range clones {
		if g, ok := r.(*model.Clone).Child.(*model.Group); ok {
			groups = append(groups, g)
		}
	}
	for _, r := range groups {
		for _, m := range r.(*model.Group).Members {
			addPrim(m)
		}
	}
	for _, r := range clones {
		if p, ok := r.(*model.Clone).Child.(*model.Primitive); ok {
			addPrim(p)
		}
	}
	for _, r := range bundles {
		if p := r.(*model.Bundle).Primitive; p != nil {
			addPrim(p)
		}
	}
	for _, r := range templates {
		e.primitive(r.(*model.Primitive))
	}
	for _, r := range prims {
		p := r.(*model.Primitive)
		if ops := p.Operations; ops != nil && len(ops.Ops) == 0 && ops.ID == "" && ops.IDRef == "" && len(ops.Unknown) == 0 && slices.Contains(cfg.Resources, r) {
			// An empty <operations/> has no crm form: crm configure
			// show prints such a primitive as xml.
			x := e.xmlOf(&model.Configuration{Resources: []model.Resource{p}}, "//resources/primitive")
			e.stmt(p.Comments, "xml "+x)
			continue
		}
		if !p.IsTemplate && p.Template == "" && p.Class == "ocf" && p.Provider == "heartbeat" && parsecrm.PickProvider(p.Type) != "heartbeat" {
			// crmsh would print the agent bare, which reads back with
			// another provider (drbd is linbit's): crm configure show
			// prints such a primitive as xml, which loads back as it was.
			x := e.xmlOf(&model.Configuration{Resources: []model.Resource{p}}, "//resources/primitive")
			e.stmt(p.Comments, "xml "+x)
			continue
		}
		e.primitive(p)
	}
	for _, r := range bundles {
		e.bundle(r.(*model.Bundle))
	}
	for _, r := range groups {
		e.group(r.(*model.Group))
	}
	for _, r := range clones {
		e.clone(r.(*model.Clone))
	}
	for _, t := range cfg.Tags {
		var ids []string
		for _, r := range t.Refs {
			ids = append(ids, q(r.ID))
		}
		e.stmt(t.Comments, "tag "+q(t.ID)+" "+strings.Join(ids, " "))
	}
	for _, k := range cfg.Constraints {
		e.constraint(k)
	}
	e.fencing()
	for _, s := range cfg.ClusterOptions {
		e.defaults("property", s)
	}
	for _, s := range cfg.RscDefaults {
		e.defaults("rsc_defaults", s)
	}
	for _, s := range cfg.OpDefaults {
		e.defaults("op_defaults", s)
	}
	if cfg.ACLs != nil {
		for _, r := range cfg.ACLs.Roles {
			e.role(r)
		}
		for _, t := range cfg.ACLs.Targets {
			e.aclTarget(t)
		}
	}
	for _, a := range cfg.Alerts {
		e.alert(a)
	}
	for _, u := range cfg.Unknown {
		e.stmt(nil, "xml "+u.XML)
	}
}

// xmlOf renders one configuration element through emit/cib, for the xml
// escape.
func (e *emitter) xmlOf(cfg *model.Configuration, path string) string {
	doc, err := cib.Document(&model.Cluster{Config: cfg}, cib.Options{OmitStatus: true})
	if err != nil {
		e.err = fmt.Errorf("xml escape: %w", err)
		return ""
	}
	el := doc.FindElement(path)
	if el == nil {
		e.err = fmt.Errorf("xml escape: no element at %s", path)
		return ""
	}
	el = el.Copy()
	dropDefaults(el)
	// The statement is one line, its elements a blank apart, as crm
	// configure show prints it: the indentation goes ('<' is escaped in
	// attribute values, so "><" is always between two tags).
	d := etree.NewDocument()
	d.SetRoot(el)
	d.Unindent()
	d.WriteSettings = etree.WriteSettings{CanonicalAttrVal: true}
	s, _ := d.WriteToString()
	return crmSafe(strings.ReplaceAll(strings.TrimSpace(s), "><", "> <"))
}

// crmSafe writes as character references what crm syntax would change in
// the xml text s: a blank of an attribute value that crmsh's reading would
// lose (it splits an xml statement at white space and joins the pieces
// with one blank, so a blank after another, or first or last in a value,
// is dropped), and a backslash that would escape what follows it (before
// '"', '\\' or the end of the line); elsewhere a backslash stays, as crm
// configure show prints it ("amq\.").
func crmSafe(s string) string {
	var b strings.Builder
	inValue := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			inValue = !inValue
		case inValue && c == ' ' && (s[i-1] == ' ' || s[i-1] == '"' || s[i+1] == '"'):
			b.WriteString("&#32;")
			continue
		case c == '\\' && escapeBackslash(s[i+1:]):
			b.WriteString("&#92;")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// dropDefaults removes, as crm configure show does in an xml escape,
// attributes given their default value: a resource set's sequential and
// require-all "true", a rule's boolean-op "and", a node's type "normal", and
// an expression's type "string" where string is the operation's default
// (elsewhere crmsh drops it too, which would change the comparison).
func dropDefaults(el *etree.Element) {
	drop := func(name, value string) {
		if a := el.SelectAttr(name); a != nil && a.Value == value {
			el.RemoveAttr(name)
		}
	}
	switch el.Tag {
	case "resource_set":
		drop("sequential", "true")
		drop("require-all", "true")
	case "rule":
		drop("boolean-op", "and")
	case "node":
		drop("type", "normal")
	case "expression":
		if op := el.SelectAttrValue("operation", ""); op == "eq" || op == "ne" {
			drop("type", "string")
		}
	}
	for _, ch := range el.ChildElements() {
		dropDefaults(ch)
	}
}

func (e *emitter) node(n *model.Node) {
	head := "node "
	if n.ID != "" && n.ID != n.Uname {
		if !idColonRE.MatchString(n.ID) {
			// crmsh's "node ID: NAME" takes no other id (a "." in
			// it, say): crm configure show prints the node as xml.
			x := e.xmlOf(&model.Configuration{Nodes: []*model.Node{n}}, "//nodes/node")
			e.stmt(n.Comments, "xml "+x)
			return
		}
		head += n.ID + ": "
	}
	head += q(n.Uname)
	if n.Type != "" {
		head += ":" + n.Type
	}
	if n.Description != "" {
		head += " " + nv("description", n.Description)
	}
	// crmsh prints the sets in the order of the node's children.
	type part struct {
		at   int
		text string
	}
	var parts []part
	pos := func(b *model.Base) int {
		if b.Range.Filename == "" {
			return -1
		}
		return b.Range.Start.Byte
	}
	for _, s := range n.InstanceAttrs {
		parts = append(parts, part{pos(&s.Base), e.set("attributes", s, n.Uname)})
	}
	for _, s := range n.Utilization {
		parts = append(parts, part{pos(&s.Base), e.set("utilization", s, n.Uname)})
	}
	if !slices.ContainsFunc(parts, func(p part) bool { return p.at < 0 }) {
		slices.SortStableFunc(parts, func(a, b part) int { return a.at - b.at })
	}
	var texts []string
	for _, p := range parts {
		texts = append(texts, p.text)
	}
	e.stmt(n.Comments, head, texts...)
}

// set writes "kw [$id=] [score:] [rule ...] n=v ...".
func (e *emitter) set(kw string, s *model.NVSet, owner string) string {
	var w []string
	w = append(w, kw)
	if s.IDRef != "" {
		return kw + " $id-ref=" + word(s.IDRef)
	}
	if s.ID != "" && e.refd[s.ID] {
		w = append(w, "$id="+s.ID)
	}
	if s.Score != "" {
		w = append(w, q(s.Score+":"))
	}
	if s.Rule != nil {
		w = append(w, e.rule(s.Rule))
	}
	w = append(w, e.pairs(s.Pairs)...)
	return strings.Join(w, " ")
}

var idColonRE = lazyre.Lazy(`^[\w-]+$`)

var ruleAutoRE = lazyre.New(`-rule(-\d+)?$`)

// autoID reports whether id is what crmsh generates from base.
func autoID(id, base string) bool {
	rest, ok := strings.CutPrefix(id, base)
	if !ok {
		rest, ok = strings.CutPrefix(id, "num-"+base)
	}
	return ok && autoSuffixRE.MatchString(rest)
}

var autoSuffixRE = lazyre.Lazy(`^(-\d+)?$`)

func autoSetID(id, owner, kind string) bool {
	rest, ok := strings.CutPrefix(id, owner+"-"+kind)
	if !ok {
		rest, ok = strings.CutPrefix(id, "num-"+owner+"-"+kind)
	}
	return ok && autoSuffixRE.MatchString(rest)
}

// value is p's value, or "******" where Options.Obscure names p.
func (e *emitter) value(p *model.NVPair) string {
	for _, pat := range e.obscure {
		if ok, _ := path.Match(pat, p.Name); ok {
			return "******"
		}
	}
	return p.Value
}

func (e *emitter) pairs(ps []*model.NVPair) []string {
	var w []string
	for _, p := range ps {
		switch {
		case p.ID != "" && e.refd[p.ID] && !p.NoValue:
			w = append(w, qn("$"+p.ID+":"+p.Name)+"="+qv(e.value(p)))
		case p.IDRef != "":
			if p.Name != "" {
				w = append(w, q("@"+p.IDRef+":"+p.Name))
			} else {
				w = append(w, q("@"+p.IDRef))
			}
		case p.NoValue:
			w = append(w, q(p.Name))
		case strings.HasPrefix(p.Name, "$") || strings.HasPrefix(p.Name, "@"):
			// "$n=v" would read back as id n, name n, and "@n=v" as a
			// reference: spell the id out.
			id := p.ID
			if id == "" {
				id = p.Name
			}
			w = append(w, qn("$"+id+":"+p.Name)+"="+qv(e.value(p)))
		default:
			w = append(w, nv(p.Name, e.value(p)))
		}
	}
	return w
}

func (e *emitter) rule(r *model.Rule) string {
	w := []string{"rule"}
	if r.IDRef != "" {
		w = append(w, "$id-ref="+word(r.IDRef))
		if r.Role != "" {
			w = append(w, "$role="+r.Role)
		}
		return strings.Join(w, " ")
	}
	if r.ID != "" && e.refd[r.ID] {
		w = append(w, nv("$id", r.ID))
	}
	if r.Role != "" {
		w = append(w, "$role="+r.Role)
	}
	switch {
	case r.ScoreAttribute != "":
		w = append(w, q(r.ScoreAttribute+":"))
	case r.Score != "" && r.Score != "INFINITY":
		// crmsh omits INFINITY, the score it gives a rule without one.
		w = append(w, q(scoreText(r.Score)+":"))
	}
	op := " and "
	if r.BooleanOp == "or" {
		op = " or "
	}
	var xs []string
	for _, x := range r.Expressions {
		xs = append(xs, e.expr(x))
	}
	return strings.Join(w, " ") + " " + strings.Join(xs, op)
}

func scoreText(s string) string {
	switch s {
	case "INFINITY":
		return "inf"
	case "+INFINITY":
		return "+inf"
	case "-INFINITY":
		return "-inf"
	}
	return s
}

func (e *emitter) expr(x model.Expression) string {
	switch x := x.(type) {
	case *model.Expr:
		if x.Operation == "defined" || x.Operation == "not_defined" {
			return x.Operation + " " + q(x.Attribute)
		}
		op := x.Operation
		// crmsh drops type="string" (the default); where the default
		// is not string (lt, gt, ...: integer) it is kept, or the
		// meaning would change.
		if x.Type != "" && (x.Type != "string" || (op != "eq" && op != "ne")) {
			op = x.Type + ":" + op
		}
		v := x.Value
		if x.ValueSource != "" && x.ValueSource != "literal" {
			v = x.ValueSource + "{" + v + "}"
		}
		return q(x.Attribute) + " " + op + " " + q(v)
	case *model.DateExpr:
		switch x.Operation {
		case "lt":
			return "date lt " + q(x.End)
		case "gt":
			return "date gt " + q(x.Start)
		case "in_range":
			w := []string{"date in"}
			if x.Start != "" {
				w = append(w, nv("start", x.Start))
			}
			if x.End != "" {
				w = append(w, nv("end", x.End))
			}
			if x.Duration != nil {
				for _, f := range x.Duration.Fields {
					w = append(w, nv(f.Name, f.Value))
				}
			}
			return strings.Join(w, " ")
		default:
			w := []string{"date spec"}
			if x.DateSpec != nil {
				for _, f := range x.DateSpec.Fields {
					w = append(w, nv(f.Name, f.Value))
				}
			}
			return strings.Join(w, " ")
		}
	case *model.Rule, *model.OpExpr, *model.RscExpr:
		e.err = fmt.Errorf("crm syntax has no form for a %T inside a rule", x)
		return ""
	}
	panic(fmt.Sprintf("emit/crmsh: unexpected expression type %T", x))
}

func agent(p *model.Primitive) string {
	if p.Template != "" {
		return "@" + p.Template
	}
	// crmsh prints heartbeat agents bare; bare is read back as heartbeat
	// only where no other provider has the agent (drbd is linbit's):
	// elsewhere the provider is kept.
	if p.Class == "ocf" && p.Provider == "heartbeat" && parsecrm.PickProvider(p.Type) == "heartbeat" {
		return p.Type
	}
	return p.Agent()
}

func (e *emitter) primitive(p *model.Primitive) {
	kw := "primitive "
	if p.IsTemplate {
		kw = "rsc_template "
	}
	head := kw + q(p.ID) + " " + q(agent(p))
	if p.Description != "" {
		head += " " + nv("description", p.Description)
	}
	// crmsh prints the parts in the order of the primitive's children.
	type group struct {
		at    int
		parts []string
	}
	var groups []group
	add := func(b *model.Base, parts ...string) {
		at := -1
		if b.Range.Filename != "" {
			at = b.Range.Start.Byte
		}
		groups = append(groups, group{at, parts})
	}
	for _, s := range p.InstanceAttrs {
		add(&s.Base, e.set("params", s, p.ID))
	}
	for _, s := range p.MetaAttrs {
		add(&s.Base, e.set("meta", s, p.ID))
	}
	for _, s := range p.Utilization {
		add(&s.Base, e.set("utilization", s, p.ID))
	}
	if ops := p.Operations; ops != nil {
		var op []string
		if ops.IDRef != "" {
			op = append(op, "operations $id-ref="+word(ops.IDRef))
		} else if ops.ID != "" {
			op = append(op, "operations $id="+ops.ID)
		}
		for _, o := range ops.Ops {
			op = append(op, e.op(o))
		}
		at := &ops.Base
		if len(ops.Ops) > 0 && ops.Range.Filename == "" {
			at = &ops.Ops[0].Base
		}
		add(at, op...)
	}
	if !slices.ContainsFunc(groups, func(g group) bool { return g.at < 0 }) {
		slices.SortStableFunc(groups, func(a, b group) int { return a.at - b.at })
	}
	var parts []string
	for _, g := range groups {
		parts = append(parts, g.parts...)
	}
	e.stmt(p.Comments, head, parts...)
}

func (e *emitter) op(o *model.Op) string {
	w := []string{"op", q(o.Name)}
	typed := []model.Attr{
		{Name: "interval", Value: o.Interval},
		{Name: "timeout", Value: o.Timeout},
		{Name: "description", Value: o.Description},
		{Name: "start-delay", Value: o.StartDelay},
		{Name: "interval-origin", Value: o.IntervalOrigin},
		{Name: "enabled", Value: o.Enabled},
		{Name: "record-pending", Value: o.RecordPending},
		{Name: "role", Value: o.Role},
		{Name: "requires", Value: o.Requires},
		{Name: "on-fail", Value: o.OnFail},
	}
	all := append(typed, o.Extra...)
	// crm configure show prints the attributes in the CIB's order.
	if o.Layout != nil && len(o.Layout.Attrs) > 0 {
		at := map[string]int{}
		for i, n := range o.Layout.Attrs {
			at[n] = i
		}
		slices.SortStableFunc(all, func(a, b model.Attr) int {
			ia, oka := at[a.Name]
			ib, okb := at[b.Name]
			switch {
			case oka && okb:
				return ia - ib
			case oka:
				return -1
			case okb:
				return 1
			}
			return 0
		})
	}
	for _, a := range all {
		if a.Value != "" {
			w = append(w, nv(a.Name, a.Value))
		}
	}
	for _, s := range o.InstanceAttrs {
		w = append(w, e.set("op_params", s, o.ID))
	}
	for _, s := range o.MetaAttrs {
		w = append(w, e.set("op_meta", s, o.ID))
	}
	return strings.Join(w, " ")
}

func (e *emitter) group(g *model.Group) {
	head := "group " + q(g.ID)
	for _, m := range g.Members {
		head += " " + q(m.ID)
	}
	e.container(head, &g.ResourceCommon)
}

func (e *emitter) container(head string, rc *model.ResourceCommon) {
	if rc.Description != "" {
		head += " " + nv("description", rc.Description)
	}
	var parts []string
	for _, s := range rc.InstanceAttrs {
		parts = append(parts, e.set("params", s, rc.ID))
	}
	for _, s := range rc.MetaAttrs {
		parts = append(parts, e.set("meta", s, rc.ID))
	}
	e.stmt(rc.Comments, head, parts...)
}

func (e *emitter) clone(c *model.Clone) {
	kw := "clone "
	if c.Element == "master" {
		kw = "ms "
	}
	child := ""
	if c.Child != nil {
		child = " " + q(c.Child.ResourceID())
	}
	e.container(kw+q(c.ID)+child, &c.ResourceCommon)
}

func attrWords(as model.Attrs) []string {
	var w []string
	for _, a := range as {
		w = append(w, nv(a.Name, a.Value))
	}
	return w
}

func (e *emitter) bundle(b *model.Bundle) {
	if b.Primitive != nil {
		// crm configure show prints a bundle holding a primitive as
		// xml, the primitive inside it, and the primitive again as a
		// statement; crmsh and hakit read the two back as one.
		x := e.xmlOf(&model.Configuration{Resources: []model.Resource{b}}, "//resources/bundle")
		e.stmt(b.Comments, "xml "+x)
		return
	}
	head := "bundle " + q(b.ID)
	if b.Description != "" {
		head += " " + nv("description", b.Description)
	}
	var parts []string
	if b.Container != nil {
		parts = append(parts, strings.Join(append([]string{b.Container.Element}, attrWords(b.Container.Attrs)...), " "))
	}
	if b.Network != nil {
		w := append([]string{"network"}, attrWords(b.Network.Attrs)...)
		for _, pm := range b.Network.PortMappings {
			w = append(w, "port-mapping")
			w = append(w, attrWords(pm.Attrs)...)
		}
		parts = append(parts, strings.Join(w, " "))
	}
	if len(b.Storage) > 0 {
		w := []string{"storage"}
		for _, sm := range b.Storage {
			w = append(w, "storage-mapping")
			w = append(w, attrWords(sm.Attrs)...)
		}
		parts = append(parts, strings.Join(w, " "))
	}
	if b.Primitive != nil {
		parts = append(parts, "primitive "+b.Primitive.ID)
	}
	for _, s := range b.MetaAttrs {
		parts = append(parts, e.set("meta", s, b.ID))
	}
	e.stmt(b.Comments, head, parts...)
}

// sets writes resource sets, or reports false when crm syntax cannot say them.
func sets(ss []*model.ResourceSet, qualifier func(*model.ResourceSet) string) ([]string, bool) {
	var w []string
	prevPlain, prevQ := false, ""
	for _, s := range ss {
		if s.IDRef != "" || s.Ordering != "" || s.Score != "" || s.Kind != "" || len(s.Resources) == 0 {
			return nil, false
		}
		seq := s.Sequential != "false"
		req := s.RequireAll != "false"
		q := qualifier(s)
		var refs []string
		for _, r := range s.Resources {
			if q != "" {
				refs = append(refs, r.ID+":"+q)
			} else {
				refs = append(refs, r.ID)
			}
		}
		switch {
		case seq && req:
			if prevPlain && prevQ == q {
				return nil, false
			}
			w = append(w, refs...)
			prevPlain, prevQ = true, q
			continue
		case !seq && req:
			w = append(w, "(")
			w = append(w, refs...)
			w = append(w, ")")
		case !seq && !req:
			w = append(w, "[")
			w = append(w, refs...)
			w = append(w, "]")
		default:
			// require-all="false" on a sequential set: crmsh says so
			// inside the brackets.
			w = append(w, "[")
			w = append(w, refs...)
			w = append(w, "sequential=true", "]")
		}
		prevPlain = false
	}
	return w, true
}

func role(s *model.ResourceSet) string   { return s.Role }
func action(s *model.ResourceSet) string { return s.Action }

func (e *emitter) xmlConstraint(k model.Constraint) {
	cfg := &model.Configuration{Constraints: []model.Constraint{k}}
	x := e.xmlOf(cfg, "//constraints/*")
	e.stmt(k.Src().Comments, "xml "+x)
}

func ref(rsc, qual, inst string) string {
	if qual != "" {
		return q(rsc + ":" + qual)
	}
	if inst != "" {
		return q(rsc + ":" + inst)
	}
	return q(rsc)
}

// crmRef reports whether crmsh reads s as a resource reference in a
// constraint: a letter, '_', '#' or '$' first, and no '='.
func crmRef(s string) bool {
	if s == "" || strings.Contains(s, "=") {
		return false
	}
	c := s[0] | 0x20
	return c >= 'a' && c <= 'z' || s[0] == '_' || s[0] == '#' || s[0] == '$'
}

// crmNode reports whether crmsh reads s as the node of a location: a
// letter, digit, '_', '#', '$' or '-' first, and no '='.
func crmNode(s string) bool {
	if s == "" || strings.Contains(s, "=") {
		return false
	}
	c := s[0] | 0x20
	return c >= 'a' && c <= 'z' || s[0] >= '0' && s[0] <= '9' || strings.IndexByte("_#$-", s[0]) >= 0
}

// refsReadable reports whether every resource k names reads back as one
// in crm syntax; an id such as "0" (not an XML id, so Pacemaker's schema
// refuses it anyway) goes out as an xml statement instead.
func refsReadable(k model.Constraint) bool {
	for _, r := range model.ResourceRefs(k) {
		if !crmRef(r) {
			return false
		}
	}
	return true
}

// scoreReadable reports whether a constraint's score reads back in crm
// syntax: empty, a number, or ±inf. Pacemaker takes anything else as 0
// with a warning; such a constraint goes out as an xml statement.
func scoreReadable(k model.Constraint) bool {
	var s string
	switch k := k.(type) {
	case *model.Location:
		if len(k.Rules) > 0 {
			return true
		}
		s = k.Score
	case *model.Colocation:
		s = k.Score
	case *model.Order:
		s = k.Score
	}
	if s == "" {
		return true
	}
	s = strings.TrimLeft(s, "+-")
	switch s {
	case "inf", "infinity", "INF", "INFINITY":
		return true
	}
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (e *emitter) constraint(k model.Constraint) {
	if !refsReadable(k) || !scoreReadable(k) {
		e.xmlConstraint(k)
		return
	}
	switch k := k.(type) {
	case *model.Location:
		head := "location " + q(k.ID) + " "
		switch {
		case k.RscPattern != "":
			head += "/" + k.RscPattern + "/"
		case len(k.Sets) > 0:
			w, ok := sets(k.Sets, role)
			if !ok {
				e.xmlConstraint(k)
				return
			}
			head += "{ " + strings.Join(w, " ") + " }"
		default:
			head += q(k.Rsc)
		}
		if k.Role != "" {
			head += " role=" + k.Role
		}
		if k.ResourceDiscovery != "" {
			head += " resource-discovery=" + k.ResourceDiscovery
		}
		if len(k.Rules) == 0 {
			if !crmNode(k.Node) {
				e.xmlConstraint(k)
				return
			}
			e.stmt(k.Comments, head+" "+scoreText(k.Score)+": "+q(k.Node))
			return
		}
		var parts []string
		for _, r := range k.Rules {
			parts = append(parts, e.rule(r))
		}
		e.stmt(k.Comments, head, parts...)
	case *model.Colocation:
		head := "colocation " + q(k.ID) + " " + scoreText(k.Score) + ":"
		if len(k.Sets) > 0 {
			w, ok := sets(k.Sets, role)
			if !ok || len(w) <= 2 {
				e.xmlConstraint(k)
				return
			}
			head += " " + strings.Join(w, " ")
		} else {
			head += " " + ref(k.Rsc, k.RscRole, k.RscInstance) + " " + ref(k.WithRsc, k.WithRscRole, k.WithRscInstance)
		}
		if k.NodeAttribute != "" {
			head += " node-attribute=" + k.NodeAttribute
		}
		if k.Score == "" || k.Influence != "" {
			e.xmlConstraint(k)
			return
		}
		e.stmt(k.Comments, head)
	case *model.Order:
		head := "order " + q(k.ID)
		switch {
		case k.Kind != "":
			head += " " + k.Kind + ":"
		case k.Score != "":
			e.xmlConstraint(k)
			return
		}
		if k.RequireAll != "" {
			e.xmlConstraint(k)
			return
		}
		if len(k.Sets) > 0 {
			w, ok := sets(k.Sets, action)
			if !ok || len(w) <= 2 {
				e.xmlConstraint(k)
				return
			}
			head += " " + strings.Join(w, " ")
		} else {
			head += " " + ref(k.First, k.FirstAction, k.FirstInstance) + " " + ref(k.Then, k.ThenAction, k.ThenInstance)
		}
		if k.Symmetrical != "" {
			head += " symmetrical=" + k.Symmetrical
		}
		e.stmt(k.Comments, head)
	case *model.Ticket:
		head := "rsc_ticket " + q(k.ID) + " " + k.Ticket + ":"
		if len(k.Sets) > 0 {
			w, ok := sets(k.Sets, role)
			if !ok || len(w) <= 1 {
				e.xmlConstraint(k)
				return
			}
			head += " " + strings.Join(w, " ")
		} else {
			head += " " + ref(k.Rsc, k.RscRole, "")
		}
		if k.LossPolicy != "" {
			head += " loss-policy=" + k.LossPolicy
		}
		e.stmt(k.Comments, head)
	default:
		panic(fmt.Sprintf("emit/crmsh: unexpected constraint type %T", k))
	}
}

// fencing writes the levels, or the xml escape when their ids or indexes are
// not the ones crmsh would generate (crmsh rebuilds both).
func (e *emitter) fencing() {
	ft := e.cfg.FencingTopology
	if ft == nil {
		return
	}
	if len(ft.Levels) == 0 {
		e.stmt(ft.Comments, "fencing_topology")
		return
	}
	counts := map[string]int{}
	ok := true
	for i, l := range ft.Levels {
		key := l.Target + "\x00" + l.TargetAttribute + "\x00" + l.TargetPattern
		counts[key]++
		want := "fencing"
		if i > 0 {
			want = fmt.Sprintf("fencing-%d", i-1)
		}
		if l.ID != want || l.Index != fmt.Sprint(counts[key]) || l.Target == "" && l.TargetPattern == "" && l.TargetAttribute == "" {
			ok = false
		}
	}
	if !ok {
		x := e.xmlOf(&model.Configuration{FencingTopology: ft}, "//fencing-topology")
		e.stmt(ft.Comments, "xml "+x)
		return
	}
	var parts []string
	var cur string
	for _, l := range ft.Levels {
		var t string
		switch {
		case l.TargetPattern != "":
			t = word("pattern:" + l.TargetPattern)
		case l.TargetAttribute != "":
			t = "attr:" + l.TargetAttribute + "=" + l.TargetValue
		default:
			t = word(l.Target + ":")
		}
		if t != cur || len(parts) == 0 {
			parts = append(parts, t+" "+word(l.Devices))
			cur = t
		} else {
			parts[len(parts)-1] += " " + word(l.Devices)
		}
	}
	e.stmt(ft.Comments, "fencing_topology", parts...)
}

func (e *emitter) defaults(kw string, s *model.NVSet) {
	head := kw
	if s.IDRef != "" {
		head += " $id-ref=" + word(s.IDRef)
	} else if s.ID != "" && idColonRE.MatchString(s.ID) {
		head += " " + s.ID + ":"
	} else if s.ID != "" {
		head += " " + nv("$id", s.ID)
	}
	var parts []string
	if s.Score != "" {
		e.err = fmt.Errorf("%s %s: crm syntax has no score for a %s set", kw, s.ID, kw)
	}
	if s.Rule != nil {
		parts = append(parts, e.rule(s.Rule))
	}
	parts = append(parts, e.pairs(s.Pairs)...)
	e.stmt(s.Comments, head, parts...)
}

func (e *emitter) role(r *model.ACLRole) {
	head := "role " + q(r.ID)
	if r.Description != "" {
		head += " " + nv("description", r.Description)
	}
	var parts []string
	for _, p := range r.Permissions {
		w := []string{p.Kind}
		if p.Description != "" {
			w = append(w, nv("description", p.Description))
		}
		switch {
		case p.Xpath != "":
			w = append(w, q("xpath:"+p.Xpath))
		case p.Reference != "":
			w = append(w, q("ref:"+p.Reference))
		case p.ObjectType != "":
			w = append(w, q("tag:"+p.ObjectType))
			if p.Attribute != "" {
				w = append(w, q("attr:"+p.Attribute))
			}
		}
		parts = append(parts, strings.Join(w, " "))
	}
	e.stmt(r.Comments, head, parts...)
}

func (e *emitter) aclTarget(t *model.ACLTarget) {
	kw := t.Element
	if kw == "acl_user" {
		kw = "user"
	}
	var w []string
	for _, r := range t.Roles {
		if kw == "user" {
			w = append(w, "role:"+r.ID)
		} else {
			w = append(w, r.ID)
		}
	}
	e.stmt(t.Comments, kw+" "+q(t.ID), w...)
}

func (e *emitter) alert(a *model.Alert) {
	head := "alert " + q(a.ID) + " " + qv(a.Path)
	if a.Description != "" {
		head += " " + nv("description", a.Description)
	}
	var parts []string
	for _, s := range a.MetaAttrs {
		parts = append(parts, e.set("meta", s, a.ID))
	}
	for _, s := range a.InstanceAttrs {
		parts = append(parts, e.set("attributes", s, a.ID))
	}
	if a.Select != nil {
		w := []string{"select"}
		for _, k := range a.Select.Kinds {
			k = strings.TrimPrefix(k, "select_")
			w = append(w, k)
			if k == "attributes" {
				w = append(w, "{")
				for _, at := range a.Select.Attributes {
					w = append(w, word(at.Name))
				}
				w = append(w, "}")
			}
		}
		parts = append(parts, strings.Join(w, " "))
	}
	for _, r := range a.Recipients {
		w := []string{"to"}
		inner := len(r.MetaAttrs)+len(r.InstanceAttrs) > 0
		if inner {
			w = append(w, "{")
		}
		w = append(w, qv(r.Value))
		if r.Description != "" {
			w = append(w, nv("description", r.Description))
		}
		for _, s := range r.MetaAttrs {
			w = append(w, e.set("meta", s, r.ID))
		}
		for _, s := range r.InstanceAttrs {
			w = append(w, e.set("attributes", s, r.ID))
		}
		if inner {
			w = append(w, "}")
		}
		parts = append(parts, strings.Join(w, " "))
	}
	e.stmt(a.Comments, head, parts...)
}
