pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs constraint ticket add T1 a loss-policy=stop
pcs constraint ticket set a b setoptions ticket=T2 loss-policy=fence id=tk2
