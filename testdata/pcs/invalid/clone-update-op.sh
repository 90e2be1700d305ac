pcs resource create a ocf:pacemaker:Dummy clone
pcs resource update a-clone op monitor interval=20s # want HA3012
