package model

import "fmt"

// Walk calls f for every resource in rs and below it, each parent before its
// children: group members, a clone's child, a bundle's primitive. parent is
// nil at the top level. Nil entries are skipped.
func Walk(rs []Resource, f func(r, parent Resource)) {
	for _, r := range rs {
		walk(r, nil, f)
	}
}

func walk(r, parent Resource, f func(r, parent Resource)) {
	switch x := r.(type) {
	case nil:
		return
	case *Primitive:
		if x == nil {
			return
		}
		f(x, parent)
	case *Group:
		if x == nil {
			return
		}
		f(x, parent)
		for _, m := range x.Members {
			if m != nil {
				walk(m, x, f)
			}
		}
	case *Clone:
		if x == nil {
			return
		}
		f(x, parent)
		walk(x.Child, x, f)
	case *Bundle:
		if x == nil {
			return
		}
		f(x, parent)
		if x.Primitive != nil {
			walk(x.Primitive, x, f)
		}
	default:
		panic(fmt.Sprintf("model: unexpected resource type %T", r))
	}
}

// Primitives calls f for every primitive in rs and below it (templates
// included: check IsTemplate), in document order.
func Primitives(rs []Resource, f func(p *Primitive)) {
	Walk(rs, func(r, _ Resource) {
		if p, ok := r.(*Primitive); ok {
			f(p)
		}
	})
}

// CommonOf returns what every resource kind has: id, description and
// attribute sets.
func CommonOf(r Resource) *ResourceCommon {
	switch x := r.(type) {
	case *Primitive:
		return &x.ResourceCommon
	case *Group:
		return &x.ResourceCommon
	case *Clone:
		return &x.ResourceCommon
	case *Bundle:
		return &x.ResourceCommon
	}
	panic(fmt.Sprintf("model: unexpected resource type %T", r))
}
