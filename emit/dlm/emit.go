package dlm

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"hakit/model"
)

// Options steer the output (none yet).
type Options struct{}

type writer struct {
	w   *bufio.Writer
	err error
}

func (w *writer) line(parts ...string) {
	if w.err != nil {
		return
	}
	for _, p := range parts {
		if strings.ContainsAny(p, "\n\r") {
			w.err = fmt.Errorf("dlm: cannot write %q: dlm.conf has no escape for a line break", p)
			return
		}
	}
	_, w.err = w.w.WriteString(strings.Join(parts, " ") + "\n")
}

func args(os model.Options) []string {
	var out []string
	for _, o := range os {
		v := o.Value
		if !o.Secret.IsZero() {
			v = o.Secret.Reveal()
		}
		if o.Extra.Value("form") == "bare" {
			out = append(out, o.Name)
			continue
		}
		out = append(out, o.Name+"="+v)
	}
	return out
}

func word(s string) error {
	if strings.TrimSpace(s) == "" || strings.ContainsAny(s, " \t\n\r") { // a word of other blanks (\v) alone is a blank line
		return fmt.Errorf("dlm: cannot write %q as one word", s)
	}
	return nil
}

// Emit writes c's DLM block as dlm.conf.
func Emit(out io.Writer, c *model.Cluster, _ Options) error {
	if c == nil || c.Membership == nil || c.Membership.DLM == nil {
		return fmt.Errorf("dlm: the cluster has no dlm configuration to write")
	}
	d := c.Membership.DLM
	w := &writer{w: bufio.NewWriter(out)}
	blank := false
	sep := func() {
		if blank {
			w.line()
		}
		blank = true
	}
	for _, o := range d.Options {
		if err := word(o.Name); err != nil {
			return err
		}
		v := o.Value
		if !o.Secret.IsZero() {
			v = o.Secret.Reveal()
		}
		if o.Extra.Value("form") == "bare" {
			w.line(o.Name)
		} else {
			w.line(o.Name + "=" + v)
		}
		blank = true
	}
	if fa := d.FenceAll; fa != nil {
		sep()
		w.line(append([]string{"fence_all", fa.Agent}, args(fa.Args)...)...)
		if fa.UnfenceAll {
			w.line("unfence_all")
		}
	}
	// The connect and unfence lines of a device name are written once, in
	// the section of the first device of that name (a second "device" line
	// of the same name is kept, but its lines would be written twice).
	sections := map[string]bool{}
	for _, dev := range d.Devices {
		for _, s := range []string{dev.Name, dev.Agent} {
			if err := word(s); err != nil {
				return err
			}
		}
		sep()
		w.line(append([]string{"device ", dev.Name, dev.Agent}, args(dev.Args)...)...)
		if sections[dev.Name] {
			continue
		}
		sections[dev.Name] = true
		for _, cn := range d.Connects {
			if !cn.Stray && cmp.Or(cn.Section, cn.Device) == dev.Name {
				w.line(append([]string{"connect", cn.Device}, args(cn.Args)...)...)
			}
		}
		for _, u := range d.Unfence {
			if !u.Stray && cmp.Or(u.Section, u.Device) == dev.Name {
				w.line("unfence", u.Device)
			}
		}
	}
	for _, cn := range d.Connects {
		if cn.Stray {
			sep()
			w.line(append([]string{"connect", cn.Device}, args(cn.Args)...)...)
		}
	}
	for _, u := range d.Unfence {
		if u.Stray {
			sep()
			w.line("unfence", u.Device)
		}
	}
	for _, ls := range d.Lockspaces {
		if err := word(ls.Name); err != nil {
			return err
		}
		sep()
		w.line(append([]string{"lockspace", ls.Name}, args(ls.Options)...)...)
		for _, m := range ls.Masters {
			w.line(append([]string{"master   ", ls.Name}, args(m.Args)...)...)
		}
	}
	if len(d.Nodes) > 0 {
		sep()
		for _, n := range d.Nodes {
			w.line(append([]string{"node"}, args(n.Args)...)...)
		}
	}
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}
