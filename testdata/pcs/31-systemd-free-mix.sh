pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/srv fstype=xfs --group app
pcs resource create ip ocf:heartbeat:IPaddr2 ip=10.2.0.1 --group app
pcs resource create mail ocf:heartbeat:MailTo email=root@localhost --group app
pcs constraint location app prefers n1=50
pcs resource defaults update resource-stickiness=1
