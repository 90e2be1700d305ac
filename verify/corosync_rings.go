package verify

import (
	"fmt"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA4123", Title: "rrp_mode without a second ring", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkRRPOneRing,
			Doc: csDoc("corosync 1.x/2.x `rrp_mode: active` or `passive` with only one ring (one totem interface and no "+
				"ring1_addr on the nodes). corosync accepts it (totemconfig.c only refuses more rings than the mode allows) "+
				"but there is nothing to be redundant with: the cluster has a single communication path, and whoever set "+
				"rrp_mode believed otherwise. Add the second ring (interface ringnumber 1, ring1_addr per node) or set "+
				"rrp_mode: none.",
				"totem {\n    rrp_mode: active\n    interface {\n        ringnumber: 0\n        bindnetaddr: 10.0.0.0\n    }\n}",
				"totem {\n    rrp_mode: active\n    interface {\n        ringnumber: 0\n        bindnetaddr: 10.0.0.0\n    }\n"+
					"    interface {\n        ringnumber: 1\n        bindnetaddr: 10.0.1.0\n    }\n}")})
	})
}

func checkRRPOneRing(p *Pass) {
	eachCorosync(p, func(m *model.Membership) {
		if m.Version == "3" {
			return // corosync 3 ignores rrp_mode: HA4150
		}
		o, ok := m.Totem.Get("rrp_mode")
		if !ok || o == nil {
			return
		}
		mode := strings.TrimSpace(o.Value)
		if mode != "active" && mode != "passive" {
			return
		}
		rings := map[int]bool{}
		for _, l := range m.Links {
			if l != nil {
				rings[l.Number] = true
			}
		}
		for _, n := range m.Nodes {
			if n == nil {
				continue
			}
			for _, a := range n.Addrs {
				if a != nil {
					rings[a.Link] = true
				}
			}
		}
		if len(rings) >= 2 {
			return
		}
		p.Reportf(o.Range, "%s", fmt.Sprintf("rrp_mode: %s with a single ring: there is no second ring to be redundant with; add ring 1 (an interface with ringnumber 1 and ring1_addr on every node) or set rrp_mode: none", mode))
	})
}
