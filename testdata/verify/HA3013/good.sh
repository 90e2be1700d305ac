pcs resource create x ocf:heartbeat:Dummy
