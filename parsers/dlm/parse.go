package dlm

import (
	"bytes"
	"strconv"
	"strings"

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

// lineWords are the line families' first words, which are not options.
var lineWords = map[string]bool{"device": true, "connect": true, "unfence": true, "fence_all": true,
	"unfence_all": true, "lockspace": true, "master": true, "node": true}

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
	li    *model.LineIndex
	diags model.Diagnostics
	dlm   *model.DLM
}

type word struct {
	text       string
	start, end int
}

func words(line string, off int) []word {
	var out []word
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

func (p *parser) rng(a, b int) model.Range { return p.li.Range(p.file, a, b) }

func (p *parser) args(ws []word) model.Options {
	var out model.Options
	for _, w := range ws {
		k, v, ok := strings.Cut(w.text, "=")
		o := &model.Option{Name: k, Value: v}
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
	p := &parser{src: src, file: filename, li: model.NewLineIndex(src), dlm: &model.DLM{}}
	m := &model.Membership{Origin: "dlm", DLM: p.dlm}
	m.Range = p.rng(0, len(src))
	p.dlm.Range = m.Range
	c := &model.Cluster{Sources: []string{filename}, Membership: m}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p.diags.Errorf(p.rng(i, i+1), CodeSyntax, "file is binary (NUL byte), not a dlm.conf")
		return c, p.diags
	}
	p.parse()
	for _, d := range p.dlm.Devices {
		fd := &model.FenceDevice{Name: d.Name, Agent: d.Agent, Args: d.Args}
		fd.Range = d.Range
		m.FenceDevices = append(m.FenceDevices, fd)
	}
	return c, p.diags
}

func (p *parser) parse() {
	var dev *model.DLMDevice   // open device section
	var ls *model.DLMLockspace // open lockspace block
	lastValue := ""            // the value a line without "=" inherits
	var fenceAllLine = -2      // line index of fence_all
	off := 0
	for lineNo := 0; off < len(p.src); lineNo++ {
		end := bytes.IndexByte(p.src[off:], '\n')
		next := 0
		if end < 0 {
			end, next = len(p.src), len(p.src)
		} else {
			end += off
			next = end + 1
		}
		line := strings.TrimRight(string(p.src[off:end]), "\r")
		lo := off
		off = next
		lineR := p.rng(lo, lo+len(line))
		if len(line) > 255 {
			p.diags.Warnf(lineR, CodeIgnored, "line is longer than 255 bytes; dlm_controld reads it in pieces")
		}
		if strings.TrimSpace(line) == "" {
			dev, ls = nil, nil
			continue
		}
		if line[0] == '#' {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			dev, ls = nil, nil
			p.diags.Warnf(lineR, CodeIndented, "indented line: dlm_controld reads keys and sections only from column 1 and ignores this line (and it ends a device or lockspace section)")
			continue
		}
		ws := words(line, lo)
		first := ws[0].text
		if k, _, ok := strings.Cut(first, "="); ok {
			first = k
		}
		wr := func(i int) model.Range { return p.rng(ws[i].start, ws[i].end) }
		if dev != nil && first != "connect" && first != "unfence" {
			p.diags.Errorf(lineR, CodeDeviceSect, "%q line inside the section of device %q (which only takes connect and unfence lines): dlm_controld rejects the whole fencing configuration; end the section with a blank line", first, dev.Name)
			dev = nil
		}
		if ls != nil && first != "master" {
			ls = nil
		}
		switch first {
		case "device":
			if len(ws) < 3 {
				p.diags.Errorf(lineR, CodeDeviceSect, "device line needs a name and an agent: device <name> <agent> [key=val ...]")
				continue
			}
			dev = &model.DLMDevice{Name: ws[1].text, Agent: ws[2].text, Args: p.args(ws[3:])}
			dev.Range = lineR
			p.dlm.Devices = append(p.dlm.Devices, dev)
		case "connect":
			if len(ws) < 2 {
				p.diags.Errorf(lineR, CodeDeviceSect, "connect line needs a device name: connect <device> node=<nodeid> [key=val ...]")
				continue
			}
			cn := &model.DLMConnect{Device: ws[1].text, Args: p.args(ws[2:])}
			cn.Range = lineR
			if v, ok := cn.Args.Get("node"); ok {
				if n, err := strconv.ParseUint(v.Value, 10, 32); err == nil {
					cn.Node = uint32(n)
				} else {
					p.diags.Errorf(v.Range, CodeDeviceSect, "node=%q is not a node id", v.Value)
				}
			} else {
				p.diags.Errorf(lineR, CodeDeviceSect, "connect line without node=<nodeid>: no node ever uses it")
			}
			switch {
			case dev == nil:
				cn.Stray = true
				p.diags.Warnf(lineR, CodeIgnored, "connect line outside a device section (a blank or indented line ended it): dlm_controld never reads it")
			case cn.Device != dev.Name:
				cn.Section = dev.Name
				p.diags.Errorf(wr(1), CodeDeviceSect, "connect names device %q inside the section of device %q: dlm_controld rejects the whole fencing configuration", cn.Device, dev.Name)
			}
			p.dlm.Connects = append(p.dlm.Connects, cn)
		case "unfence":
			if len(ws) < 2 {
				p.diags.Errorf(lineR, CodeDeviceSect, "unfence line needs the device name")
				continue
			}
			u := &model.DLMUnfence{Device: ws[1].text}
			u.Range = lineR
			if dev == nil {
				u.Stray = true
				p.diags.Warnf(lineR, CodeIgnored, "unfence line outside a device section: dlm_controld never reads it")
			} else if u.Device != dev.Name {
				u.Section = dev.Name
				p.diags.Errorf(wr(1), CodeDeviceSect, "unfence names device %q inside the section of device %q", u.Device, dev.Name)
			}
			p.dlm.Unfence = append(p.dlm.Unfence, u)
		case "fence_all":
			if len(ws) < 2 {
				p.diags.Errorf(lineR, CodeSyntax, "fence_all needs an agent: fence_all <agent> [key=val ...]")
				continue
			}
			if p.dlm.FenceAll != nil {
				p.diags.Warnf(lineR, CodeIgnored, "second fence_all line: dlm_controld stops reading fencing lines at the first one and ignores this")
				continue
			}
			fa := &model.DLMFenceAll{Agent: ws[1].text, Args: p.args(ws[2:])}
			fa.Range = lineR
			p.dlm.FenceAll = fa
			fenceAllLine = lineNo
		case "unfence_all":
			if p.dlm.FenceAll != nil && fenceAllLine == lineNo-1 {
				p.dlm.FenceAll.UnfenceAll = true
				p.dlm.FenceAll.UnfenceRange = lineR
			} else {
				p.diags.Warnf(lineR, CodeIgnored, "unfence_all is honoured only on the line right after fence_all; dlm_controld ignores it here")
			}
		case "lockspace":
			if len(ws) < 2 {
				p.diags.Errorf(lineR, CodeSyntax, "lockspace line needs a name: lockspace <name> [nodir=1]")
				continue
			}
			ls = &model.DLMLockspace{Name: ws[1].text, Options: p.args(ws[2:])}
			ls.Range = lineR
			p.dlm.Lockspaces = append(p.dlm.Lockspaces, ls)
		case "master":
			ma := &model.DLMMaster{Args: p.args(ws[min(2, len(ws)):])}
			ma.Range = lineR
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
				p.diags.Errorf(lineR, CodeSyntax, "master line needs a lockspace name: master <lockspace> node=<nodeid> [weight=<n>]")
			case ls == nil:
				p.diags.Warnf(lineR, CodeIgnored, "master line not directly after its lockspace line (or its master lines): dlm_controld ignores it; hakit drops it")
			case ws[1].text != ls.Name:
				p.diags.Warnf(wr(1), CodeIgnored, "master line for lockspace %q inside the block of lockspace %q: dlm_controld ends the block here and ignores it; hakit drops it", ws[1].text, ls.Name)
				ls = nil
			case ma.Node == 0:
				p.diags.Warnf(lineR, CodeIgnored, "master line without a non-zero node=: dlm_controld ends the lockspace block here; hakit drops it")
				ls = nil
			default:
				ls.Masters = append(ls.Masters, ma)
			}
		case "node":
			n := &model.DLMNode{Args: p.args(ws[1:])}
			n.Range = lineR
			v, ok := n.Args.Get("id")
			var err error
			var id uint64
			if ok {
				id, err = strconv.ParseUint(v.Value, 0, 32)
			}
			if !ok || err != nil {
				p.diags.Errorf(lineR, CodeSyntax, "node line needs id=<nodeid>: node id=<nodeid> mark=<value>")
			} else {
				n.ID = uint32(id)
			}
			p.dlm.Nodes = append(p.dlm.Nodes, n)
		default:
			p.option(line, lo, ws, &lastValue)
		}
	}
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
