package verify

// HA45xx: dlm.conf. HA4501-HA4507 are reported by the dlm parser
// (parsers/dlm); HA4510-HA4514 are rules on the parsed model, some of them
// reading a corosync.conf or a CIB checked alongside.

import (
	"fmt"
	"sort"
	"strings"

	"hakit/model"
	"hakit/parsers/dlm"
)

func init() { registerLazy(func() { Register(dlmRules()...) }) }

func dlmParserDoc(what, bad, good string) string {
	return csDoc("Reported by the dlm.conf parser (parsers/dlm): "+what, bad, good)
}

// dlmConfs returns the DLM blocks of the pass with their inputs.
func dlmConfs(p *Pass) []*model.Membership {
	var out []*model.Membership
	for _, in := range p.Inputs {
		if in != nil && in.Cluster != nil && in.Cluster.Membership != nil && in.Cluster.Membership.DLM != nil {
			out = append(out, in.Cluster.Membership)
		}
	}
	if len(p.Inputs) == 0 && p.Merged != nil && p.Merged.Membership != nil && p.Merged.Membership.DLM != nil {
		out = append(out, p.Merged.Membership)
	}
	return out
}

func dlmRules() []*Rule {
	return []*Rule{
		{ID: "HA4501", Title: "dlm.conf line not understood", Severity: model.SeverityError, Since: "0.1.0",
			Doc: dlmParserDoc("a fence_all, lockspace, master or node line without its required words, or a binary file.",
				"fence_all\nnode mark=1", "fence_all dlm_stonith\nnode id=1 mark=1")},
		{ID: "HA4502", Title: "indented dlm.conf line ignored", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: dlmParserDoc("dlm_controld takes the key from column 1: an indented line yields an empty key and is silently "+
				"ignored; it also ends a device or lockspace section.",
				"  post_join_delay=10", "post_join_delay=10")},
		{ID: "HA4503", Title: "non-numeric dlm boolean or integer", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: dlmParserDoc("dlm_controld converts booleans and integers with atoi: `enable_fencing=yes` means 0 and turns "+
				"fencing off. Write 0 or 1.",
				"enable_fencing=yes", "enable_fencing=1")},
		{ID: "HA4504", Title: "dlm option without a value", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: dlmParserDoc("a known option written without `=value`: dlm_controld logs \"Failed to parse config line\" and "+
				"sets the option to whatever value the previous option line left behind.",
				"plock_rate_limit=10\nenable_plock", "plock_rate_limit=10\nenable_plock=1")},
		{ID: "HA4505", Title: "text after a dlm value ignored", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: dlmParserDoc("the value is one word; anything after it (such as an inline `# comment`) is ignored. "+
				"dlm.conf has comments only at the start of a line.",
				"protocol=tcp # force TCP", "# force TCP\nprotocol=tcp")},
		{ID: "HA4506", Title: "dlm.conf line never read", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: dlmParserDoc("a line dlm_controld skips: a connect or unfence line after a blank line ended its device section, "+
				"a second fence_all, an unfence_all that does not directly follow fence_all, a master line outside its "+
				"lockspace block, a line longer than 255 bytes.",
				"device foo fence_foo ipaddr=1.1.1.1\n\nconnect foo node=1 port=1", "device foo fence_foo ipaddr=1.1.1.1\nconnect foo node=1 port=1")},
		{ID: "HA4507", Title: "malformed dlm device section", Severity: model.SeverityError, Since: "0.1.0",
			Doc: dlmParserDoc("a device section that dlm_controld rejects as a whole (-EINVAL, no fencing at all): a line other "+
				"than connect/unfence inside it, a connect or unfence naming another device, a device line without an agent, "+
				"a connect without node=.",
				"device foo fence_foo\nconnect bar node=1\npost_join_delay=10", "device foo fence_foo\nconnect foo node=1\n\npost_join_delay=10")},
		{ID: "HA4510", Title: "connect or unfence for an undefined device", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("Every connect and unfence line must name a device defined by a device line; otherwise the node has no "+
				"way to be fenced through it.",
				"device foo fence_foo ipaddr=1.1.1.1\nconnect fooo node=1 port=1", "device foo fence_foo ipaddr=1.1.1.1\nconnect foo node=1 port=1"),
			Check: func(p *Pass) {
				for _, m := range dlmConfs(p) {
					devs := map[string]bool{}
					for _, d := range m.DLM.Devices {
						devs[d.Name] = true
					}
					for _, c := range m.DLM.Connects {
						if !devs[c.Device] {
							p.Reportf(c.Range, "connect names device %q, which no device line defines", c.Device)
						}
					}
					for _, u := range m.DLM.Unfence {
						if !devs[u.Device] {
							p.Reportf(u.Range, "unfence names device %q, which no device line defines", u.Device)
						}
					}
				}
			}},
		{ID: "HA4511", Title: "dlm node id not in the corosync nodelist", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("dlm.conf names nodes by corosync nodeid (connect node=, master node=, node id=). When a corosync.conf is "+
				"checked alongside, every such id must be a nodeid of its nodelist; an unknown id is a node that never fences "+
				"or masters anything (often an id left over from IP-derived corosync 2 ids).",
				"# corosync nodelist has nodeids 1 and 2\nconnect foo node=3 port=3", "connect foo node=2 port=2"),
			Check: func(p *Pass) {
				ids := map[uint32]bool{}
				have := false
				for _, m := range corosyncMembers(p) {
					for _, n := range m.Nodes {
						if n.NodeID > 0 {
							ids[n.NodeID], have = true, true
						}
					}
				}
				if !have {
					return
				}
				known := make([]string, 0, len(ids))
				for id := range ids {
					known = append(known, fmt.Sprint(id))
				}
				sort.Strings(known)
				check := func(id uint32, r model.Range, what string) {
					if id != 0 && !ids[id] {
						p.Reportf(r, "%s %d is not a nodeid of the corosync nodelist (%s)", what, id, strings.Join(known, ", "))
					}
				}
				for _, m := range dlmConfs(p) {
					for _, c := range m.DLM.Connects {
						check(c.Node, c.Range, "connect node")
					}
					for _, l := range m.DLM.Lockspaces {
						for _, ma := range l.Masters {
							check(ma.Node, ma.Range, "master node")
						}
					}
					for _, n := range m.DLM.Nodes {
						check(n.ID, n.Range, "node id")
					}
				}
			}},
		{ID: "HA4512", Title: "fence_all together with device sections", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("fence_all and device sections exclude each other: a fence_all after a device line is an error for "+
				"dlm_controld, and device sections after fence_all are never read.",
				"fence_all dlm_stonith\n\ndevice foo fence_foo ipaddr=1.1.1.1\nconnect foo node=1", "fence_all dlm_stonith"),
			Check: func(p *Pass) {
				for _, m := range dlmConfs(p) {
					fa := m.DLM.FenceAll
					if fa == nil {
						continue
					}
					for _, d := range m.DLM.Devices {
						if d.Range.Start.Byte < fa.Range.Start.Byte {
							p.Reportf(fa.Range, "fence_all after device %q (line %d): dlm_controld rejects the fencing configuration", d.Name, d.Range.Start.Line)
							break
						}
					}
					for _, d := range m.DLM.Devices {
						if d.Range.Start.Byte > fa.Range.Start.Byte {
							p.Reportf(d.Range, "device %q after fence_all: dlm_controld stops reading fencing lines at fence_all and never uses it", d.Name)
						}
					}
				}
			}},
		{ID: "HA4513", Title: "unknown dlm.conf key", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("dlm_controld ignores unknown keys silently, and keys are case-sensitive: a typo or an option of another "+
				"version (timewarn, enable_deadlk, cluster-3's enable_quorum) has no effect.",
				"post_join_dealy=10\nLOG_DEBUG=1", "post_join_delay=10\nlog_debug=1"),
			Check: func(p *Pass) {
				for _, m := range dlmConfs(p) {
					for _, o := range m.DLM.Options {
						if _, ok := dlm.Known[o.Name]; ok {
							continue
						}
						hint := ""
						if s := Suggest(o.Name, dlmKnownNames()); s != "" {
							hint = fmt.Sprintf(" (did you mean %s?)", s)
						}
						p.Reportf(o.Range, "unknown dlm.conf key %q: dlm_controld ignores it%s", o.Name, hint)
					}
				}
			}},
		{ID: "HA4514", Title: "dlm fencing disabled with a cluster file system", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csDoc("GFS2 and OCFS2 rely on DLM, and DLM relies on fencing to recover locks of a failed node safely. With "+
				"enable_fencing=0 (or a value dlm reads as 0, like `yes`) a failed node's locks are released without fencing it, "+
				"which corrupts the file system. Reported when a CIB with a gfs2/ocfs2 Filesystem or a controld resource is checked "+
				"alongside.",
				"enable_fencing=0", "enable_fencing=1"),
			Check: func(p *Pass) {
				var cfgs []*model.Configuration
				for _, in := range p.Inputs {
					if in != nil && in.Cluster != nil && in.Cluster.Config != nil {
						cfgs = append(cfgs, in.Cluster.Config)
					}
				}
				if len(p.Inputs) == 0 && p.Merged != nil && p.Merged.Config != nil {
					cfgs = append(cfgs, p.Merged.Config)
				}
				why := ""
				for _, cfg := range cfgs {
					model.Primitives(cfg.Resources, func(r *model.Primitive) {
						if why != "" {
							return
						}
						switch {
						case r.Type == "controld":
							why = "resource " + r.ID + " runs dlm_controld"
						case r.Type == "Filesystem":
							if fs, ok := model.Lookup(r.InstanceAttrs, "fstype"); ok && (fs == "gfs2" || fs == "ocfs2") {
								why = "resource " + r.ID + " mounts a " + fs + " file system"
							}
						}
					})
				}
				if why == "" {
					return
				}
				for _, m := range dlmConfs(p) {
					o, ok := m.DLM.Options.Get("enable_fencing")
					if !ok || dlm.Effective(m.DLM, "enable_fencing") != "0" {
						continue
					}
					p.Reportf(o.Range, "dlm fencing is off (enable_fencing=%s) but %s: a failed node's locks are recovered without fencing it", o.Value, why)
				}
			}},
	}
}

func dlmKnownNames() []string {
	out := make([]string, 0, len(dlm.Known))
	for k := range dlm.Known {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
