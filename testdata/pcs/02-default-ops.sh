pcs resource create web ocf:heartbeat:nginx
pcs resource create st ocf:pacemaker:Stateful
