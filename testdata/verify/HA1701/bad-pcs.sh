#!/bin/sh
pcs resource create db ocf:pacemaker:Stateful promotable
pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1
pcs constraint colocation add vip with db INFINITY --force # want HA1701
