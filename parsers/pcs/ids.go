package pcs

import (
	"slices"
	"strconv"
	"strings"

	"hakit/model"
)

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// idError returns why s is not a valid CIB id as pcs checks it, or "".
func idError(s string) string {
	if s == "" {
		return "id cannot be empty"
	}
	for i, r := range s {
		letter := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
		if i == 0 && !letter {
			return "'" + string(r) + "' is not a valid first character for an id"
		}
		if i > 0 && !letter && !(r < 128 && (r >= '0' && r <= '9' || r == '.' || r == '-')) {
			return "'" + string(r) + "' is not a valid character for an id"
		}
	}
	return ""
}

// checkNewID reports an invalid or taken id given by the user; it returns
// false when the id cannot be used.
func (p *parser) checkNewID(w word, what string) bool {
	if e := idError(w.s); e != "" {
		p.diags.Errorf(w.r, "HA3008", "invalid %s '%s': %s", what, w.s, e)
		return false
	}
	if p.ids[w.s] {
		p.diags.Errorf(w.r, "HA3011", "id '%s' already exists", w.s)
		return false
	}
	return true
}

// unique returns base, or base-1, base-2, ... the first not taken, as pcs's
// find_unique_id; it does not reserve it.
func (p *parser) unique(base string) string {
	if !p.ids[base] {
		return base
	}
	for i := 1; ; i++ {
		id := base + "-" + strconv.Itoa(i)
		if !p.ids[id] {
			return id
		}
	}
}

// take reserves a unique id built from base.
func (p *parser) take(base string) string {
	id := p.unique(base)
	p.ids[id] = true
	return id
}

// release forgets the ids of a removed subtree.
func (p *parser) release(e any) {
	walkIDs(e, func(id string) { delete(p.ids, id) })
}

// walkIDs calls f with every id inside a resource or constraint.
func walkIDs(e any, f func(string)) {
	sets := func(ss []*model.NVSet) {
		for _, s := range ss {
			f(s.ID)
			for _, np := range s.Pairs {
				f(np.ID)
			}
			if s.Rule != nil {
				walkIDs(s.Rule, f)
			}
		}
	}
	common := func(rc *model.ResourceCommon) {
		f(rc.ID)
		sets(rc.MetaAttrs)
		sets(rc.InstanceAttrs)
		sets(rc.Utilization)
	}
	switch x := e.(type) {
	case *model.Primitive:
		common(&x.ResourceCommon)
		if x.Operations != nil {
			f(x.Operations.ID)
			for _, op := range x.Operations.Ops {
				f(op.ID)
				sets(op.InstanceAttrs)
				sets(op.MetaAttrs)
			}
		}
	case *model.Group:
		common(&x.ResourceCommon)
		for _, m := range x.Members {
			walkIDs(m, f)
		}
	case *model.Clone:
		common(&x.ResourceCommon)
		walkIDs(x.Child, f)
	case *model.Bundle:
		common(&x.ResourceCommon)
		if x.Network != nil {
			for _, pm := range x.Network.PortMappings {
				f(pm.Attrs.Value("id"))
			}
		}
		for _, sm := range x.Storage {
			f(sm.Attrs.Value("id"))
		}
		if x.Primitive != nil {
			walkIDs(x.Primitive, f)
		}
	case *model.Location:
		f(x.ID)
		for _, r := range x.Rules {
			walkIDs(r, f)
		}
		for _, s := range x.Sets {
			f(s.ID)
		}
	case *model.Colocation:
		f(x.ID)
		for _, s := range x.Sets {
			f(s.ID)
		}
	case *model.Order:
		f(x.ID)
		for _, s := range x.Sets {
			f(s.ID)
		}
	case *model.Ticket:
		f(x.ID)
		for _, s := range x.Sets {
			f(s.ID)
		}
	case *model.Rule:
		f(x.ID)
		for _, ex := range x.Expressions {
			switch ex := ex.(type) {
			case *model.Expr:
				f(ex.ID)
			case *model.DateExpr:
				f(ex.ID)
				if ex.DateSpec != nil {
					f(ex.DateSpec.ID)
				}
				if ex.Duration != nil {
					f(ex.Duration.ID)
				}
			case *model.OpExpr:
				f(ex.ID)
			case *model.RscExpr:
				f(ex.ID)
			case *model.Rule:
				walkIDs(ex, f)
			}
		}
	}
}

// setNV sets name=value in the first set of kind in sets, creating the set
// (id base) when there is none; an empty value removes the pair. It returns
// the set.
func (p *parser) setNV(sets *[]*model.NVSet, kind, base, name, value string, r model.Range) *model.NVSet {
	var s *model.NVSet
	for _, x := range *sets {
		if x.Kind == kind && x.Rule == nil {
			s = x
			break
		}
	}
	if s == nil {
		if value == "" {
			return nil
		}
		s = &model.NVSet{Base: model.Base{Range: r}, Kind: kind, ID: p.take(base)}
		*sets = append(*sets, s)
	}
	for i, np := range s.Pairs {
		if np.Name == name {
			if value == "" {
				delete(p.ids, np.ID)
				s.Pairs = slices.Delete(s.Pairs, i, i+1)
			} else {
				np.Value = value
			}
			return s
		}
	}
	if value != "" {
		s.Pairs = append(s.Pairs, &model.NVPair{Base: model.Base{Range: r}, ID: p.take(s.ID + "-" + name), Name: name, Value: value})
	}
	return s
}

// nvArg is a name=value argument.
type nvArg struct {
	name, value string
	w           word
}

// nvPairs reads name=value words; a word without "=" is reported.
func (p *parser) nvPairs(ws []word, what string) []nvArg {
	var out []nvArg
	for _, w := range ws {
		n, v, ok := strings.Cut(w.s, "=")
		if !ok || n == "" {
			p.diags.Errorf(w.r, "HA3009", "missing value of '%s' %s, use name=value", w.s, what)
			continue
		}
		out = append(out, nvArg{n, v, w})
	}
	return out
}
