pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1
pcs constraint order vip then web # want HA3010
