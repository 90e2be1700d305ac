pcs resource create a ocf:pacemaker:Dummy
pcs constraint location a rule date in_range 2024-01-01 2024-02-01 # want HA3012
