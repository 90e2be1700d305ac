# A second monitor needs --force in pcs 0.11.
pcs resource create d ocf:pacemaker:Dummy op monitor interval=10s --no-default-ops
pcs resource op add d monitor interval=60s OCF_CHECK_LEVEL=10 --force
