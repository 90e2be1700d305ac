pcs resource defaults update resource-stickiness=100 migration-threshold=2
pcs resource op defaults update timeout=60s
pcs resource defaults update migration-threshold=
