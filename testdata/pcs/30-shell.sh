#!/bin/bash
# Quoting, continuations, comments, && chains and other programs.
set -e
echo "configuring"
pcs resource create 'vip' "ocf:heartbeat:IPaddr2" ip='10.1.1.1' \
    cidr_netmask="24" && pcs resource create web ocf:heartbeat:apache \
    configfile=/etc/apache2/apache2.conf # trailing comment
pcs constraint colocation add web with vip INFINITY && pcs constraint order vip then web
pcs status || true
pcs resource cleanup || true
