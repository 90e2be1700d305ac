package verify

// HA15xx: primitives against their agents' metadata (hakit/agents, a
// snapshot of the resource-agents, fence-agents and pacemaker packages).
// Only ocf and stonith agents have metadata there; other classes are not
// checked.

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"hakit/agents"
	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{ID: "HA1501", Title: "Unknown resource or fence agent", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkUnknownAgent,
				Doc: pmDoc("A primitive names an ocf agent of a provider hakit's agent snapshot knows (heartbeat,\n"+
					"pacemaker, linbit, ...), or a fence agent, that the snapshot does not have: usually a typo\n"+
					"(IPAddr2, fence_impilan). Agents of other providers are assumed to be site-local and not reported;\n"+
					"for fence devices only fence_* agents are checked, except those of fence-virt (fence_xvm,\n"+
					"fence_virt), which the snapshot does not cover.",
					"crm_verify is silent: it does not look for agents. Pacemaker fails at the first start with \"not\n"+
						"installed\". hakit goes beyond it.",
					`<primitive id="vip" class="ocf" provider="heartbeat" type="IPAddr2"/>`,
					`<primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/>`)},
			&Rule{ID: "HA1502", Title: "Unknown agent parameter", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkUnknownParam,
				Doc: pmDoc("An instance attribute is not a parameter of the primitive's agent (for fence devices, nor one\n"+
					"of the fencer's pcmk_* parameters). The agent ignores it or fails validation.",
					"crm_verify is silent; hakit goes beyond it.",
					`<nvpair id="vip-ip" name="ipaddr" value="192.168.122.200"/>`,
					`<nvpair id="vip-ip" name="ip" value="192.168.122.200"/>`)},
			&Rule{ID: "HA1503", Title: "Missing required agent parameter", Severity: model.SeverityError, Since: "0.1.0", Check: checkRequiredParam,
				Doc: pmDoc("A parameter the agent's metadata marks required is not set. The agent's validation fails and\n"+
					"the resource does not start. (For fence agents, action, port and plug are filled in by the fencer and\n"+
					"are not required in the CIB.)",
					"crm_verify is silent; hakit goes beyond it.",
					`<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
  <instance_attributes id="fs-ia">
    <nvpair id="fs-dev" name="device" value="/dev/drbd0"/>
  </instance_attributes>
</primitive>`,
					`<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
  <instance_attributes id="fs-ia">
    <nvpair id="fs-dev" name="device" value="/dev/drbd0"/>
    <nvpair id="fs-dir" name="directory" value="/srv"/>
    <nvpair id="fs-type" name="fstype" value="xfs"/>
  </instance_attributes>
</primitive>`)},
			&Rule{ID: "HA1504", Title: "Unique agent parameter shared", Severity: model.SeverityError, Since: "0.1.0", Check: checkUniqueParam,
				Doc: pmDoc("Two primitives of the same agent give the same value to a parameter the metadata marks unique\n"+
					"(two IPaddr2 with one ip, two drbd with one drbd_resource). They would manage the same thing.",
					"crm_verify is silent; hakit goes beyond it.",
					`<nvpair id="vip1-ip" name="ip" value="192.168.122.200"/>
<nvpair id="vip2-ip" name="ip" value="192.168.122.200"/>`,
					`<nvpair id="vip1-ip" name="ip" value="192.168.122.200"/>
<nvpair id="vip2-ip" name="ip" value="192.168.122.201"/>`)},
			&Rule{ID: "HA1505", Title: "Deprecated agent parameter", Severity: model.SeverityWarning, Since: "0.1.0", Check: checkDeprecatedParam,
				Doc: pmDoc("An instance attribute is a parameter the agent's metadata marks deprecated; the finding names\n"+
					"its replacement when the metadata gives one.",
					"crm_verify is silent; hakit goes beyond it.",
					`<nvpair id="fence1-ip" name="ipaddr" value="10.0.0.101"/>`,
					`<nvpair id="fence1-ip" name="ip" value="10.0.0.101"/>`)},
		)
	})
}

// fenceOutsideSnapshot are fence agents of packages the snapshot does not
// cover.
var fenceOutsideSnapshot = map[string]bool{"fence_xvm": true, "fence_virt": true, "fence_pcmk": true, "fence_legacy": true, "fence_sanlock": true}

// fencerHandled are fence agent parameters the fencer supplies itself.
var fencerHandled = map[string]bool{"action": true, "port": true, "plug": true, "nodename": true}

// knownProviders and fencerParamSet read the agent snapshot on first use,
// not at start-up.
var knownProviders = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, a := range agents.All() {
		if a.Class == "ocf" {
			out[a.Provider] = true
		}
	}
	return out
})

var fencerParamSet = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, p := range agents.FencerParams() {
		out[p.Name] = true
	}
	return out
})

// eachAgentPrim calls f for every primitive whose agent the snapshot has.
func eachAgentPrim(ix *pmIndex, f func(pr *model.Primitive, a *agents.Agent)) {
	for _, pr := range ix.prims {
		class, provider, typ := ix.agentOf(pr)
		if class != "ocf" && class != "stonith" {
			continue
		}
		if a, ok := agents.Lookup(class, provider, typ); ok {
			f(pr, a)
		}
	}
}

func checkUnknownAgent(p *Pass) {
	names := map[string][]string{}
	for _, a := range agents.All() {
		k := a.Class + ":" + a.Provider
		names[k] = append(names[k], a.Type)
	}
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		for _, pr := range ix.prims {
			class, provider, typ := ix.agentOf(pr)
			if typ == "" || class == "ocf" && !knownProviders()[provider] || class != "ocf" && class != "stonith" {
				continue
			}
			if class == "stonith" {
				// Only fence_* agents are checked, and not those of packages
				// the snapshot lacks (fence-virt); cluster-glue plugins
				// (external/ipmi, null, ssh) are not checked at all.
				if !strings.HasPrefix(typ, "fence_") || fenceOutsideSnapshot[typ] {
					continue
				}
				provider = ""
			}
			if _, ok := agents.Lookup(class, provider, typ); ok {
				continue
			}
			spec := class + ":" + typ
			if provider != "" {
				spec = class + ":" + provider + ":" + typ
			}
			msg := fmt.Sprintf("%s uses agent %s, which hakit's agent snapshot does not have: Pacemaker will report it as not installed", pr.ID, spec)
			if sg := Suggest(typ, names[class+":"+provider]); sg != "" {
				msg += fmt.Sprintf("; did you mean %q?", sg)
			}
			p.Reportf(ic.at(pr), "%s", msg)
		}
	}
}

func checkUnknownParam(p *Pass) {
	for _, ic := range configs(p) {
		eachAgentPrim(indexOf(p, ic.cfg), func(pr *model.Primitive, a *agents.Agent) {
			var cands []string
			for _, pa := range a.Params {
				cands = append(cands, pa.Name)
			}
			eachPair(pr.InstanceAttrs, func(nv *model.NVPair) {
				if _, ok := a.Param(nv.Name); ok {
					return
				}
				if a.Class == "stonith" && (fencerParamSet()[nv.Name] || strings.HasPrefix(nv.Name, "pcmk_")) {
					return
				}
				msg := fmt.Sprintf("%s is not a parameter of %s (instance attribute of %s)", nv.Name, a, pr.ID)
				if sg := Suggest(nv.Name, cands); sg != "" {
					msg += fmt.Sprintf("; did you mean %q?", sg)
				}
				p.Reportf(ic.at(nv), "%s", msg)
			})
		})
	}
}

func checkRequiredParam(p *Pass) {
	for _, ic := range configs(p) {
		ix := indexOf(p, ic.cfg)
		eachAgentPrim(ix, func(pr *model.Primitive, a *agents.Agent) {
			have := params(pr.InstanceAttrs)
			if t := ix.templates[pr.Template]; t != nil && pr.Template != "" {
				for k, v := range params(t.InstanceAttrs) {
					if _, ok := have[k]; !ok {
						have[k] = v
					}
				}
			}
			var missing []string
			for _, pa := range a.Params {
				if !pa.Required || pa.Deprecated != "" || a.Class == "stonith" && fencerHandled[pa.Name] {
					continue
				}
				if _, ok := have[pa.Name]; ok {
					continue
				}
				// A deprecated alias may carry the value.
				alias := false
				for _, q := range a.Params {
					if q.Deprecated != "" && strings.Contains(","+q.Deprecated+",", ","+pa.Name+",") {
						if _, ok := have[q.Name]; ok {
							alias = true
						}
					}
				}
				if !alias {
					missing = append(missing, pa.Name)
				}
			}
			if len(missing) > 0 {
				sort.Strings(missing)
				p.Reportf(ic.at(pr), "%s (%s) lacks required parameter(s) %s: the agent will refuse to start", pr.ID, a, strings.Join(missing, ", "))
			}
		})
	}
}

func checkUniqueParam(p *Pass) {
	for _, ic := range configs(p) {
		seen := map[string]*model.Primitive{}
		eachAgentPrim(indexOf(p, ic.cfg), func(pr *model.Primitive, a *agents.Agent) {
			have := params(pr.InstanceAttrs)
			names := make([]string, 0, len(have))
			for n := range have {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				pa, ok := a.Param(n)
				if !ok || !pa.Unique {
					continue
				}
				nv := have[n]
				k := a.String() + "\x00" + n + "\x00" + nv.Value
				if first := seen[k]; first != nil && first != pr {
					p.Reportf(ic.at(nv), "%s and %s (%s) both set unique parameter %s=%q: they would manage the same thing", first.ID, pr.ID, a, n, nv.Value)
					continue
				}
				seen[k] = pr
			}
		})
	}
}

func checkDeprecatedParam(p *Pass) {
	for _, ic := range configs(p) {
		eachAgentPrim(indexOf(p, ic.cfg), func(pr *model.Primitive, a *agents.Agent) {
			eachPair(pr.InstanceAttrs, func(nv *model.NVPair) {
				pa, ok := a.Param(nv.Name)
				if !ok || pa.Deprecated == "" {
					return
				}
				msg := fmt.Sprintf("parameter %s of %s (%s) is deprecated", nv.Name, pr.ID, a)
				if pa.Deprecated != "yes" {
					msg += "; use " + pa.Deprecated
				}
				p.Reportf(ic.at(nv), "%s", msg)
			})
		})
	}
}
