pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs resource create s ocf:pacemaker:Stateful promotable
pcs constraint colocation add a with b
pcs constraint colocation add Promoted s-clone with a 500 id=col-s
