pcs stonith create f1 fence_dummy
pcs stonith level add 1 regexp%n.* f1 id=lvl1 # want HA3008
