#!/bin/sh
# A plain IP address resource with an explicit monitor.
pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.1.10 cidr_netmask=24 \
    op monitor interval=10s timeout=20s
