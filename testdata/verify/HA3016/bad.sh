pcs resource create vip IPaddr2 ip=10.0.0.1 # want HA3016
