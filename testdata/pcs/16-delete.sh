pcs resource create a ocf:pacemaker:Dummy --group g
pcs resource create b ocf:pacemaker:Dummy
pcs resource create c ocf:pacemaker:Dummy
pcs constraint colocation add b with a
pcs constraint order c then b
pcs resource delete a
pcs resource remove c
