pcs resource create s ocf:pacemaker:Stateful promotable
pcs resource create v ocf:pacemaker:Dummy
pcs constraint colocation add v with Promoted s-clone INFINITY
pcs constraint colocation add v with Unpromoted s-clone -100
pcs constraint colocation add Started v with Started s-clone 10 --force
