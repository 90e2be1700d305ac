pcs resource create d ocf:pacemaker:Dummy promotable # want HA3012
