pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs resource create c ocf:pacemaker:Dummy
pcs tag create t1 a b
pcs tag update t1 add c
pcs tag update t1 remove a
pcs tag update t1 add a --before b
pcs tag create t2 c
pcs tag delete t2
