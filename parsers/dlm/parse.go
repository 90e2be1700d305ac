package dlm

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"hakit/model"
)

// Diagnostic codes reported by this parser; registered in verify/dlm.go.
const (
	CodeSyntax     = "HA4501"
	CodeIndented   = "HA4502"
	CodeBoolValue  = "HA4503"
	CodeNoEquals   = "HA4504"
	CodeTrailing   = "HA4505"
	CodeIgnored    = "HA4506"
	CodeDeviceSect = "HA4507"
)

// FormBare marks an option written without "=" (Option.Extra "form").
const FormBare = "bare"

// OptionType is the type dlm_controld 4.2 gives an option.
type OptionType int

const (
	TypeInt OptionType = iota + 1
	TypeUint
	TypeBool
	TypeString
)

// KnownOption is one option of dlm_controld 4.2 with its default.
type KnownOption struct {
	Type    OptionType
	Default string
}

// Known are the options dlm_controld 4.2.0 accepts in dlm.conf.
var Known = map[string]KnownOption{
	"daemon_debug": {TypeBool, "0"}, "foreground": {TypeBool, "0"}, "log_debug": {TypeBool, "0"},
	"protocol": {TypeString, "detect"}, "port": {TypeUint, "21064"}, "bind_all": {TypeInt, "0"},
	"mark": {TypeUint, "0"}, "debug_logfile": {TypeBool, "0"}, "enable_fscontrol": {TypeBool, "0"},
	"enable_plock": {TypeBool, "1"}, "plock_debug": {TypeBool, "0"}, "plock_rate_limit": {TypeInt, "0"},
	"plock_ownership": {TypeBool, "0"}, "drop_resources_time": {TypeInt, "10000"},
	"drop_resources_count": {TypeInt, "10"}, "drop_resources_age": {TypeInt, "10000"},
	"post_join_delay": {TypeInt, "30"}, "enable_fencing": {TypeBool, "1"},
	"enable_concurrent_fencing": {TypeBool, "0"}, "enable_startup_fencing": {TypeBool, "1"},
	"repeat_failed_fencing": {TypeBool, "1"}, "enable_quorum_fencing": {TypeBool, "1"},
	"enable_quorum_lockspace": {TypeBool, "1"}, "enable_helper": {TypeBool, "1"},
}

// Effective returns the value dlm_controld uses for option name: the last
// option of that name as it converts it, or the default.
func Effective(d *model.DLM, name string) string {
	k := Known[name]
	v := k.Default
	if d != nil {
		last := ""
		for _, o := range d.Options {
			bare := o.Extra.Value("form") == FormBare
			if o.Name == name {
				if bare {
					v = last
				} else {
					v = o.Value
				}
			}
			if !bare {
				last = o.Value
			}
		}
	}
	if k.Type == TypeBool || k.Type == TypeInt {
		n := atoi(v)
		if k.Type == TypeBool && n != 0 {
			n = 1
		}
		return strconv.Itoa(n)
	}
	return v
}

// atoi is C's atoi: leading blanks, a sign, digits; anything else stops.
func atoi(s string) int {
	s = strings.TrimLeft(s, " \t")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1<<30 {
			break
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		return -n
	}
	return n
}

type parser struct {
	src   []byte
	file  string
	diags model.Diagnostics
	dlm   *model.DLM
	// the line being lowered: its first byte and its line number
	lineOff, lineNo int
	lenChecked      int // 1 + the offset of the last line whose length was checked
	colOff, col     int // the last position asked for on the line
}

type word struct {
	text       string
	start, end int
}

func words(line string, off int) []word {
	n := 0
	for i := 0; i < len(line); i++ {
		if blank(line[i]) && (i == 0 || !blank(line[i-1])) {
			n++
		}
	}
	out := make([]word, 0, n+1)
	i := 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
			i++
		}
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' {
			j++
		}
		if j > i {
			out = append(out, word{line[i:j], off + i, off + j})
		}
		i = j
	}
	return out
}

// at is the position of byte off of the line being lowered; columns are
// counted on from the last position asked for (lowering asks in order).
func (p *parser) at(off int) model.Pos {
	if off < p.colOff {
		p.colOff, p.col = p.lineOff, 1
	}
	p.col += utf8.RuneCount(p.src[p.colOff:off])
	p.colOff = off
	return model.Pos{Line: p.lineNo, Column: p.col, Byte: off}
}

// rng is the range [a, b) of the line being lowered.
func blank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

func (p *parser) rng(a, b int) model.Range {
	return model.Range{Filename: p.file, Start: p.at(a), End: p.at(b)}
}

func (p *parser) args(ws []word) model.Options {
	if len(ws) == 0 {
		return nil
	}
	out := make(model.Options, 0, len(ws))
	opts := make([]model.Option, len(ws)) // one allocation for all
	for i, w := range ws {
		k, v, ok := strings.Cut(w.text, "=")
		o := &opts[i]
		o.Name, o.Value = k, v
		o.Range = p.rng(w.start, w.end)
		if !ok {
			o.Extra = model.Attrs{{Name: "form", Value: FormBare}}
		}
		if model.IsSensitive(k) {
			o.Secret, o.Value = model.NewSecret(v), ""
		}
		out = append(out, o)
	}
	return out
}

// Parse reads a dlm.conf.
func Parse(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	p := &parser{src: src, file: filename, dlm: &model.DLM{}}
	m := &model.Membership{Origin: "dlm", DLM: p.dlm}
	nl := bytes.LastIndexByte(src, '\n')
	m.Range = model.Range{Filename: filename, Start: model.Pos{Line: 1, Column: 1},
		End: model.Pos{Line: 1 + bytes.Count(src, []byte{'\n'}), Column: 1 + utf8.RuneCount(src[nl+1:]), Byte: len(src)}}
	p.dlm.Range = m.Range
	c := &model.Cluster{Sources: []string{filename}, Membership: m}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p.diags.Errorf(model.NewLineIndex(src).Range(filename, i, i+1), CodeSyntax, "file is binary (NUL byte), not a dlm.conf")
		return c, p.diags
	}
	file, err := dlmParser().ParseString(filename, string(src))
	if err != nil {
		// The grammar reads every sequence of lines; this is a bug.
		off := 0
		if pe, ok := err.(participle.Error); ok {
			off = min(max(pe.Position().Offset, 0), len(src))
		}
		p.diags.Errorf(model.NewLineIndex(src).Range(filename, off, off), CodeSyntax, "cannot read the file: %v", err)
		return c, p.diags
	}
	p.lower(file)
	for _, d := range p.dlm.Devices {
		fd := &model.FenceDevice{Name: d.Name, Agent: d.Agent, Args: d.Args}
		fd.Range = d.Range
		m.FenceDevices = append(m.FenceDevices, fd)
	}
	return c, p.diags
}

// lower reads the grammar's items in order.
func (p *parser) lower(f *dlmFile) {
	var prevDev *model.DLMDevice // the device section the previous item was
	lastValue := ""              // the value a line without "=" inherits
	for _, it := range items(f.Tokens) {
		first := it.toks[0]
		if prevDev != nil && first.Type != tokBlank && first.Type != tokIndented {
			// A section ends at a blank line; dlm_controld takes anything
			// else for one more line of it.
			l := p.start(firstLine(first))
			p.diags.Errorf(l.rng, CodeDeviceSect, "%q line inside the section of device %q (which only takes connect and unfence lines): dlm_controld rejects the whole fencing configuration; end the section with a blank line", l.first, prevDev.Name)
		}
		prevDev = nil
		switch it.kind {
		case tokDevice:
			dev := p.device(first)
			for _, t := range it.toks[1:] {
				eachLine(t, func(t lexer.Token) {
					switch t.Type {
					case tokConnect:
						p.connect(t, dev)
					case tokUnfence:
						p.unfence(t, dev)
					default:
						p.start(t)
					}
				})
			}
			prevDev = dev
		case tokFenceAll:
			accepted := p.fenceAll(first)
			for _, t := range it.toks[1:] {
				p.unfenceAll(t, accepted)
			}
		case tokLockspace:
			ls := p.lockspace(first)
			for _, t := range it.toks[1:] {
				eachLine(t, func(t lexer.Token) {
					if t.Type == tokMaster {
						ls = p.master(t, ls)
					} else {
						p.start(t)
					}
				})
			}
		default:
			eachLine(first, func(t lexer.Token) {
				switch t.Type {
				case tokIndented:
					l := p.start(t)
					p.diags.Warnf(l.rng, CodeIndented, "indented line: dlm_controld reads keys and sections only from column 1 and ignores this line (and it ends a device or lockspace section)")
				case tokConnect:
					p.connect(t, nil)
				case tokUnfence:
					p.unfence(t, nil)
				case tokUnfenceAll:
					p.unfenceAll(t, false)
				case tokMaster:
					p.master(t, nil)
				case tokNode:
					p.node(t)
				case tokOption:
					l := p.start(t)
					p.option(l.text, l.off, l.words, &lastValue)
				default: // blank, comment
					p.start(t)
				}
			})
		}
	}
}

// aLine is a line being lowered.
type aLine struct {
	text  string // without its newline and trailing CRs
	off   int    // where it starts
	rng   model.Range
	words []word
	first string // the first word up to "="
}

// start starts lowering the line of t: its position, its words and, the
// first time, the length check.
func (p *parser) start(t lexer.Token) aLine {
	p.lineOff, p.lineNo = t.Pos.Offset, t.Pos.Line
	p.colOff, p.col = t.Pos.Offset, 1
	l := aLine{text: strings.TrimRight(t.Value, "\r"), off: t.Pos.Offset}
	l.rng = p.rng(l.off, l.off+len(l.text))
	if len(l.text) > 255 && p.lenChecked < l.off+1 {
		p.lenChecked = l.off + 1
		p.diags.Warnf(l.rng, CodeIgnored, "line is longer than 255 bytes; dlm_controld reads it in pieces")
	}
	switch t.Type {
	case tokBlank, tokComment, tokIndented:
		return l
	}
	l.words = words(l.text, l.off)
	l.first, _, _ = strings.Cut(l.words[0].text, "=")
	return l
}

func (p *parser) wordRng(l aLine, i int) model.Range { return p.rng(l.words[i].start, l.words[i].end) }

// device reads a device line; nil when it names no device.
func (p *parser) device(t lexer.Token) *model.DLMDevice {
	l := p.start(t)
	ws := l.words
	if len(ws) < 3 {
		p.diags.Errorf(l.rng, CodeDeviceSect, "device line needs a name and an agent: device <name> <agent> [key=val ...]")
		return nil
	}
	dev := &model.DLMDevice{Name: ws[1].text, Agent: ws[2].text, Args: p.args(ws[3:])}
	dev.Range = l.rng
	p.dlm.Devices = append(p.dlm.Devices, dev)
	return dev
}

// connect reads a connect line of the section of dev (nil: outside any).
func (p *parser) connect(t lexer.Token, dev *model.DLMDevice) {
	l := p.start(t)
	ws := l.words
	if len(ws) < 2 {
		p.diags.Errorf(l.rng, CodeDeviceSect, "connect line needs a device name: connect <device> node=<nodeid> [key=val ...]")
		return
	}
	cn := &model.DLMConnect{Device: ws[1].text, Args: p.args(ws[2:])}
	cn.Range = l.rng
	if v, ok := cn.Args.Get("node"); ok {
		if n, err := strconv.ParseUint(v.Value, 10, 32); err == nil {
			cn.Node = uint32(n)
		} else {
			p.diags.Errorf(v.Range, CodeDeviceSect, "node=%q is not a node id", v.Value)
		}
	} else {
		p.diags.Errorf(l.rng, CodeDeviceSect, "connect line without node=<nodeid>: no node ever uses it")
	}
	switch {
	case dev == nil:
		cn.Stray = true
		p.diags.Warnf(l.rng, CodeIgnored, "connect line outside a device section (a blank or indented line ended it): dlm_controld never reads it")
	case cn.Device != dev.Name:
		cn.Section = dev.Name
		p.diags.Errorf(p.wordRng(l, 1), CodeDeviceSect, "connect names device %q inside the section of device %q: dlm_controld rejects the whole fencing configuration", cn.Device, dev.Name)
	}
	p.dlm.Connects = append(p.dlm.Connects, cn)
}

// unfence reads an unfence line of the section of dev (nil: outside any).
func (p *parser) unfence(t lexer.Token, dev *model.DLMDevice) {
	l := p.start(t)
	ws := l.words
	if len(ws) < 2 {
		p.diags.Errorf(l.rng, CodeDeviceSect, "unfence line needs the device name")
		return
	}
	u := &model.DLMUnfence{Device: ws[1].text}
	u.Range = l.rng
	if dev == nil {
		u.Stray = true
		p.diags.Warnf(l.rng, CodeIgnored, "unfence line outside a device section: dlm_controld never reads it")
	} else if u.Device != dev.Name {
		u.Section = dev.Name
		p.diags.Errorf(p.wordRng(l, 1), CodeDeviceSect, "unfence names device %q inside the section of device %q", u.Device, dev.Name)
	}
	p.dlm.Unfence = append(p.dlm.Unfence, u)
}

// fenceAll reads a fence_all line; it reports whether dlm_controld takes it
// (the first one with an agent).
func (p *parser) fenceAll(t lexer.Token) bool {
	l := p.start(t)
	ws := l.words
	if len(ws) < 2 {
		p.diags.Errorf(l.rng, CodeSyntax, "fence_all needs an agent: fence_all <agent> [key=val ...]")
		return false
	}
	if p.dlm.FenceAll != nil {
		p.diags.Warnf(l.rng, CodeIgnored, "second fence_all line: dlm_controld stops reading fencing lines at the first one and ignores this")
		return false
	}
	fa := &model.DLMFenceAll{Agent: ws[1].text, Args: p.args(ws[2:])}
	fa.Range = l.rng
	p.dlm.FenceAll = fa
	return true
}

// unfenceAll reads an unfence_all line; after is whether it comes right
// after the fence_all line dlm_controld took.
func (p *parser) unfenceAll(t lexer.Token, after bool) {
	l := p.start(t)
	if after {
		p.dlm.FenceAll.UnfenceAll = true
		p.dlm.FenceAll.UnfenceRange = l.rng
		return
	}
	p.diags.Warnf(l.rng, CodeIgnored, "unfence_all is honoured only on the line right after fence_all; dlm_controld ignores it here")
}

// lockspace reads a lockspace line; nil when it names none.
func (p *parser) lockspace(t lexer.Token) *model.DLMLockspace {
	l := p.start(t)
	ws := l.words
	if len(ws) < 2 {
		p.diags.Errorf(l.rng, CodeSyntax, "lockspace line needs a name: lockspace <name> [nodir=1]")
		return nil
	}
	ls := &model.DLMLockspace{Name: ws[1].text, Options: p.args(ws[2:])}
	ls.Range = l.rng
	p.dlm.Lockspaces = append(p.dlm.Lockspaces, ls)
	return ls
}

// master reads a master line of the block of ls (nil: outside any); it
// returns the block the next master line is in (nil when this one ended
// it).
func (p *parser) master(t lexer.Token, ls *model.DLMLockspace) *model.DLMLockspace {
	l := p.start(t)
	ws := l.words
	ma := &model.DLMMaster{Args: p.args(ws[min(2, len(ws)):])}
	ma.Range = l.rng
	if v, ok := ma.Args.Get("node"); ok {
		if n, err := strconv.ParseUint(v.Value, 10, 32); err == nil {
			ma.Node = uint32(n)
		}
	}
	if v, ok := ma.Args.Get("weight"); ok {
		ma.Weight = atoi(v.Value)
	}
	switch {
	case len(ws) < 2:
		p.diags.Errorf(l.rng, CodeSyntax, "master line needs a lockspace name: master <lockspace> node=<nodeid> [weight=<n>]")
	case ls == nil:
		p.diags.Warnf(l.rng, CodeIgnored, "master line not directly after its lockspace line (or its master lines): dlm_controld ignores it; hakit drops it")
	case ws[1].text != ls.Name:
		p.diags.Warnf(p.wordRng(l, 1), CodeIgnored, "master line for lockspace %q inside the block of lockspace %q: dlm_controld ends the block here and ignores it; hakit drops it", ws[1].text, ls.Name)
		return nil
	case ma.Node == 0:
		p.diags.Warnf(l.rng, CodeIgnored, "master line without a non-zero node=: dlm_controld ends the lockspace block here; hakit drops it")
		return nil
	default:
		ls.Masters = append(ls.Masters, ma)
	}
	return ls
}

// node reads a node line.
func (p *parser) node(t lexer.Token) {
	l := p.start(t)
	n := &model.DLMNode{Args: p.args(l.words[1:])}
	n.Range = l.rng
	v, ok := n.Args.Get("id")
	var err error
	var id uint64
	if ok {
		id, err = strconv.ParseUint(v.Value, 0, 32)
	}
	if !ok || err != nil {
		p.diags.Errorf(l.rng, CodeSyntax, "node line needs id=<nodeid>: node id=<nodeid> mark=<value>")
	} else {
		n.ID = uint32(id)
	}
	p.dlm.Nodes = append(p.dlm.Nodes, n)
}

// option reads a key=value line as set_opt_file does.
func (p *parser) option(line string, lo int, ws []word, lastValue *string) {
	keyEnd := strings.IndexAny(line, " \t=")
	if keyEnd < 0 {
		keyEnd = len(line)
	}
	key := line[:keyEnd]
	lineR := p.rng(lo, lo+len(line))
	o := &model.Option{Name: key}
	o.Range = lineR
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		o.Extra = model.Attrs{{Name: "form", Value: FormBare}}
		stale := *lastValue
		if stale == "" {
			stale = "whatever an earlier line left"
		}
		if _, known := Known[key]; known {
			p.diags.Warnf(lineR, CodeNoEquals, "%q has no \"=value\": dlm_controld logs \"Failed to parse config line\" and sets %s to the value left over from the previous option line (%s)", line, key, stale)
		}
		p.dlm.Options = append(p.dlm.Options, o)
		return
	}
	rest := line[eq+1:]
	vs := words(rest, lo+eq+1)
	if len(vs) > 0 {
		o.Value = vs[0].text
		if len(vs) > 1 {
			p.diags.Warnf(p.rng(vs[1].start, vs[len(vs)-1].end), CodeTrailing,
				"text after the value of %s is ignored by dlm_controld (there are no inline comments)", key)
		}
	}
	if model.IsSensitive(key) {
		o.Secret, o.Value = model.NewSecret(o.Value), ""
	}
	*lastValue = o.Value
	if k, ok := Known[key]; ok && (k.Type == TypeBool || k.Type == TypeInt) {
		v := o.Value
		if v == "" || !(v[0] >= '0' && v[0] <= '9' || v[0] == '-' || v[0] == '+') {
			what := "an integer"
			if k.Type == TypeBool {
				what = "0 or 1"
			}
			p.diags.Warnf(lineR, CodeBoolValue, "%s=%s: dlm_controld reads %s with atoi, so %q means %d (write %s)", key, v, key, v, atoi(v), what)
		}
	}
	p.dlm.Options = append(p.dlm.Options, o)
}
