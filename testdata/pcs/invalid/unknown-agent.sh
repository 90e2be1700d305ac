pcs resource create x ocf:heartbeat:NoSuchAgent # want HA3013
