pcs resource create ip ocf:heartbeat:IPaddr2 ip=10.0.0.9 cidr_netmask=24 --group g
pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/srv fstype=xfs --group g --before ip
pcs resource create d ocf:pacemaker:Dummy --group g --after fs
pcs resource group remove g d
pcs resource meta g target-role=Stopped
