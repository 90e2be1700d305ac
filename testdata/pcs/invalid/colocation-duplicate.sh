pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs constraint colocation add a with b 100
pcs constraint colocation add Started a with Started b 50 # want HA3011
