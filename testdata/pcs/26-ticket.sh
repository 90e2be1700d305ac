pcs resource create a ocf:pacemaker:Dummy
pcs resource create s ocf:pacemaker:Stateful promotable
pcs constraint ticket add T1 a loss-policy=stop
pcs constraint ticket add T2 Promoted s-clone loss-policy=demote
pcs constraint ticket set a setoptions ticket=T3 id=tk-set
