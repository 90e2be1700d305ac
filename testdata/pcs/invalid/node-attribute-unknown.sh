pcs resource create a ocf:pacemaker:Dummy
pcs node attribute n1 rack=r1 # want HA3010
