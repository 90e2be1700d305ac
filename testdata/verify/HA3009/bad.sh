pcs resource create vip ocf:heartbeat:IPaddr2 cidr_netmask=24 # want HA3009
