// Package sim simulates Pacemaker's scheduler offline: from a cluster model
// (configuration plus, when present, the CIB status section) and a list of
// events, it computes where every resource ends up and which actions the
// transition takes, as crm_simulate prints them.
//
// It reads only *model.Cluster; it never parses files, prints to a terminal
// or exits. It re-implements the documented behaviour of Pacemaker 2.1's
// scheduler (allocation by priority, node scores from locations, stickiness
// and colocations with attenuated influence, clone instance distribution,
// promotion scores, failure handling and fencing, definition changes by
// operation digest, unfencing, live migration) in its own Go code, and it
// is an approximation: see the corpus test for how close it gets.
package sim
