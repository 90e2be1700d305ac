pcs resource create a ocf:pacemaker:Dummy op monitor interval=10s colour=blue # want HA3012
