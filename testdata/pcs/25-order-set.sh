pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs resource create c ocf:pacemaker:Dummy
pcs constraint order set a b action=start set c require-all=false setoptions kind=Optional
