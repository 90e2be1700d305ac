package sim

import (
	"crypto/md5"
	"encoding/hex"
	"sort"
	"strings"

	"hakit/model"
)

// Definition changes. Pacemaker records with every operation an MD5 digest
// of the parameters it ran with (op-digest): the resource's instance
// attributes plus the operation's own, CRM_meta_* excluded, serialized as
// one sorted <parameters/> element. A non-recurring operation whose digest
// no longer matches the configuration makes the resource restart.

// paramsDigest is the digest Pacemaker computes for a parameter set.
func paramsDigest(params map[string]string) string {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(" <parameters")
	for _, k := range names {
		b.WriteString(" " + k + "=\"" + escapeAttr(params[k]) + "\"")
	}
	b.WriteString("/>\n")
	sum := md5.Sum([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

func escapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;").Replace(s)
}

// opParams is the parameter set of task (interval 0) of primitive r on n,
// and whether the operation's definition adds parameters of its own.
func (w *world) opParams(r *resource, task string, n *node) (map[string]string, bool) {
	params := map[string]string{}
	sets := append([]*model.NVSet(nil), r.prim.InstanceAttrs...)
	if r.tmpl != nil {
		sets = append(sets, r.tmpl.InstanceAttrs...)
	}
	w.evalSets(sets, params, n)
	for _, p := range []*model.Primitive{r.prim, r.tmpl} {
		if p == nil || p.Operations == nil {
			continue
		}
		for _, op := range p.Operations.Ops {
			if op.Name != task || parseDurationMS(op.Interval) != 0 {
				continue
			}
			extra := map[string]string{}
			w.evalSets(op.InstanceAttrs, extra, n)
			for k, v := range extra {
				if _, ok := params[k]; !ok {
					params[k] = v
				}
			}
			return params, len(extra) > 0
		}
	}
	return params, false
}

// agentChanged tells whether the history was recorded for another agent
// (class, provider or type) than the one configured now.
func (w *world) agentChanged(r *resource, lr *model.LRMResource) bool {
	p := r.prim
	class, provider, typ := p.Class, p.Provider, p.Type
	if r.tmpl != nil && class == "" {
		class, provider, typ = r.tmpl.Class, r.tmpl.Provider, r.tmpl.Type
	}
	differ := func(have, want string) bool { return have != "" && want != "" && have != want }
	return differ(lr.Attrs.Value("class"), class) || differ(lr.Attrs.Value("type"), typ) ||
		differ(lr.Attrs.Value("provider"), provider)
}

// definitionChanged tells whether a non-recurring operation recorded
// since the resource's last start ran with other parameters than the
// configuration now gives it: "restart", "reload" (only parameters the
// agent can reload changed: the operation has an op-restart-digest over
// the others, op-force-restart, and that one still matches) or "". ops are
// sorted by call id.
func (w *world) definitionChanged(r *resource, n *node, lr *model.LRMResource, ops []opRec) string {
	if r.prim == nil || r.top().bundle != nil {
		return ""
	}
	if w.agentChanged(r, lr) {
		return "restart"
	}
	start, stop, impliedMon, impliedClone := -1, -1, -1, -1
	for i, o := range ops {
		switch {
		case o.task == "stop" && o.status == 0:
			stop = i
		case o.task == "start" || o.task == "migrate_from":
			start = i
		case impliedMon <= stop && o.task == "monitor":
			if o.rc == 0 || o.rc == 8 {
				impliedMon = i
			}
		case o.task == "promote" || o.task == "demote":
			impliedClone = i
		}
	}
	if start == -1 {
		start = impliedClone
		if start == -1 {
			start = impliedMon
		}
	}
	if start == -1 || start < stop {
		return ""
	}
	res := ""
	for _, o := range ops[start:] {
		if o.interval != 0 {
			continue
		}
		switch o.task {
		case "start", "monitor", "promote", "migrate_from":
		default:
			continue
		}
		d := o.op.Attrs.Value("op-digest")
		if d == "" {
			continue
		}
		params, extra := w.opParams(r, o.task, n)
		if w.sanitizedMatch(r, o.op, params) {
			continue
		}
		if rd := o.op.Attrs.Value("op-restart-digest"); rd != "" {
			keep := map[string]string{}
			for _, name := range strings.Fields(o.op.Attrs.Value("op-force-restart")) {
				if v, ok := params[name]; ok {
					keep[name] = v
				}
			}
			if rd != paramsDigest(keep) {
				return "restart"
			}
			if d != paramsDigest(params) {
				// Operation-level parameters (trace_ra) apply only
				// through a restart.
				if extra {
					return "restart"
				}
				res = "reload"
			}
			continue
		}
		if d != paramsDigest(params) {
			return "restart"
		}
	}
	return res
}

// sanitizedMatch tells whether the operation's digest over its non-secret
// parameters (op-secure-digest: without op-secure-params and, for fencing
// devices, without the pcmk_* parameters) still matches. crm_simulate works
// on sanitized CIBs, where secrets read "****", so such a match counts as
// no change.
func (w *world) sanitizedMatch(r *resource, op *model.LRMOp, params map[string]string) bool {
	sd := op.Attrs.Value("op-secure-digest")
	if sd == "" {
		return false
	}
	secret := map[string]bool{}
	for _, name := range strings.Fields(op.Attrs.Value("op-secure-params")) {
		secret[name] = true
	}
	rest := map[string]string{}
	for k, v := range params {
		if secret[k] || r.class == "stonith" && strings.HasPrefix(k, "pcmk_") {
			continue
		}
		rest[k] = v
	}
	return paramsDigest(rest) == sd
}
