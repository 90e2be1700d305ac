package pcs

import (
	"strings"

	"hakit/model"
)

// Parse reads a shell script of pcs commands. It returns the configuration
// the commands build on an empty CIB (and the corosync membership of "pcs
// cluster setup"), with diagnostics for everything pcs would reject and
// everything that is not configuration.
func Parse(src []byte, filename string) (c *model.Cluster, diags model.Diagnostics) {
	p := &parser{
		file: filename,
		c:    &model.Cluster{Sources: []string{filename}},
		ids:  map[string]bool{},
	}
	defer func() {
		if r := recover(); r != nil {
			// A bug in an interpreter must not take the caller down.
			p.diags.Warnf(model.Range{Filename: filename}, "HA3014", "internal error interpreting the script: %v", r)
			c, diags = p.c, p.diags
		}
	}()
	rd := &reader{file: filename, src: src, li: model.NewLineIndex(src), diags: &p.diags}
	rd.read()
	for _, cmd := range rd.cmds {
		p.command(cmd)
	}
	p.finish()
	p.diags.Sort()
	return p.c, p.diags
}

// parser interprets pcs commands into a model, in script order.
type parser struct {
	file  string
	c     *model.Cluster
	diags model.Diagnostics
	// ids are all ids of the CIB being built, as pcs checks them.
	ids map[string]bool
	cmd *command
	// membership is built by cluster setup and quorum commands.
	setup bool
}

// opt is a pcs --option (or -f) with its value.
type opt struct {
	name, val string
	hasVal    bool
	r         model.Range
}

// call is one pcs invocation split into positional words and options.
type call struct {
	args []word
	opts map[string]*opt
	r    model.Range
	// all is the whole command line after "pcs", for messages.
	all []word
}

func (c *call) has(name string) bool { _, ok := c.opts[name]; return ok }

func (c *call) val(name string) (string, *opt) {
	if o, ok := c.opts[name]; ok {
		return o.val, o
	}
	return "", nil
}

// longOptions are pcs 0.11's long options; true when they take a value.
var longOptions = map[string]bool{
	"debug": false, "version": false, "help": false, "fullhelp": false, "force": false,
	"skip-offline": false, "autodelete": false, "simulate": false, "all": false, "full": false,
	"local": false, "wait": false, "config": false, "start": false, "enable": false,
	"disabled": false, "off": false, "request-timeout": true, "brief": false, "safe": false,
	"no-strict": false, "strict": false, "pacemaker": false, "corosync": false,
	"no-default-ops": false, "defaults": false, "nodesc": false, "master": false,
	"promoted": false, "name": true, "group": true, "node": true, "from": true, "to": true,
	"after": true, "before": true, "corosync_conf": true, "booth-conf": true, "booth-key": true,
	"no-watchdog-validation": false, "no-cluster-uuid": false, "no-keys-sync": false,
	"hide-inactive": false, "monitor": false, "groups": false, "expired": false,
	"no-expire-check": false, "overwrite": false, "output-format": true, "token": true,
	"agent-validation": false,
	// pcs 0.9 options still found in runbooks.
	"clone": false,
}

func isNegativeNumber(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	rest := s[1:]
	if strings.EqualFold(rest, "infinity") || strings.EqualFold(rest, "inf") {
		return true
	}
	return rest[0] >= '0' && rest[0] <= '9'
}

// split separates options from positional words as pcs's getopt does.
func (p *parser) split(ws []word) *call {
	c := &call{opts: map[string]*opt{}, all: ws}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		s := w.s
		switch {
		case s == "--":
			c.args = append(c.args, ws[i+1:]...)
			return c
		case strings.HasPrefix(s, "--"):
			name, val, hasEq := strings.Cut(s[2:], "=")
			takes, known := longOptions[name]
			if !known {
				p.diags.Errorf(w.r, "HA3007", "option --%s not recognized by pcs", name)
				continue
			}
			o := &opt{name: "--" + name, r: w.r}
			switch {
			case hasEq && (takes || name == "wait"):
				o.val, o.hasVal = val, true
			case hasEq:
				p.diags.Errorf(w.r, "HA3007", "option --%s must not have an argument", name)
			case takes:
				if i+1 >= len(ws) {
					p.diags.Errorf(w.r, "HA3009", "option --%s requires an argument", name)
					continue
				}
				i++
				o.val, o.hasVal = ws[i].s, true
				o.r.End = ws[i].r.End
			}
			c.opts[o.name] = o
		case len(s) > 1 && s[0] == '-' && !isNegativeNumber(s):
			switch s[1] {
			case 'h':
				c.opts["-h"] = &opt{name: "-h", r: w.r}
			case 'f', 'p', 'u':
				o := &opt{name: s[:2], r: w.r, hasVal: true}
				if len(s) > 2 {
					o.val = s[2:]
				} else if i+1 < len(ws) {
					i++
					o.val = ws[i].s
					o.r.End = ws[i].r.End
				} else {
					p.diags.Errorf(w.r, "HA3009", "option %s requires an argument", s[:2])
					continue
				}
				c.opts[o.name] = o
			default:
				p.diags.Errorf(w.r, "HA3007", "option %s not recognized by pcs", s)
			}
		default:
			c.args = append(c.args, w)
		}
	}
	return c
}

// only reports the options of c that the command does not support, as
// pcs's ensure_only_supported does. It reports false when one was found.
func (p *parser) only(c *call, allowed ...string) bool {
	ok := true
	for _, name := range sortedKeys(c.opts) {
		if name == "-f" || name == "--debug" || name == "--request-timeout" {
			continue
		}
		found := false
		for _, a := range allowed {
			if a == name {
				found = true
			}
		}
		if !found {
			p.diags.Errorf(c.opts[name].r, "HA3007", "specified option '%s' is not supported in this command", name)
			ok = false
		}
	}
	return ok
}

// command interprets one simple command of the script.
func (p *parser) command(cmd *command) {
	p.cmd = cmd
	ws := cmd.words
	if len(ws) > 0 && ws[0].s == "sudo" {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return
	}
	prog := ws[0].s
	if i := strings.LastIndexByte(prog, '/'); i >= 0 {
		prog = prog[i+1:]
	}
	switch prog {
	case "pcs":
	case "cibadmin":
		p.cibadmin(ws)
		return
	case "trap":
		// The scaffolding of a script that edits a CIB file.
		return
	default:
		p.diags.Infof(ws[0].r, "HA3003", "%s is not a pcs command; skipped", ws[0].s)
		return
	}
	c := p.split(ws[1:])
	c.r = cmd.r
	if len(c.args) == 0 {
		if c.has("-h") || c.has("--help") || c.has("--version") {
			p.diags.Infof(ws[0].r, "HA3004", "pcs help/version is not configuration")
			return
		}
		p.diags.Errorf(ws[0].r, "HA3009", "pcs without a command")
		return
	}
	if c.has("-h") || c.has("--help") || c.has("--fullhelp") {
		p.diags.Infof(c.args[0].r, "HA3004", "pcs help is not configuration")
		return
	}
	n := len(p.diags)
	p.dispatch(c)
	// A finding about words that are not there (an empty set, a missing
	// value) has no range of its own: it points at the command.
	for i := n; i < len(p.diags); i++ {
		if p.diags[i].Subject != nil && p.diags[i].Subject.Start.Line == 0 {
			r := c.r
			p.diags[i].Subject = &r
		}
	}
}

// notConfig reports a runtime or status command.
func (p *parser) notConfig(c *call, n int) {
	p.diags.Infof(span(c.args[:min(n, len(c.args))]), "HA3004", "'pcs %s' is a status or runtime command, not configuration; skipped", joinWords(c.args[:min(n, len(c.args))]))
}

// unknown reports an unknown (sub)command at word i.
func (p *parser) unknown(c *call, i int) {
	if i >= len(c.args) {
		p.diags.Errorf(span(c.args), "HA3009", "'pcs %s' needs a subcommand", joinWords(c.args))
		return
	}
	p.diags.Errorf(c.args[i].r, "HA3006", "unknown pcs command 'pcs %s'", joinWords(c.args[:i+1]))
}

// notModelled reports a valid pcs command hakit does not interpret.
func (p *parser) notModelled(c *call, n int) {
	p.diags.Warnf(span(c.args[:min(n, len(c.args))]), "HA3014", "'pcs %s' is not interpreted by hakit; its effect is not in the result", joinWords(c.args[:min(n, len(c.args))]))
}

func (p *parser) dispatch(c *call) {
	a := c.args
	switch a[0].s {
	case "resource":
		p.resource(c)
	case "stonith":
		p.stonith(c)
	case "constraint":
		p.constraint(c)
	case "property":
		p.property(c)
	case "alert":
		p.alert(c)
	case "tag":
		p.tag(c)
	case "node":
		p.node(c)
	case "quorum":
		p.quorum(c)
	case "cluster":
		p.cluster(c)
	case "status", "config", "pcsd", "host", "client", "dr", "booth", "prop":
		if a[0].s == "prop" {
			p.property(c)
			return
		}
		p.notConfig(c, 2)
	case "acl":
		p.notModelled(c, 2)
	default:
		p.unknown(c, 0)
	}
}

func (p *parser) finish() {
	cfg := p.c.Config
	if cfg == nil {
		return
	}
	if cfg.FencingTopology != nil && len(cfg.FencingTopology.Levels) == 0 {
		cfg.FencingTopology = nil
	}
}

// span is the range from the first to the last word.
func span(ws []word) model.Range {
	if len(ws) == 0 {
		return model.Range{}
	}
	r := ws[0].r
	r.End = ws[len(ws)-1].r.End
	return r
}

func joinWords(ws []word) string {
	ss := make([]string, len(ws))
	for i, w := range ws {
		ss[i] = w.s
	}
	return strings.Join(ss, " ")
}
