pcs resource create a ocf:pacemaker:Dummy
pcs constraint location a prefers n1=lots # want HA3012
