// Command gen writes the agent metadata snapshot that package agents embeds.
//
// It is the only part of hakit that runs resource agents, fence agents or
// Pacemaker daemons, and it runs them only for their meta-data action:
//
//   - every executable /usr/lib/ocf/resource.d/<provider>/<type>, run as
//     "<type> meta-data" with OCF_ROOT set (class "ocf");
//   - every /usr/sbin/fence_*, run as "fence_x -o metadata" (class "stonith");
//   - the Pacemaker daemons' "metadata" action: pacemaker-based,
//     pacemaker-controld and pacemaker-schedulerd for the cluster options and
//     pacemaker-fenced for the generic fence device parameters (pcmk_*), with
//     crm_attribute/crm_resource --list-options as a fallback on Pacemaker
//     versions whose daemons no longer print metadata.
//
// Each run has a timeout. An agent that fails, times out or prints no
// parsable metadata is skipped, named in the snapshot's info and reported on
// stderr. The installed package versions (dpkg-query) are recorded too.
//
// Usage, from the agents directory (or via "go generate ./agents/"):
//
//	go run ./internal/gen -o snapshot.json
//
// An output name ending in ".gz" is gzip-compressed. The output is
// deterministic for a given set of installed packages.
package main
