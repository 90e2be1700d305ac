# pcs 0.9 spellings, still accepted by pcs 0.11 with a deprecation warning.
pcs resource create a ocf:pacemaker:Dummy
pcs resource defaults resource-stickiness=50
pcs resource op defaults timeout=45s
