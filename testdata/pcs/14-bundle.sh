pcs resource bundle create web-b container docker image=nginx:latest replicas=2 \
    network control-port=3121 port-map port=80 port-map id=pm-443 port=443 \
    storage-map source-dir=/srv/www target-dir=/usr/share/nginx/html options=ro
pcs resource create web ocf:heartbeat:nginx bundle web-b
