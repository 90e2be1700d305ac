pcs resource create a ocf:pacemaker:Dummy meta resource-stickiness=100 migration-threshold=3
pcs resource meta a failure-timeout=60s
pcs resource meta a migration-threshold=
