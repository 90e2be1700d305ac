package main

import (
	"errors"
	"io"

	emitcib "hakit/emit/cib"
	emitcorosync "hakit/emit/corosync"
	emitcrmsh "hakit/emit/crmsh"
	emitdlm "hakit/emit/dlm"
	emithacluster "hakit/emit/hacluster"
	emitjson "hakit/emit/json"
	emitpcs "hakit/emit/pcs"
	emityaml "hakit/emit/yaml"
	"hakit/model"
)

func init() {
	emitterList = append(emitterList,
		&emitter{name: "cib", summary: "Pacemaker CIB XML (validates against the schema it names)", file: "cib.xml", modern: true,
			emit: func(w io.Writer, c *model.Cluster, _ emitOptions) (model.Diagnostics, error) {
				return nil, emitcib.Emit(w, c, emitcib.Options{})
			}},
		&emitter{name: "crm", summary: "crm shell configure syntax, as crm configure show prints it", file: "cluster.crm", modern: true,
			emit: func(w io.Writer, c *model.Cluster, _ emitOptions) (model.Diagnostics, error) {
				if c.Config == nil {
					return nil, errNoPacemaker
				}
				return nil, emitcrmsh.Emit(w, c, emitcrmsh.Options{})
			}},
		&emitter{name: "pcs", summary: "a pcs 0.11/0.12 script that rebuilds the cluster (passwords as variables)", file: "cluster.sh", modern: true,
			emit: func(w io.Writer, c *model.Cluster, _ emitOptions) (model.Diagnostics, error) {
				return emitpcs.EmitWithReport(w, c, emitpcs.Options{})
			}},
		&emitter{name: "corosync", summary: "corosync 3 corosync.conf (knet by default)", file: "corosync.conf", modern: true,
			emit: func(w io.Writer, c *model.Cluster, o emitOptions) (model.Diagnostics, error) {
				if c.Membership == nil {
					return nil, errNoMembership
				}
				return nil, emitcorosync.Emit(w, c, emitcorosync.Options{Transport: o.transport})
			}},
		&emitter{name: "dlm", summary: "dlm_controld's dlm.conf", file: "dlm.conf",
			emit: func(w io.Writer, c *model.Cluster, _ emitOptions) (model.Diagnostics, error) {
				if c.Membership == nil || c.Membership.DLM == nil {
					return nil, errors.New("the input has no DLM settings (dlm.conf or cluster.conf <dlm>)")
				}
				return nil, emitdlm.Emit(w, c, emitdlm.Options{})
			}},
		&emitter{name: "yaml", summary: "the model as YAML (secrets redacted)", file: "cluster.yaml",
			emit: func(w io.Writer, c *model.Cluster, _ emitOptions) (model.Diagnostics, error) {
				return nil, emityaml.Emit(w, c, emityaml.Options{})
			}},
		&emitter{name: "json", summary: "the model as JSON (secrets redacted)", file: "cluster.json",
			emit: func(w io.Writer, c *model.Cluster, _ emitOptions) (model.Diagnostics, error) {
				return nil, emitjson.Emit(w, c, emitjson.Options{})
			}},
	)
}

var (
	errNoPacemaker  = errors.New("the input has no Pacemaker configuration (a CIB, crm or pcs script, haresources, or cluster.conf <rm>)")
	errNoMembership = errors.New("the input has no membership layer (corosync.conf, ha.cf, cluster.conf, or pcs cluster setup)")
)

func init() {
	emitterList = append(emitterList,
		&emitter{name: "ha-cluster", summary: "variables of the linux-system-roles ha_cluster Ansible role (secrets as vault variables)", file: "ha_cluster.yml", modern: true,
			emit: func(w io.Writer, c *model.Cluster, _ emitOptions) (model.Diagnostics, error) {
				return emithacluster.Emit(w, c, emithacluster.Options{})
			}})
}
