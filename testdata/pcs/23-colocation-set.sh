pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs resource create c ocf:pacemaker:Dummy
pcs constraint colocation set a b sequential=false set c setoptions score=INFINITY
pcs constraint colocation set b c setoptions id=my-col-set score=100
