pcs resource create 1abc ocf:pacemaker:Dummy # want HA3008
