pcs resource create a ocf:pacemaker:Dummy
pcs resource op add a monitor interval=30s # want HA3011
