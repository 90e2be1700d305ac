pcs resource create a ocf:pacemaker:Dummy
pcs constraint colocation add a with nosuch # want HA3010
