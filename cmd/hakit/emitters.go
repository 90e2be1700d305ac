package main

import (
	"io"

	"hakit/model"
)

// emitter is one output format of `hakit convert`.
type emitter struct {
	name    string
	summary string
	// file is the name used when -o names a directory.
	file string
	// modern marks targets that a legacy input is converted for (corosync 3 +
	// Pacemaker); yaml and json show the model as read.
	modern bool
	emit   func(w io.Writer, c *model.Cluster, o emitOptions) (model.Diagnostics, error)
}

// emitOptions are the convert flags an emitter may read.
type emitOptions struct {
	transport string
}

// emitterList is filled by the emit_*.go files of this package.
var emitterList []*emitter

func emitters() []*emitter { return emitterList }

func emitterByName(name string) *emitter {
	for _, e := range emitterList {
		if e.name == name {
			return e
		}
	}
	return nil
}

func emitterNames() []string {
	var ns []string
	for _, e := range emitterList {
		ns = append(ns, e.name)
	}
	return ns
}

// hasSecrets reports whether c holds anything a file should be 0600 for:
// fence passwords in instance attributes, authkeys, corosync keys.
func hasSecrets(c *model.Cluster) bool {
	if c == nil {
		return false
	}
	if m := c.Membership; m != nil {
		if m.AuthKeys != nil || (m.Crypto != nil && !m.Crypto.Key.IsZero()) || len(m.FenceDevices) > 0 {
			return true
		}
	}
	found := false
	var visitSets func(sets []*model.NVSet)
	visitSets = func(sets []*model.NVSet) {
		for _, s := range sets {
			for _, p := range s.Pairs {
				if model.IsSensitive(p.Name) {
					found = true
				}
			}
		}
	}
	var visit func(r model.Resource)
	visit = func(r model.Resource) {
		switch r := r.(type) {
		case *model.Primitive:
			visitSets(r.InstanceAttrs)
		case *model.Group:
			for _, m := range r.Members {
				visit(m)
			}
		case *model.Clone:
			if r.Child != nil {
				visit(r.Child)
			}
		case *model.Bundle:
			if r.Primitive != nil {
				visit(r.Primitive)
			}
		default:
			panic("hasSecrets: unexpected resource type")
		}
	}
	if c.Config != nil {
		for _, r := range c.Config.Resources {
			visit(r)
		}
	}
	return found
}
