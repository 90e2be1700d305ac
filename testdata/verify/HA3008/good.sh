pcs resource create web1 ocf:heartbeat:nginx
