pcs resource create vip IPaddr2 ip=10.3.0.1
pcs resource create web nginx op monitor interval=5s
