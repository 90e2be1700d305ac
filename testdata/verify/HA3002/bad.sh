pcs resource create vip ocf:heartbeat:IPaddr2 ip=$VIP # want HA3002
