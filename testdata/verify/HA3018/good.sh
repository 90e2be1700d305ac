pcs resource create web ocf:heartbeat:nginx
