pcs resource create drbd0 ocf:linbit:drbd drbd_resource=r0 promotable promoted-max=1 promoted-node-max=1 clone-max=2 clone-node-max=1 notify=true
pcs resource create fs ocf:heartbeat:Filesystem device=/dev/drbd0 directory=/data fstype=ext4
pcs constraint colocation add fs with Promoted drbd0-clone INFINITY
pcs constraint order promote drbd0-clone then start fs
