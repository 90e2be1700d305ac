pcs resource create a ocf:pacemaker:Dummy
pcs resource op delete a monitor interval=10s # want HA3010
