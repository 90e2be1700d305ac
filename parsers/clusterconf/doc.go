// Package clusterconf reads CMAN/rgmanager cluster.conf files (Red Hat
// Cluster Suite 2/3, RHEL 5/6, Proxmox VE 2-3) into the shared model: the
// common membership part (nodes, votes, transport, totem, quorum with the
// quorum disk, fence devices) and the CMAN block (per-node fence methods,
// unfence, fence_daemon, dlm, logging and the whole rgmanager tree).
//
// The document is read with etree; positions come from a second
// encoding/xml pass over the same bytes. Every diagnostic carries a range.
// The package never prints, never exits and never panics on any input; it
// does not judge the configuration (that is verify's HA6xxx rules) and does
// not convert it (convert/cman.go).
package clusterconf
