pcs resource create onlyid # want HA3009
