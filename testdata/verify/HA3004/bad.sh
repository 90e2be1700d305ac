pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1
pcs resource cleanup vip # want HA3004
