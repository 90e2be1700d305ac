# The same pair in the other order is not a duplicate for pcs.
pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs constraint colocation add a with b 100
pcs constraint colocation add b with a 50
