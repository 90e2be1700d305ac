pcs property set no-such-property=1 # want HA3012
