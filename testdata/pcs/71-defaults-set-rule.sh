# pcs 0.11 "resource defaults set": sets with rules (resource, date,
# date-spec, duration, and/or with parentheses), ids as pcs makes them.
pcs resource create d ocf:pacemaker:Dummy
pcs resource defaults set create id=dummies meta resource-stickiness=10 rule resource ocf:pacemaker:Dummy
pcs resource defaults set create meta migration-threshold=3 rule resource ::Dummy or date gt 2024-01-01 and date-spec weekdays=1-5 hours=9-16
pcs resource defaults set create score=100 meta failure-timeout=60s rule '(resource ocf:: or resource :heartbeat:)' and date in_range 2024-01-01 to duration months=2
pcs resource defaults set create meta target-role=Started rule RESOURCE systemd::sshd OR date lt 2030-01-01T00:00:00
pcs resource defaults set create meta a-very-long-meta-attribute-name=1
pcs resource defaults set update dummies meta resource-stickiness=20 priority=5
pcs resource defaults set update dummies meta priority=
pcs resource defaults set remove rsc_defaults-meta_attributes-3
