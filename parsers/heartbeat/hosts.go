package heartbeat

import (
	"net"
	"strings"

	"hakit/model"
)

// ParseHosts parses an /etc/hosts-style file ("address name [alias...]",
// "#" comments) given to the converter for node addresses. The result is a
// Membership of Origin "heartbeat" holding only Heartbeat.Hosts.
func ParseHosts(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	f := newFile(src, filename)
	h := &model.HostsFile{}
	h.Range = f.rng(0, len(src))
	hb := &model.Heartbeat{Hosts: h}
	hb.Range = h.Range
	m := &model.Membership{Origin: "heartbeat", Heartbeat: hb}
	m.Range = h.Range
	c := &model.Cluster{Membership: m}
	if !f.checkText("hosts file") {
		return c, f.diags
	}
	for _, ln := range splitLines(src) {
		end := ln.end
		if i := strings.IndexByte(string(src[ln.start:ln.end]), '#'); i >= 0 {
			end = ln.start + i
		}
		toks := tokenize(src, ln.start, end, blankDelims)
		if len(toks) == 0 {
			continue
		}
		if net.ParseIP(strings.SplitN(toks[0].text, "%", 2)[0]) == nil {
			f.errorf(toks[0].start, toks[0].end, CodeHostsSyntax, "hosts line: %q is not an IP address", toks[0].text)
			continue
		}
		if len(toks) < 2 {
			f.errorf(toks[0].start, toks[0].end, CodeHostsSyntax, "hosts line: address %s has no host name", toks[0].text)
			continue
		}
		e := &model.HostsEntry{Addr: toks[0].text}
		e.Range = f.rng(toks[0].start, toks[len(toks)-1].end)
		for _, t := range toks[1:] {
			e.Names = append(e.Names, t.text)
		}
		h.Entries = append(h.Entries, e)
	}
	return c, f.diags
}
