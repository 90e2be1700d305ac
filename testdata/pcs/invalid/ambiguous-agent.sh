pcs resource create d Dummy # want HA3013
