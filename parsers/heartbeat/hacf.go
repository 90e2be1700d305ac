package heartbeat

import (
	"net"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"hakit/model"
)

// DefaultUDPPort is heartbeat's port for bcast and ucast media when ha.cf
// gives no udpport (and /etc/services has no ha-cluster entry).
const DefaultUDPPort = "694"

// ParseHaCf parses an ha.cf file into a Membership of Origin "heartbeat":
// Nodes from node lines, Links from media, Heartbeat.Directives with every
// directive in order and Heartbeat.Timing with the typed time directives.
func ParseHaCf(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	// The model's fixed parts and the parser come in one allocation, the
	// model's many small structs from slabs, names and values are cut from
	// one copy of the file: allocations cost more than reading a line.
	p := &hacfParser{file: file{name: filename, src: src, text: string(src)}}
	f := &p.file
	c, m, hb := &p.cluster, &p.membership, &p.heartbeat
	m.Origin = "heartbeat"
	m.Range = f.rng(0, len(src))
	hb.ConfigFile, hb.Timing = filename, &p.timing
	hb.Range = m.Range
	m.Heartbeat = hb
	c.Membership = m
	p.m, p.hb = m, hb
	p.seen = p.seenBuf[:0]
	if !f.checkText("ha.cf") {
		return c, f.diags
	}
	lx := &hcLex{src: f.text, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}
	peek, _ := lexer.Upgrade(lx) // hcLex never fails
	file, err := hcParser().ParseFromLexer(peek)
	if err != nil {
		// The grammar reads every sequence of lines; only participle's
		// limit of repetitions (participle.MaxIterations, a million runs
		// of lines) stops it, and heartbeat has no such limit: read the
		// lexer's tokens as they come.
		file = &hcFile{}
		lx, _ := hcLexer{}.LexString(filename, f.text)
		for t, _ := lx.Next(); !t.EOF(); t, _ = lx.Next() {
			file.Tokens = append(file.Tokens, t)
		}
	}
	f.cpColumns = true
	hb.Directives = make(model.Options, 0, lx.directives)
	p.options.free = make([]model.Option, lx.directives)
	var comments []string
	for _, t := range file.Tokens {
		off, num, rest := t.Pos.Offset, t.Pos.Line, t.Value
		for {
			line, after, nl := strings.Cut(rest, "\n")
			s, e, ne, lineEnd := hcLine(line)
			f.atLine(num, off, off+len(line))
			if s == e {
				if e < lineEnd { // a comment line: e is at its "#"
					comments = append(comments, strings.TrimSpace(line[e:lineEnd]))
				}
			} else {
				name := token{line[s:ne], off + s, off + ne}
				rs, re := trimSpan(line, ne, e)
				for rs < re && line[rs] == ',' {
					rs++
				}
				p.directive(name, off+rs, off+re, off+lineEnd, comments)
				comments = nil
			}
			if !nl {
				break
			}
			off, num, rest = off+len(line)+1, num+1, after
		}
	}
	return c, f.diags
}

type hacfParser struct {
	file
	cluster    model.Cluster
	membership model.Membership
	heartbeat  model.Heartbeat
	timing     model.HeartbeatTiming
	m          *model.Membership
	hb         *model.Heartbeat
	// seen holds the first occurrence of each directive (heartbeat has a
	// few dozen: a list is quicker than a map).
	seen    []seenDirective
	seenBuf [16]seenDirective
	udpport *model.Option
	// firstUDPMedium and firstSerial are the first media that use udpport
	// and baud, for the order checks.
	firstUDPMedium, firstSerial *model.Link
	pacemaker                   *model.Option
	// words is split's buffer, used again for each line.
	words []token
	// the model's small structs
	options slab[model.Option]
	links   slab[model.Link]
	nodes   slab[model.MemberNode]
	times   slab[model.HeartbeatTime]
}

type seenDirective struct {
	key string
	opt *model.Option
}

// first returns the first directive called key, or nil.
func (p *hacfParser) first(key string) *model.Option {
	for _, s := range p.seen {
		if s.key == key {
			return s.opt
		}
	}
	return nil
}

// slab hands out pointers to zero values of T from blocks it allocates a
// few at a time, growing (free may be set to a first block of a known size).
type slab[T any] struct {
	free []T
	n    int // the size of the last block
}

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.n = min(max(2*s.n, 4), 32)
		s.free = make([]T, s.n)
	}
	t := &s.free[0]
	s.free = s.free[1:]
	return t
}

// split splits the source between rs and re on any byte of delims; the
// result is good until the next call.
func (p *hacfParser) split(rs, re int, delims string) []token {
	p.words = tokenizeInto(p.words[:0], p.text, rs, re, delims)
	return p.words
}

// directive lowers a directive line of the grammar's kind typ.
// directive lowers a directive line, reading its values as heartbeat's
// directive table says.
func (p *hacfParser) directive(name token, rs, re, lineEnd int, comments []string) {
	end := name.end
	if re > rs {
		end = re
	}
	opt := p.options.new()
	opt.Name, opt.Value = name.text, p.text[rs:re]
	opt.Range = p.rng(name.start, end)
	opt.Comments = comments
	p.hb.Directives = append(p.hb.Directives, opt)

	d, ok := directives[name.text]
	if !ok {
		if name.text == "udp" {
			p.warnf(name.start, name.end, CodeUnknownDirective, "%q is the historical alias of \"bcast\"; heartbeat rewrites it with a warning: write bcast", name.text)
			d = directives["bcast"]
			name.text = "bcast"
		} else {
			msg := "unknown ha.cf directive %q: heartbeat refuses to start (\"Illegal directive\")"
			if s := didYouMean(name.text); s != "" {
				p.errorf(name.start, name.end, CodeUnknownDirective, msg+"; did you mean %q?", name.text, s)
			} else {
				p.errorf(name.start, name.end, CodeUnknownDirective, msg, name.text)
			}
			return
		}
	}
	key := name.text
	if key == "crm" {
		key = "pacemaker"
	}
	if first := p.first(key); first != nil && d.once {
		p.diags.Errorf(opt.Range, CodeRepeated, "%s may be given only once (first at %s): heartbeat refuses to start", name.text, first.Range)
		p.diags[len(p.diags)-1].Related = []model.Related{{Message: "first given here", Subject: first.Range}}
	} else if first == nil {
		p.seen = append(p.seen, seenDirective{key, opt})
	}
	p.orderChecks(name, opt)
	if name.text == "stonith_host" {
		p.stonithSecret(opt, rs, re, lineEnd)
	}
	if rs == re {
		p.errorf(name.start, name.end, CodeBadValue, "%s has no value", name.text)
		return
	}
	switch d.class {
	case classOption:
		toks := p.split(rs, re, optionDelims)
		if d.scalar && len(toks) > 1 {
			p.warnf(toks[0].start, toks[len(toks)-2].end, CodeLastWins,
				"%s takes one value; heartbeat applies each of the %d values in turn, so only the last (%q) counts", name.text, len(toks), toks[len(toks)-1].text)
		}
		for _, t := range toks {
			p.optionValue(name.text, d, t)
		}
		if key == "pacemaker" {
			p.pacemaker = opt
		}
	case classWhole:
		p.wholeLine(name.text, opt, rs, re)
	case classMediaToken:
		for _, t := range p.split(rs, re, optionDelims) {
			p.mediumToken(name.text, t)
		}
	case classMediaLine:
		p.mediumLine(name, p.split(rs, re, blankDelims))
	}
}

func (p *hacfParser) orderChecks(name token, opt *model.Option) {
	switch name.text {
	case "udpport":
		if l := p.firstUDPMedium; l != nil {
			p.diags.Warnf(opt.Range, CodeOrder, "udpport comes after the %s medium at %s, which therefore uses the port heartbeat had before (default %s): move udpport above the media", l.Medium, l.Range, DefaultUDPPort)
			p.diags[len(p.diags)-1].Related = []model.Related{{Message: "medium declared here", Subject: l.Range}}
		}
	case "baud":
		if l := p.firstSerial; l != nil {
			p.diags.Warnf(opt.Range, CodeOrder, "baud comes after the serial medium at %s, which therefore uses 19200: move baud above the serial lines", l.Range)
		}
	case "crm_daemon_dir", "crmd_spawns_pengine":
		if pm := p.pacemaker; pm != nil {
			p.diags.Errorf(opt.Range, CodeOrder, "%s must precede the %s directive at %s: heartbeat refuses to start", name.text, pm.Name, pm.Range)
		}
	}
}

func (p *hacfParser) optionValue(name string, d directive, t token) {
	r := p.tokRange(t)
	v := t.text
	switch d.kind {
	case vTime:
		ms := ParseTime(v)
		ht := p.times.new()
		ht.Directive, ht.Value, ht.Millis = name, v, ms
		ht.Range = r
		switch {
		case ms < 0:
			ht.Millis = -1
			hint := ""
			if n := strings.TrimRight(strings.ToLower(v), "sec"); n != "" && n != strings.ToLower(v) && ParseTime(n) > 0 {
				hint = " (" + n + " already means seconds)"
			}
			p.errorf(t.start, t.end, CodeBadTime, "%s %s: not a heartbeat time: write a number of seconds, or a number followed by ms or us%s", name, v, hint)
		case ms == 0:
			p.errorf(t.start, t.end, CodeBadTime, "%s %s: the time rounds to 0 ms; heartbeat needs a time greater than zero", name, v)
		}
		tm := p.hb.Timing
		switch name {
		case "keepalive":
			tm.Keepalive = ht
		case "deadtime":
			tm.Deadtime = ht
		case "warntime":
			tm.Warntime = ht
		case "initdead":
			tm.Initdead = ht
		case "deadping":
			tm.Deadping = ht
		}
	case vBool:
		if !isHBBool(v) {
			p.errorf(t.start, t.end, CodeBadValue, "%s %s: not a boolean (true/false, on/off, yes/no, y/n, 1/0)", name, v)
		}
	case vInt:
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			p.errorf(t.start, t.end, CodeBadValue, "%s %s: not an integer", name, v)
		case n < d.min || d.hasMx && n > d.max:
			if d.hasMx {
				p.errorf(t.start, t.end, CodeBadValue, "%s %s: must be between %d and %d", name, v, d.min, d.max)
			} else {
				p.errorf(t.start, t.end, CodeBadValue, "%s %s: must be at least %d", name, v, d.min)
			}
		}
		if name == "udpport" {
			o := p.options.new()
			o.Name, o.Value, o.Range = "udpport", v, r
			p.udpport = o
		}
	case vEnum:
		okv := false
		for _, e := range d.enum {
			if strings.EqualFold(e, v) {
				okv = true
			}
		}
		if !okv {
			p.errorf(t.start, t.end, CodeBadValue, "%s %s: valid values are %s", name, v, strings.Join(d.enum, ", "))
		}
	case vFacility:
		if !facilities[strings.ToLower(v)] {
			p.errorf(t.start, t.end, CodeBadValue, "logfacility %s: not a syslog facility (daemon, local0 ... local7, none, ...): heartbeat refuses to start", v)
		}
	case vPath:
		// any path; heartbeat checks existence at run time only
	}
	switch name {
	case "node":
		n := p.nodes.new()
		n.Name, n.Range = v, r
		p.m.Nodes = append(p.m.Nodes, n)
	case "cluster":
		p.m.ClusterName = v
	}
}

func isHBBool(v string) bool {
	switch strings.ToLower(v) {
	case "true", "on", "yes", "y", "1", "false", "off", "no", "n", "0":
		return true
	}
	return false
}

func (p *hacfParser) wholeLine(name string, opt *model.Option, rs, re int) {
	fields := p.split(rs, re, blankDelims)
	switch name {
	case "respawn", "failfast":
		if len(fields) < 2 {
			p.errorf(rs, re, CodeBadValue, "%s needs a user and an absolute program path", name)
		} else if !strings.HasPrefix(fields[1].text, "/") {
			p.errorf(fields[1].start, fields[1].end, CodeBadValue, "%s: program path %q is not absolute: heartbeat refuses to start", name, fields[1].text)
		}
	case "apiauth":
		ok := false
		for _, f := range fields[1:] {
			if strings.HasPrefix(f.text, "uid=") || strings.HasPrefix(f.text, "gid=") {
				ok = true
			}
		}
		if !ok {
			p.errorf(rs, re, CodeBadValue, "apiauth needs a client name and uid=... and/or gid=...")
		}
	case "stonith":
		if len(fields) < 2 {
			p.errorf(rs, re, CodeBadValue, "stonith needs a device type and a configuration file")
		}
	case "stonith_host":
		if len(fields) < 2 {
			p.errorf(rs, re, CodeBadValue, "stonith_host needs a host (or *), a device type and its parameters")
		}
	}
}

// stonithSecret keeps a stonith_host line's parameters (the device's
// addresses, logins, passwords) out of Value: they are the Secret. A
// comment ending the line is a secret too, and the directive's range takes
// it in so that source snippets mask it: heartbeat cuts the line at any
// "#", so what follows one is usually the rest of a password (HA5055).
func (p *hacfParser) stonithSecret(opt *model.Option, rs, re, lineEnd int) {
	start, end := -1, re
	if fields := p.split(rs, re, blankDelims); len(fields) > 2 {
		opt.Value = fields[0].text + " " + fields[1].text
		start = fields[2].start
	}
	if i := strings.IndexByte(p.text[re:lineEnd], '#'); i >= 0 {
		if _, ce := trimSpan(p.text, re+i, lineEnd); ce > re+i+1 {
			if start < 0 {
				start = re + i
			}
			end = ce
			opt.Range.End = p.pos(end)
		}
	}
	if start >= 0 {
		opt.Secret = model.NewSecret(p.text[start:end])
	}
}

func (p *hacfParser) newLink(medium, iface string, r model.Range) *model.Link {
	l := p.links.new()
	l.Number, l.Medium, l.Interface, l.Range = len(p.m.Links), medium, iface, r
	p.m.Links = append(p.m.Links, l)
	return l
}

func (p *hacfParser) opt(l *model.Link, name string, t token) {
	o := p.options.new()
	o.Name, o.Value, o.Range = name, t.text, p.tokRange(t)
	l.Options = append(l.Options, o)
}

func (p *hacfParser) udpOpt(l *model.Link) {
	o := p.options.new()
	o.Name, o.Value, o.Range = "udpport", DefaultUDPPort, l.Range
	if p.udpport != nil {
		o.Value, o.Range = p.udpport.Value, p.udpport.Range
	}
	l.Options = append(l.Options, o)
	if p.firstUDPMedium == nil {
		p.firstUDPMedium = l
	}
}

func (p *hacfParser) mediumToken(medium string, t token) {
	r := p.tokRange(t)
	switch medium {
	case "bcast":
		l := p.newLink(medium, t.text, r)
		p.udpOpt(l)
	case "serial":
		l := p.newLink(medium, t.text, r)
		if b := p.first("baud"); b != nil {
			o := p.options.new()
			o.Name, o.Value, o.Range = "baud", b.Value, b.Range
			l.Options = append(l.Options, o)
		}
		if p.firstSerial == nil {
			p.firstSerial = l
		}
	case "ping", "ping6":
		l := p.newLink(medium, "", r)
		p.opt(l, "host", t)
	case "hbaping":
		p.newLink(medium, t.text, r)
	}
}

// mediaLineNeed and mediaLineUsage are the fields the whole-line media's
// plugins read.
var (
	mediaLineNeed  = map[string]int{"mcast": 5, "mcast6": 5, "ucast": 2, "ucast6": 2, "ping_group": 2, "rds": 1, "tipc": 1}
	mediaLineUsage = map[string]string{
		"mcast":      "mcast dev group port ttl loop",
		"mcast6":     "mcast6 dev group port hops loop",
		"ucast":      "ucast dev peer-address",
		"ucast6":     "ucast6 dev peer-address",
		"ping_group": "ping_group name address [address...]",
		"rds":        "rds args",
		"tipc":       "tipc args",
	}
)

func (p *hacfParser) mediumLine(name token, f []token) {
	end := name.end
	if len(f) > 0 {
		end = f[len(f)-1].end
	}
	r := p.rng(name.start, end)
	need, usage := mediaLineNeed[name.text], mediaLineUsage[name.text]
	if len(f) < need {
		p.errorf(name.start, end, CodeBadValue, "%s needs %d fields (%s), got %d", name.text, need, usage, len(f))
		if len(f) == 0 {
			return
		}
	}
	if len(f) > need && name.text != "ping_group" && need > 1 {
		p.warnf(f[need].start, f[len(f)-1].end, CodeLastWins, "%s: heartbeat ignores everything after the %d fields of %q", name.text, need, usage)
	}
	switch name.text {
	case "mcast", "mcast6":
		l := p.newLink(name.text, f[0].text, r)
		names := []string{"group", "port", "ttl", "loop"}
		if name.text == "mcast6" {
			names[2] = "hops"
		}
		for i, n := range names {
			if i+1 < len(f) {
				p.opt(l, n, f[i+1])
			}
		}
		if len(f) >= 2 {
			ip := net.ParseIP(f[1].text)
			v4 := name.text == "mcast"
			if ip == nil || !ip.IsMulticast() || v4 != (ip.To4() != nil) {
				kind := "an IPv4 multicast group (224.0.0.0/4)"
				if !v4 {
					kind = "an IPv6 multicast group (ff00::/8)"
				}
				p.errorf(f[1].start, f[1].end, CodeBadValue, "%s group %s is not %s", name.text, f[1].text, kind)
			}
		}
		if len(f) >= 3 {
			if n, err := strconv.Atoi(f[2].text); err != nil || n < 1 || n > 65535 {
				p.errorf(f[2].start, f[2].end, CodeBadValue, "%s port %s is not a port number (1..65535)", name.text, f[2].text)
			}
		}
		if len(f) >= 4 {
			if _, err := strconv.Atoi(f[3].text); err != nil {
				p.errorf(f[3].start, f[3].end, CodeBadValue, "%s %s %s is not an integer", name.text, names[2], f[3].text)
			}
		}
		if len(f) >= 5 && f[4].text != "0" && f[4].text != "1" {
			p.errorf(f[4].start, f[4].end, CodeBadValue, "%s loop %s must be 0 or 1", name.text, f[4].text)
		}
	case "ucast", "ucast6":
		l := p.newLink(name.text, f[0].text, r)
		if len(f) >= 2 {
			p.opt(l, "peer", f[1])
			if name.text == "ucast6" {
				if i := strings.IndexByte(f[1].text, '%'); i >= 0 && f[1].text[i+1:] != f[0].text {
					p.errorf(f[1].start, f[1].end, CodeBadValue, "ucast6 peer scope %q must equal the device %q", f[1].text[i+1:], f[0].text)
				}
			}
		}
		if name.text == "ucast" {
			p.udpOpt(l)
		}
	case "ping_group":
		l := p.newLink(name.text, "", r)
		p.opt(l, "name", f[0])
		for _, t := range f[1:] {
			p.opt(l, "host", t)
		}
	default:
		l := p.newLink(name.text, "", r)
		for _, t := range f {
			p.opt(l, "arg", t)
		}
	}
}
