pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1
pcs resource create web ocf:heartbeat:nginx
pcs constraint order vip then web
