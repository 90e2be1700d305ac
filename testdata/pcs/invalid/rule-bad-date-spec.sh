pcs resource create a ocf:pacemaker:Dummy
pcs constraint location a rule date-spec hours=25 # want HA3012
