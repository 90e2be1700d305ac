pcs resource create 1web ocf:heartbeat:nginx # want HA3008
