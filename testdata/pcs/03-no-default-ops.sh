pcs resource create d1 ocf:pacemaker:Dummy --no-default-ops
pcs resource create d2 ocf:pacemaker:Dummy op start timeout=30s op stop timeout=40s --no-default-ops
