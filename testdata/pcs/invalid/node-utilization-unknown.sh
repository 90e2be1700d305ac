pcs resource create a ocf:pacemaker:Dummy
pcs node utilization n9 cpu=4 # want HA3010
