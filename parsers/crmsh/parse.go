package crmsh

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"hakit/internal/lazyre"
	"hakit/internal/suggest"
	"hakit/model"
)

// Diagnostic codes reported by this parser (registered in verify/crmsh.go).
const (
	CodeSyntax        = "HA2001" // a statement crmsh cannot parse
	CodeUnterminated  = "HA2002" // unterminated quote or continuation
	CodeTypoQuote     = "HA2003" // typographic quotes
	CodeUnknownCmd    = "HA2004" // unknown command
	CodeOpAttr        = "HA2005" // unknown or misplaced operation attribute
	CodeDuplicateID   = "HA2006" // id defined twice
	CodeUndefinedRef  = "HA2007" // reference to an undefined object
	CodeRule          = "HA2008" // malformed rule expression
	CodeXMLEscape     = "HA2009" // xml escape kept verbatim / not well-formed
	CodeContainer     = "HA2010" // resource in more than one container
	CodeInvalidValue  = "HA2011" // invalid role, action, kind, score or agent
	CodeUnknownSetKey = "HA2012" // unknown attribute inside a resource set
)

// Parse reads crm shell configure statements.
func Parse(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	text := string(src)
	stmts, lerrs := lex(text)
	// Maps sized for the statements, so that they need not grow.
	n := len(stmts)
	p := &parser{
		file:  filename,
		li:    model.NewLineIndex(src),
		src:   text,
		cfg:   &model.Configuration{},
		used:  make(map[string]bool, 4*n),
		objs:  make(map[string]model.Range, n),
		rscs:  make(map[string]model.Resource, n),
		owner: map[string]string{},
	}
	for _, e := range lerrs {
		p.diags.Errorf(p.li.Range(filename, e.Start, e.End), e.Code, "%s", e.Msg)
	}
	for i := range stmts {
		p.statement(&stmts[i])
	}
	p.finish()
	p.diags.Sort()
	return &model.Cluster{Config: p.cfg}, p.diags
}

type parser struct {
	file  string
	src   string
	li    *model.LineIndex
	diags model.Diagnostics
	cfg   *model.Configuration

	used map[string]bool        // every id, explicit or generated (crmsh's id store)
	objs map[string]model.Range // ids of top-level objects, for duplicates
	// explicit ids of nested elements (sets, rules, operations, mappings),
	// checked against each other and the objects' at the end
	claims []claim
	rscs   map[string]model.Resource
	// top-level resources in document order, before containers take theirs
	rorder []model.Resource
	// container children, resolved at the end
	childRefs []childRef
	monitors  []monitorStmt
	refs      []ref
	atRefs    []ref // @id references to nvpairs, resolved at the end
	owner     map[string]string
	fencing   []pendingLevel
	fenceRng  model.Range
	fenceSeen bool
	// $id-ref sites, resolved at the end as crmsh resolves them
	idrefs []idrefSite
}

type childRef struct {
	container model.Resource
	id        string
	rng       model.Range
}

type monitorStmt struct {
	rsc       string
	op        *model.Op
	rng       model.Range
	roleClass string
}

type ref struct {
	id   string
	rng  model.Range
	what string
}

type pendingLevel struct {
	target, attr, value, pattern string
	all                          bool
	devices                      string
	rng                          model.Range
}

// stmtErr aborts the current statement; recovered in statement.
type stmtErr struct{}

// cursor walks the tokens of one statement.
type cursor struct {
	p    *parser
	st   *statement
	toks []token
	i    int
}

func (p *parser) rng(t token) model.Range { return p.li.Range(p.file, t.Start, t.End) }

func (c *cursor) has() bool { return c.i < len(c.toks) }

func (c *cursor) peek() string {
	if c.i < len(c.toks) {
		return c.toks[c.i].Val
	}
	return ""
}

func (c *cursor) peekLower() string { return strings.ToLower(c.peek()) }

func (c *cursor) next() token {
	if !c.has() {
		c.failEnd("unexpected end of statement")
	}
	t := c.toks[c.i]
	c.i++
	return t
}

func (c *cursor) last() token { return c.toks[c.i-1] }

// failAt reports an error at t and aborts the statement.
func (c *cursor) failAt(t token, code, format string, args ...any) {
	c.p.diags.Errorf(c.p.rng(t), code, format, args...)
	panic(stmtErr{})
}

// fail reports at the current token (or the end of the statement).
func (c *cursor) fail(code, format string, args ...any) {
	if c.has() {
		c.failAt(c.toks[c.i], code, format, args...)
	}
	c.failEnd(format, args...)
}

func (c *cursor) failEnd(format string, args ...any) {
	lt := c.toks[len(c.toks)-1]
	c.failAt(token{Start: lt.End, End: lt.End}, CodeSyntax, format, args...)
}

func (c *cursor) stmtRange() model.Range {
	return c.p.li.Range(c.p.file, c.toks[0].Start, c.toks[len(c.toks)-1].End)
}

func (c *cursor) base() model.Base {
	return model.Base{Range: c.stmtRange(), Comments: commentTexts(c.st.Comments)}
}

func commentTexts(cs []string) []string {
	if len(cs) == 0 {
		return nil
	}
	return append([]string(nil), cs...)
}

var (
	identRE    = lazyre.New(`(?i)^[a-z0-9_#$-][^=]*$`)
	resourceRE = lazyre.New(`(?i)^[a-z_#$][^=]*$`)
	numScoreRE = lazyre.New(`^[+-]?(inf(inity)?|INF(INITY)?|[0-9]+)$`)
	infRE      = lazyre.New(`inf(inity)?|INF(INITY)?`)
	idNewRE    = lazyre.New(`(?i)^([\w-]+):$`)
	nvIDRE     = lazyre.New(`^\$([^:=]+)(?::([^=]+))?=(.*)$`)
	nvRefRE    = lazyre.New(`^@([^:]+)(?::(.+))?$`)
	nvRE       = lazyre.New(`^([^=@$][^=]*)=(.*)$`)
	nvKeyRE    = lazyre.New(`^([^:=]+)$`)
	unameRE    = lazyre.New(`(?i)^([^:]+)(:(normal|member|ping|remote))?$`)
	raTypeRE   = lazyre.New(`(?i)^[a-z0-9_:./@-]+$`)
	valSrcRE   = lazyre.New(`^([^\s{}]+)(\{(\S+)\})?$`)
	targetAttr = lazyre.New(`(?i)^attr:([\w-]+)=([\w-]+)$`)
	targetPat  = lazyre.New(`(?i)^pattern:(.+)$`)
	targetRE   = lazyre.New(`^([^:]+):$`)
	tagRE      = lazyre.New(`^([a-zA-Z_][^\s:]*):?$`)
)

// scoreMatch is what the regexp ^([^:]+):$ finds in v (a score or a
// ticket before its colon): v and the text before the colon, or nil,
// without running the regexp on most tokens of a file.
func scoreMatch(v string) []string {
	s, ok := strings.CutSuffix(v, ":")
	if !ok || s == "" || strings.IndexByte(s, ':') >= 0 {
		return nil
	}
	return []string{v, s}
}

// isDigits is what ^\d+$ matches (\d is ASCII).
func isDigits(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return v != ""
}

// isIdent, isResource and isRAType run on every statement: they answer
// for plain ASCII by hand and ask their regexp otherwise, whose (?i) also
// lets U+212A KELVIN SIGN stand for k and U+017F LONG S for s.
func isIdent(v string) bool {
	if v != "" && (isWordByte(v[0]) || v[0] == '#' || v[0] == '$' || v[0] == '-') && strings.IndexByte(v, '=') < 0 {
		return true
	}
	return identRE().MatchString(v)
}

func isResource(v string) bool {
	if v != "" && (isLetter(v[0]) || v[0] == '_' || v[0] == '#' || v[0] == '$') && strings.IndexByte(v, '=') < 0 {
		return true
	}
	return resourceRE().MatchString(v)
}

func isRAType(v string) bool {
	ok := v != ""
	for i := 0; ok && i < len(v); i++ {
		ok = isWordByte(v[i]) || strings.IndexByte(":./@-", v[i]) >= 0
	}
	return ok || raTypeRE().MatchString(v)
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// isWordByte is [a-zA-Z0-9_].
func isWordByte(b byte) bool { return isLetter(b) || '0' <= b && b <= '9' || b == '_' }

// commands crmsh's configure level accepts in a loaded file.
var commands = []string{"node", "primitive", "rsc_template", "group", "clone", "ms", "master", "bundle",
	"location", "colocation", "collocation", "order", "rsc_ticket", "monitor", "property", "rsc_defaults",
	"op_defaults", "fencing_topology", "fencing-topology", "tag", "alert", "role", "acl_target", "acl_group",
	"user", "xml"}

func (p *parser) statement(st *statement) {
	c := &cursor{p: p, st: st, toks: st.Toks}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stmtErr); !ok {
				p.diags.Errorf(c.stmtRange(), CodeSyntax, "internal error parsing this statement: %v", r)
			}
		}
	}()
	for _, t := range st.Toks {
		if !xmlText(t.Val) {
			// crmsh would hand it to the CIB, which cannot hold it. The
			// word is not quoted: it may be a password (name=value names
			// its parameter only).
			what := "this word"
			if name, _, ok := strings.Cut(t.Val, "="); ok && name != "" && xmlText(name) {
				what = "the value of " + name
			}
			c.failAt(t, CodeSyntax, "%s holds a character XML cannot carry (a control character or invalid UTF-8)", what)
		}
	}
	for _, t := range st.Toks[1:] {
		lv := strings.ToLower(t.Val)
		if !strings.HasPrefix(lv, "$id=") && !strings.HasPrefix(lv, "$id-ref=") {
			continue
		}
		_, id, _ := strings.Cut(t.Val, "=")
		if strings.TrimSpace(id) == "" && (id != "" || !t.Quoted) {
			// crmsh writes id="" (or id-ref=""), which no schema takes;
			// nor an id of blanks.
			c.failAt(t, CodeSyntax, "%q names no id", t.Val)
		}
		if strings.ContainsAny(id, " \t\r\n") {
			c.failAt(t, CodeSyntax, "%q: an id cannot hold blanks (Pacemaker's schema refuses it)", t.Val)
		}
	}
	kw := c.next()
	switch k := strings.ToLower(kw.Val); k {
	case "node":
		p.parseNode(c)
	case "primitive", "rsc_template":
		p.parsePrimitive(c, k == "rsc_template")
	case "group":
		p.parseGroup(c)
	case "clone", "ms", "master":
		p.parseClone(c, k)
	case "bundle":
		p.parseBundle(c)
	case "location":
		p.parseLocation(c)
	case "colocation", "collocation":
		p.parseColocation(c)
	case "order":
		p.parseOrder(c)
	case "rsc_ticket":
		p.parseTicket(c)
	case "monitor":
		p.parseMonitor(c)
	case "property", "rsc_defaults", "op_defaults":
		p.parseProperty(c, k)
	case "fencing_topology", "fencing-topology":
		p.parseFencing(c)
	case "tag":
		p.parseTag(c)
	case "alert":
		p.parseAlert(c)
	case "role":
		p.parseRole(c)
	case "acl_target", "acl_group":
		p.parseACLTarget(c, k)
	case "user":
		p.parseUser(c)
	case "xml":
		p.parseXML(c)
	default:
		msg := fmt.Sprintf("unknown command %q", kw.Val)
		if s := suggest.Closest(k, commands); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		c.failAt(kw, CodeUnknownCmd, "%s", msg)
	}
	if c.has() {
		var rest []string
		for _, t := range c.toks[c.i:] {
			rest = append(rest, t.Val)
		}
		c.fail(CodeSyntax, "unknown arguments: %s", strings.Join(rest, " "))
	}
}

// --- ids ---------------------------------------------------------------

var subpfx = map[string]string{
	"instance_attributes": "instance_attributes", "meta_attributes": "meta_attributes",
	"utilization": "utilization", "operations": "ops", "rule": "rule", "expression": "expression",
	"date_expression": "expression", "duration": "duration", "date_spec": "date_spec",
}

// newID makes an id the way crmsh's idmgmt does: prefix plus a suffix naming
// the element, made unique with -0, -1, ...
func (p *parser) newID(pfx, tag, name string) string {
	if isDigits(pfx) && tag != "node" {
		pfx = "num-" + pfx
	}
	id := pfx
	switch tag {
	case "nvpair":
		id = pfx + "-" + name
	case "op":
		id = pfx + "-" + name
	default:
		if s := subpfx[tag]; s != "" {
			id = pfx + "-" + s
		}
	}
	// crmsh numbers ACL permissions and alert select attributes from 0
	// (<role>-0, <role>-1, ...), never giving one its parent's own id.
	numbered := tag == "acl_permission" || tag == "attribute"
	if numbered || p.used[id] {
		for n := 0; n < 100000; n++ {
			try := fmt.Sprintf("%s-%d", id, n)
			if !p.used[try] {
				id = try
				break
			}
		}
	}
	p.used[id] = true
	return id
}

// defineObject records the id of a top-level object and reports duplicates.
func (p *parser) defineObject(c *cursor, t token, id string) {
	if !strings.HasPrefix(id, "node:") && !ValidID(id) {
		p.diags = append(p.diags, &model.Diagnostic{Severity: model.SeverityError, Code: CodeSyntax,
			Summary: fmt.Sprintf("%s: invalid object id (crmsh wants a letter or _ first, then letters, digits, '.', '_' or '-')", id), Subject: ptr(p.rng(t))})
		panic(stmtErr{})
	}
	if prev, dup := p.objs[id]; dup {
		p.diags = append(p.diags, &model.Diagnostic{Severity: model.SeverityError, Code: CodeDuplicateID,
			Summary: fmt.Sprintf("duplicate id %q (crmsh: Duplicate resource)", id), Subject: ptr(p.rng(t)),
			Related: []model.Related{{Message: "first defined here", Subject: prev}}})
		panic(stmtErr{})
	}
	p.objs[id] = p.rng(t)
	p.used[id] = true
}

// claim is an explicit id a statement gives a nested element.
type claim struct {
	id string
	at model.Range
}

// claim records id, given explicitly at at; finish reports it when another
// element has it too (the CIB's ids are unique: Pacemaker's schema refuses
// the CIB otherwise, and so crmsh's commit fails).
func (p *parser) claim(id string, at model.Range) {
	p.claims = append(p.claims, claim{id, at})
	p.used[id] = true
}

// duplicateClaims reports every claimed id already an object's or claimed
// before.
func (p *parser) duplicateClaims() {
	seen := map[string]model.Range{}
	for _, cl := range p.claims {
		prev, dup := p.objs[cl.id]
		if !dup {
			prev, dup = seen[cl.id]
		}
		if dup {
			p.diags = append(p.diags, &model.Diagnostic{Severity: model.SeverityError, Code: CodeDuplicateID,
				Summary: fmt.Sprintf("id %q is already used (ids are unique in the CIB; Pacemaker's schema refuses it)", cl.id), Subject: ptr(cl.at),
				Related: []model.Related{{Message: "first used here", Subject: prev}}})
			continue
		}
		seen[cl.id] = cl.at
	}
}

func ptr[T any](v T) *T { return &v }

// ValidID reports whether crmsh accepts id as an object's id (its
// utils.is_id_valid: ^[A-Za-z_][\w._-]*$, \w being Unicode word
// characters).
func ValidID(id string) bool {
	for i, r := range id {
		switch {
		case r == '_' || r < 128 && unicode.IsLetter(r):
		case i == 0:
			return false
		case r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsNumber(r):
		default:
			return false
		}
	}
	return id != ""
}

// --- attribute lists ----------------------------------------------------

var defaultTerminators = []string{"params", "meta", "utilization", "operations", "op", "op_params", "op_meta", "rule", "attributes"}

func in(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nvpairs matches p=v tokens (and bare p when terminators are given).
func (c *cursor) nvpairs(terminators []string) []*model.NVPair {
	if terminators == nil {
		terminators = defaultTerminators
	}
	var out []*model.NVPair
	for c.has() {
		t := c.toks[c.i]
		v := t.Val
		if in(strings.ToLower(v), terminators) {
			break
		}
		b := model.Base{Range: c.p.rng(t)}
		if i := strings.IndexByte(v, '='); i > 0 && v[0] != '@' && v[0] != '$' && !strings.Contains(v[i+1:], "\n") {
			// name=value, the common case, as nvRE reads it (nvRefRE and
			// nvIDRE want '@' or '$' first) without running it: the
			// regexps were 5% of a convert.
			out = append(out, &model.NVPair{Base: b, Name: v[:i], Value: v[i+1:]})
		} else if m := nvRefRE().FindStringSubmatch(v); m != nil {
			out = append(out, &model.NVPair{Base: b, IDRef: m[1], Name: m[2], NoValue: true})
			c.p.atRefs = append(c.p.atRefs, ref{id: m[1], rng: b.Range})
		} else if m := nvIDRE().FindStringSubmatch(v); m != nil {
			name := m[2]
			if name == "" {
				name = m[1]
			}
			out = append(out, &model.NVPair{Base: b, ID: m[1], Name: name, Value: m[3]})
			c.p.claim(m[1], b.Range)
		} else if m := nvRE().FindStringSubmatch(v); m != nil {
			out = append(out, &model.NVPair{Base: b, Name: m[1], Value: m[2]})
		} else if len(terminators) > 0 && v != "{" && v != "}" && nvKeyRE().MatchString(v) { // (braces are syntax)
			out = append(out, &model.NVPair{Base: b, Name: v, NoValue: true})
		} else {
			break
		}
		c.i++
	}
	return out
}

// attrList matches [$id=<id>] [<score>:] [rule ...] <n>=<v> ... | $id-ref=<id>.
func (c *cursor) attrList(kind, owner string, allowEmpty bool, terminators []string) *model.NVSet {
	set := &model.NVSet{Kind: kind}
	start := c.i
	if c.has() {
		v := c.peek()
		lv := strings.ToLower(v)
		switch {
		case strings.HasPrefix(lv, "$id-ref="):
			c.i++
			set.IDRef = v[len("$id-ref="):]
			set.Range = c.p.rng(c.last())
			c.p.idrefs = append(c.p.idrefs, idrefSite{kind: kind, ref: &set.IDRef, at: set.Range, stmt: c.toks[0].Start})
			return set
		case strings.HasPrefix(lv, "$id="):
			c.i++
			set.ID = v[len("$id="):]
			c.p.claim(set.ID, c.p.rng(c.last()))
		}
	}
	if c.has() {
		if m := scoreMatch(c.peek()); m != nil {
			c.i++
			set.Score = m[1]
		}
	}
	if set.ID == "" {
		set.ID = c.p.newID(owner, kind, "")
	}
	rules := c.rules(set.ID)
	if len(rules) > 1 {
		// crmsh writes every rule into the set; the schema allows one.
		c.failAt(c.toks[start], CodeRule, "an attribute set takes at most one rule")
	}
	if len(rules) == 1 {
		set.Rule = rules[0]
	}
	set.Pairs = c.nvpairs(terminators)
	if !allowEmpty && c.i == start {
		c.p.used[set.ID] = false
		delete(c.p.used, set.ID)
		return nil
	}
	for _, pr := range set.Pairs {
		if pr.ID == "" && pr.IDRef == "" {
			pr.ID = c.p.newID(set.ID, "nvpair", pr.Name)
		}
	}
	if c.i > start {
		set.Range = c.p.li.Range(c.p.file, c.toks[start].Start, c.toks[c.i-1].End)
	} else if start > 0 {
		// An empty set ("params" alone) is where its keyword is.
		set.Range = c.p.rng(c.toks[start-1])
	}
	return set
}

// arguments handles the keyword-introduced lists of a resource, node or
// alert; sets are appended to the slices selected by keyword.
type argTarget struct {
	sets map[string]*[]*model.NVSet // keyword -> destination
	kind map[string]string          // keyword -> set element name
	ops  func()                     // "op"/"operations" handler, or nil
}

func (c *cursor) arguments(owner string, t argTarget, implicit string, terminators []string) {
	initial := true
	for c.has() {
		k := c.peekLower()
		if (k == "op" || k == "operations") && t.ops != nil {
			initial = false
			t.ops()
			continue
		}
		if dst, ok := t.sets[k]; ok {
			initial = false
			c.i++
			if s := c.attrList(t.kind[k], owner, true, terminators); s != nil {
				*dst = append(*dst, s)
			}
			continue
		}
		if initial && implicit != "" {
			initial = false
			if s := c.attrList(t.kind[implicit], owner, false, terminators); s != nil {
				*t.sets[implicit] = append(*t.sets[implicit], s)
				continue
			}
		}
		break
	}
}

// --- rules ---------------------------------------------------------------

var (
	binaryOps  = []string{"lt", "gt", "lte", "gte", "eq", "ne"}
	exprTypes  = []string{"string", "integer", "number", "version"}
	dateSpecs  = []string{"hours", "monthdays", "weekdays", "yearsdays", "months", "weeks", "years", "weekyears", "moon"}
	roleNames  = []string{"Stopped", "Started", "Master", "Slave", "Promoted", "Unpromoted"}
	actionList = []string{"start", "promote", "demote", "stop"}
	orderKinds = []string{"Optional", "Mandatory", "Serialize"}
)

func canon(v string, list []string) string {
	for _, x := range list {
		if strings.EqualFold(v, x) {
			return x
		}
	}
	return ""
}

func (c *cursor) rules(owner string) []*model.Rule {
	var out []*model.Rule
	for c.has() && c.peekLower() == "rule" {
		kwTok := c.next()
		r := &model.Rule{}
		idref := false
		if c.has() {
			lv := c.peekLower()
			if strings.HasPrefix(lv, "$id-ref=") {
				r.IDRef = c.next().Val[len("$id-ref="):]
				idref = true
				c.p.idrefs = append(c.p.idrefs, idrefSite{kind: "rule", ref: &r.IDRef, at: c.p.rng(c.last()), stmt: c.toks[0].Start})
			} else if strings.HasPrefix(lv, "$id=") {
				r.ID = c.next().Val[len("$id="):]
				c.p.claim(r.ID, c.p.rng(c.last()))
			}
		}
		if c.has() {
			lv := c.peekLower()
			if strings.HasPrefix(lv, "$role=") {
				r.Role = c.next().Val[len("$role="):]
			} else if strings.HasPrefix(lv, "role=") {
				r.Role = c.next().Val[len("role="):]
			}
		}
		if idref {
			r.Range = c.p.li.Range(c.p.file, kwTok.Start, c.last().End)
			out = append(out, r)
			continue
		}
		if r.ID == "" {
			r.ID = c.p.newID(owner, "rule", "")
		}
		if c.has() {
			if m := scoreMatch(c.peek()); m != nil && !strings.Contains(c.peek(), "=") {
				c.i++
				name, val := validateScore(m[1])
				if name == "score" {
					r.Score = val
				} else {
					r.ScoreAttribute = val
				}
			} else {
				r.Score = "INFINITY"
			}
		} else {
			r.Score = "INFINITY"
		}
		boolop := ""
		r.Expressions = append(r.Expressions, c.simpleExp(r.ID))
		for c.has() && (c.peekLower() == "and" || c.peekLower() == "or") {
			op := c.next()
			lop := strings.ToLower(op.Val)
			if boolop != "" && lop != boolop {
				c.failAt(op, CodeRule, "mixing boolean operators in one rule is not allowed: %s != %s (use a second rule)", boolop, lop)
			}
			boolop = lop
			r.Expressions = append(r.Expressions, c.simpleExp(r.ID))
		}
		if boolop == "or" {
			r.BooleanOp = "or"
		}
		r.Range = c.p.li.Range(c.p.file, kwTok.Start, c.last().End)
		out = append(out, r)
	}
	return out
}

func validateScore(s string) (string, string) {
	switch strings.ToLower(s) {
	case "advisory":
		return "score", "0"
	case "mandatory":
		return "score", "INFINITY"
	}
	if numScoreRE().MatchString(s) {
		return "score", infRE().ReplaceAllString(s, "INFINITY")
	}
	return "score-attribute", s
}

func (c *cursor) simpleExp(ruleID string) model.Expression {
	if !c.has() {
		c.failEnd("rule: expected an expression")
	}
	start := c.toks[c.i]
	lv := c.peekLower()
	if lv == "date" {
		c.i++
		return c.dateExp(ruleID, start)
	}
	if lv == "defined" || lv == "not_defined" {
		c.i++
		if !c.has() {
			c.failEnd("rule: %s needs an attribute name", lv)
		}
		attr := c.next()
		if !isIdent(attr.Val) {
			c.failAt(attr, CodeRule, "rule: expected an attribute name, got %q", attr.Val)
		}
		e := &model.Expr{Operation: lv, Attribute: attr.Val}
		e.ID = c.p.newID(ruleID, "expression", "")
		e.Range = c.p.li.Range(c.p.file, start.Start, attr.End)
		return e
	}
	attr := c.next()
	if !isIdent(attr.Val) {
		c.failAt(attr, CodeRule, "rule: expected an attribute name, got %q", attr.Val)
	}
	if !c.has() {
		c.failEnd("rule: expected an operator (%s) after %s", strings.Join(binaryOps, ", "), attr.Val)
	}
	opTok := c.next()
	typ, op := "", strings.ToLower(opTok.Val)
	if i := strings.IndexByte(op, ':'); i >= 0 {
		typ, op = op[:i], op[i+1:]
		if !in(typ, exprTypes) {
			c.failAt(opTok, CodeRule, "rule: unknown comparison type %q (valid: %s)", typ, strings.Join(exprTypes, ", "))
		}
	}
	if !in(op, binaryOps) {
		msg := fmt.Sprintf("rule: expected an operator (%s) after %s, got %q", strings.Join(binaryOps, ", "), attr.Val, opTok.Val)
		if s := suggest.Closest(op, append(append([]string{}, binaryOps...), "defined", "not_defined")); s != "" {
			msg += "; did you mean " + s + "?"
		}
		c.failAt(opTok, CodeRule, "%s", msg)
	}
	if !c.has() {
		c.failEnd("rule: %s %s needs a value", attr.Val, opTok.Val)
	}
	val := c.next()
	e := &model.Expr{Attribute: attr.Val, Operation: op, Type: typ}
	if m := valSrcRE().FindStringSubmatch(val.Val); m != nil && m[2] != "" {
		e.Value, e.ValueSource = m[3], m[1]
	} else {
		e.Value = val.Val
	}
	e.ID = c.p.newID(ruleID, "expression", "")
	e.Range = c.p.li.Range(c.p.file, start.Start, val.End)
	return e
}

func (c *cursor) dateExp(ruleID string, start token) model.Expression {
	if !c.has() {
		c.failEnd("rule: date needs an operation (lt, gt, in, spec)")
	}
	opTok := c.next()
	op := strings.ToLower(opTok.Val)
	e := &model.DateExpr{}
	e.ID = c.p.newID(ruleID, "date_expression", "")
	switch op {
	case "lt", "gt":
		if !c.has() {
			c.failEnd("rule: date %s needs a date", op)
		}
		v := c.next().Val
		e.Operation = op
		if op == "lt" {
			e.End = v
		} else {
			e.Start = v
		}
	case "in", "in_range":
		e.Operation = "in_range"
		keys := append([]string{"start", "end"}, dateSpecs...)
		pairs := c.pairsByKey(keys)
		if len(pairs) < 2 {
			c.fail(CodeRule, "rule: date in needs start= and end= or a duration (%s)", strings.Join(dateSpecs, "="+", ")+"=")
		}
		var dur *model.DateSpec
		for _, pr := range pairs {
			switch pr.Name {
			case "start":
				e.Start = pr.Value
			case "end":
				e.End = pr.Value
			default:
				if dur == nil {
					dur = &model.DateSpec{}
				}
				dur.Fields = append(dur.Fields, model.Attr{Name: pr.Name, Value: pr.Value})
			}
		}
		if dur != nil {
			dur.ID = c.p.newID(e.ID, "duration", "")
			e.Duration = dur
		}
	case "spec", "date_spec":
		e.Operation = "date_spec"
		pairs := c.pairsByKey(dateSpecs)
		if len(pairs) < 1 {
			c.fail(CodeRule, "rule: date spec needs at least one of %s", strings.Join(dateSpecs, ", "))
		}
		ds := &model.DateSpec{}
		for _, pr := range pairs {
			ds.Fields = append(ds.Fields, model.Attr{Name: pr.Name, Value: pr.Value})
		}
		ds.ID = c.p.newID(e.ID, "date_spec", "")
		e.DateSpec = ds
	default:
		c.failAt(opTok, CodeRule, "rule: unknown date operation %q (valid: lt, gt, in, in_range, spec, date_spec)", opTok.Val)
	}
	e.Range = c.p.li.Range(c.p.file, start.Start, c.last().End)
	return e
}

func (c *cursor) pairsByKey(keys []string) []model.Attr {
	var out []model.Attr
	for c.has() {
		v := c.peek()
		k, val, ok := strings.Cut(v, "=")
		if !in(k, keys) {
			break
		}
		if !ok || val == "" {
			c.fail(CodeRule, "rule: %s needs a value (%s=...)", k, k)
		}
		out = append(out, model.Attr{Name: k, Value: val})
		c.i++
	}
	return out
}

// xmlText reports whether s is valid UTF-8 made of characters XML 1.0
// allows (no control characters but tab, newline and carriage return).
func xmlText(s string) bool {
	// ASCII, byte by byte; from the first other byte on, rune by rune.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return xmlRunes(s[i:])
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func xmlRunes(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}
