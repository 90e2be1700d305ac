pcs resource bundle create httpd-b container docker image=httpd:2.4 replicas=2 network control-port=3121 port-map id=pm1 port=80 storage-map id=sm1 source-dir=/srv/www target-dir=/var/www/html options=ro
pcs resource create httpd ocf:heartbeat:apache bundle httpd-b
