pcs resource create a ocf:pacemaker:Dummy
pcs tag create t1 a
pcs tag update t1 remove b # want HA3010
