pcs property set stonith-enabled=false no-quorum-policy=freeze
pcs property set maintenance-mode=false
pcs resource defaults update resource-stickiness=100 migration-threshold=3
pcs resource op defaults update timeout=60s
pcs property unset maintenance-mode
