pcs resource create a ocf:pacemaker:Dummy
pcs constraint location a rule '(' '#uname' eq n1 or '#uname' eq n2 # want HA3012
