package parsers

import (
	"hakit/model"
	"hakit/parsers/cib"
	"hakit/parsers/clusterconf"
	"hakit/parsers/corosync"
	"hakit/parsers/crmsh"
	"hakit/parsers/dlm"
	"hakit/parsers/heartbeat"
	"hakit/parsers/pcs"
)

// The formats hakit reads. Each format package adds its entry here once it
// parses; the entries adapt the packages' Parse(src, filename) to Input.
func init() {
	register(&Format{
		Name:    "cib",
		Aliases: []string{"xml"},
		Summary: "Pacemaker CIB XML (cibadmin --query, crm_simulate inputs), with or without status",
		Detect:  func(in *Input) int { return cib.Detect(in.Filename, in.Src) },
		Parse:   func(in *Input) (*model.Cluster, model.Diagnostics) { return cib.Parse(in.Src, in.Filename) },
	})
	register(&Format{
		Name:    "cluster.conf",
		Aliases: []string{"cman", "clusterconf"},
		Summary: "CMAN/rgmanager cluster.conf (RHEL 5/6, Proxmox VE 2-3)",
		Detect:  func(in *Input) int { return clusterconf.Detect(in.Filename, in.Src) },
		Parse:   func(in *Input) (*model.Cluster, model.Diagnostics) { return clusterconf.Parse(in.Src, in.Filename) },
	})
	register(&Format{
		Name:    "heartbeat",
		Aliases: []string{"ha.cf", "authkeys", "haresources"},
		Summary: "Heartbeat 1.x-3.x: ha.cf, authkeys (with its file mode), v1 haresources, a hosts file for node addresses",
		Detect:  func(in *Input) int { return heartbeat.Detect(in.Filename, in.Src) },
		Parse: func(in *Input) (*model.Cluster, model.Diagnostics) {
			return heartbeat.ParseMode(in.Src, in.Filename, in.Mode, in.HasMode)
		},
	})
	register(&Format{
		Name:    "corosync",
		Aliases: []string{"openais", "corosync.conf"},
		Summary: "corosync.conf of openais 0.80, corosync 1.x, 2.x and 3.x",
		Detect:  func(in *Input) int { return corosync.Detect(in.Filename, in.Src) },
		Parse:   func(in *Input) (*model.Cluster, model.Diagnostics) { return corosync.Parse(in.Src, in.Filename) },
	})
	register(&Format{
		Name:    "dlm",
		Aliases: []string{"dlm.conf"},
		Summary: "dlm.conf of dlm_controld 4.x (options, fencing devices, lockspace masters)",
		Detect:  func(in *Input) int { return dlm.Detect(in.Filename, in.Src) },
		Parse:   func(in *Input) (*model.Cluster, model.Diagnostics) { return dlm.Parse(in.Src, in.Filename) },
	})
	register(&Format{
		Name:    "crm",
		Aliases: []string{"crmsh"},
		Summary: "crm shell configure statements (crm configure show / load update)",
		Detect:  func(in *Input) int { return crmsh.Detect(in.Filename, in.Src) },
		Parse:   func(in *Input) (*model.Cluster, model.Diagnostics) { return crmsh.Parse(in.Src, in.Filename) },
	})
	register(&Format{
		Name:    "pcs",
		Summary: "shell script of pcs commands (pcs 0.9-0.12)",
		Detect:  func(in *Input) int { return pcs.Detect(in.Src, in.Filename) },
		Parse:   func(in *Input) (*model.Cluster, model.Diagnostics) { return pcs.Parse(in.Src, in.Filename) },
	})
}
