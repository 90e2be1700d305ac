pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs constraint colocation add Boss a with b # want HA3012
