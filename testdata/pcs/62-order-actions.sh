pcs resource create a ocf:pacemaker:Dummy
pcs resource create s ocf:pacemaker:Stateful promotable
pcs constraint order promote s-clone then start a kind=Optional
pcs constraint order start a then stop s-clone symmetrical=false
pcs constraint order stop a then start s-clone id=o3 --force
