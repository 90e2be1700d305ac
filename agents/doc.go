// Package agents is hakit's embedded snapshot of resource and fence agent
// metadata and of Pacemaker's cluster options.
//
// crmsh and pcs can check resource parameters, and pcs can fill in an agent's
// default operations, only on a machine with the agents installed; CI runners
// and the machines hakit lints on never have them. This package answers the
// same questions from a snapshot taken once, on a Debian machine with
// resource-agents, pacemaker-resource-agents, fence-agents, drbd-utils,
// pacemaker and pacemaker-cli-utils installed:
//
//   - Lookup and All: OCF agents ("ocf", provider, type) and fence agents
//     ("stonith", no provider, fence_*) with their parameters and actions;
//   - ClusterOptions: the crm_config properties the Pacemaker daemons accept
//     (pacemaker-based, -controld, -schedulerd), with types, defaults and
//     allowed values;
//   - FencerParams: the pcmk_* device parameters pacemaker-fenced accepts on
//     every stonith resource;
//   - Agent.DefaultOps and Agent.NecessaryOps: the operations
//     "pcs resource create" copies from an agent into a new resource;
//   - Snapshot: what the snapshot holds and which package versions it was
//     taken from.
//
// Everything is read-only. The package never runs an agent, a daemon or any
// other program, reads no file at run time and needs no agent installed: it
// only decodes the embedded snapshot.json, lazily, on first use. Values
// returned point into that shared data and must not be modified.
//
// # Regenerating
//
// The snapshot is written by the generator in internal/gen, the only code
// that runs agents (each with its meta-data action and a timeout). On a
// machine with the packages above installed:
//
//	go generate ./agents/
//
// which runs "go run ./internal/gen -o snapshot.json" in this directory. The
// output is deterministic (agents sorted by class, provider and type; one
// record per line), so a regeneration diffs by agent; agents whose metadata
// could not be read are listed on stderr and in SnapshotInfo.Skipped. Commit
// the result together with any test expectations it changes.
package agents

//go:generate go run ./internal/gen -o snapshot.json
