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

// emitterAliases are other names --to accepts: "xml" is an input alias of
// the CIB, so it is one for output too.
var emitterAliases = map[string]string{"xml": "cib"}

func emitterByName(name string) *emitter {
	if n, ok := emitterAliases[name]; ok {
		name = n
	}
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
func hasSecrets(c *model.Cluster) bool { return len(model.Secrets(c)) > 0 }
