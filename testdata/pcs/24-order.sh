pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs resource create c ocf:pacemaker:Dummy
pcs constraint order a then b
pcs constraint order stop b then start c kind=Optional symmetrical=false
pcs constraint order start a then c id=o-ac kind=Serialize
