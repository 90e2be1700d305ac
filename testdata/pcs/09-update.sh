pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.5
pcs resource update vip ip=10.0.0.6 cidr_netmask=16 meta target-role=Started
pcs resource update vip op monitor interval=20s timeout=30s
