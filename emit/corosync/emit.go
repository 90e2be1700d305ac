package corosync

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"hakit/model"
)

// Options steer the output.
type Options struct {
	// Transport replaces the model's transport when set ("knet", "udpu",
	// "udp").
	Transport string
	// Indent is the indentation unit; four spaces when empty.
	Indent string
}

// NumberedBy mirrors parsers/corosync.NumberedBy (the Link.Extra attribute
// naming the key that numbers an interface block).
const NumberedBy = "numbered_by"

type writer struct {
	w      *bufio.Writer
	indent string
	depth  int
	err    error
	// started is set once something was written (top-level sections are
	// separated by a blank line).
	started bool
}

func (w *writer) open(name string) {
	w.check(name, true)
	if w.depth == 0 && w.started {
		w.line("")
	}
	w.started = true
	w.fit(name+" {", name+"{", name)
	w.depth++
}

func (w *writer) close() {
	w.depth--
	w.line("}")
}

func (w *writer) kv(k, v string) {
	w.started = true
	w.check(k, true)
	w.check(v, false)
	w.fit(k+": "+v, k+":"+v, k)
}

// fit writes s indented, or short (the same text without the blanks
// corosync ignores) when that line would be longer than corosync reads;
// what names the key or section (never its value, which may be a secret)
// when even short is too long.
func (w *writer) fit(s, short, what string) {
	if w.err != nil {
		return
	}
	line := strings.Repeat(w.indent, w.depth) + s
	if len(line) > maxLine {
		line = short
	}
	if len(line) > maxLine {
		w.err = fmt.Errorf("corosync: cannot write %.40q: its line would be %d bytes, and corosync reads at most %d", what, len(line), maxLine)
		return
	}
	_, w.err = w.w.WriteString(line + "\n")
}

// maxLine is the longest line corosync reads (its line buffer is 512 bytes
// with the newline), as parsers/corosync checks it.
const maxLine = 511

func (w *writer) check(s string, key bool) {
	if w.err != nil {
		return
	}
	bad := "\n\r"
	if key {
		bad += ":{}#"
		if strings.TrimSpace(s) == "" || strings.TrimSpace(s) != s {
			w.err = fmt.Errorf("corosync: cannot write the name %q", s)
			return
		}
	}
	if strings.ContainsAny(s, bad) {
		w.err = fmt.Errorf("corosync: cannot write %q: corosync.conf has no escape for it", s)
		return
	}
	if !key && s != strings.Trim(s, " \t") {
		w.err = fmt.Errorf("corosync: cannot write value %q: corosync trims leading and trailing blanks", s)
	}
	if !key && strings.ContainsAny(s, "{}") {
		// a value with "{" would open a section when read back
		if strings.Contains(s, "{") {
			w.err = fmt.Errorf("corosync: cannot write value %q: a \"{\" would open a section", s)
		}
	}
}

func (w *writer) line(s string) {
	if w.err != nil {
		return
	}
	if s == "" {
		_, w.err = w.w.WriteString("\n")
		return
	}
	_, w.err = w.w.WriteString(strings.Repeat(w.indent, w.depth) + s + "\n")
}

func (w *writer) options(os model.Options) {
	for _, o := range os {
		v := o.Value
		if !o.Secret.IsZero() {
			v = o.Secret.Reveal()
		}
		w.kv(o.Name, v)
	}
}

func (w *writer) section(s *model.Section) {
	w.open(s.Name)
	w.options(s.Options)
	for _, c := range s.Sections {
		w.section(c)
	}
	w.close()
}

// Emit writes m's membership as corosync.conf.
func Emit(out io.Writer, c *model.Cluster, opts Options) error {
	if c == nil || c.Membership == nil {
		return fmt.Errorf("corosync: the cluster has no membership layer to write")
	}
	m := c.Membership
	w := &writer{w: bufio.NewWriter(out), indent: opts.Indent}
	if w.indent == "" {
		w.indent = "    "
	}
	cs := m.Corosync
	if cs == nil {
		cs = &model.Corosync{}
	}
	nested := func(parent string) {
		for _, n := range cs.Nested {
			if n.Parent == parent && n.Section != nil {
				w.section(n.Section)
			}
		}
	}
	w.options(cs.TopLevel)
	w.open("totem")
	tv := cs.TotemVersion
	if tv == "" && (m.Version == "" || m.Version == "3") {
		tv = "2"
	}
	if tv != "" {
		w.kv("version", tv)
	}
	if m.ClusterName != "" {
		w.kv("cluster_name", m.ClusterName)
	}
	if m.ConfigVersion != "" {
		w.kv("config_version", m.ConfigVersion)
	}
	tr := m.Transport
	if opts.Transport != "" {
		tr = opts.Transport
	}
	if tr != "" {
		w.kv("transport", tr)
	}
	if k := m.Crypto; k != nil {
		for _, p := range [][2]string{{"secauth", k.SecAuth}, {"crypto_model", k.Model}, {"crypto_cipher", k.Cipher},
			{"crypto_hash", k.Hash}, {"keyfile", k.KeyFile}, {"key", k.Key.Reveal()}} {
			if p[1] != "" {
				w.kv(p[0], p[1])
			}
		}
	}
	w.options(m.Totem)
	for _, l := range m.Links {
		w.open("interface")
		by := l.Extra.Value(NumberedBy)
		if by == "" {
			by = "linknumber"
			if m.Version != "" && m.Version != "3" {
				by = "ringnumber"
			}
		}
		if by != "none" {
			w.kv(by, strconv.Itoa(l.Number))
		}
		var members []*model.Option
		for _, o := range l.Options {
			if strings.HasPrefix(o.Name, "member.") {
				members = append(members, o)
				continue
			}
			w.options(model.Options{o})
		}
		for _, o := range members {
			w.open("member")
			w.kv(strings.TrimPrefix(o.Name, "member."), o.Value)
			w.close()
		}
		w.close()
	}
	nested("totem")
	w.close()
	if len(m.Nodes) > 0 || len(cs.NodelistOptions) > 0 || hasNested(cs, "nodelist") {
		w.open("nodelist")
		w.options(cs.NodelistOptions)
		for _, n := range m.Nodes {
			w.open("node")
			for _, a := range n.Addrs {
				w.kv(fmt.Sprintf("ring%d_addr", a.Link), a.Addr)
			}
			if n.Name != "" {
				w.kv("name", n.Name)
			}
			if n.NodeID > 0 {
				w.kv("nodeid", strconv.FormatUint(uint64(n.NodeID), 10))
			}
			if n.Votes > 0 {
				w.kv("quorum_votes", strconv.Itoa(n.Votes))
			}
			w.options(n.Options)
			w.close()
		}
		nested("nodelist")
		w.close()
	}
	if q := m.Quorum; q != nil {
		w.open("quorum")
		if q.Provider != "" {
			w.kv("provider", q.Provider)
		}
		w.options(q.Options)
		if d := q.Device; d != nil {
			w.open("device")
			if d.Model != "" {
				w.kv("model", d.Model)
			}
			w.options(d.Options)
			if len(d.Net) > 0 {
				w.open("net")
				w.options(d.Net)
				w.close()
			}
			if len(d.Heuristics) > 0 {
				w.open("heuristics")
				w.options(d.Heuristics)
				w.close()
			}
			nested("quorum.device")
			w.close()
		}
		nested("quorum")
		w.close()
	}
	for _, s := range m.Sections {
		w.section(s)
	}
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}

func hasNested(cs *model.Corosync, parent string) bool {
	for _, n := range cs.Nested {
		if n.Parent == parent {
			return true
		}
	}
	return false
}
