pcs resource create a ocf:pacemaker:Dummy
pcs resource create a ocf:pacemaker:Dummy # want HA3011
