pcs cluster setup c n1 addr=10.0.0.1 n2 addr=10.0.0.2 transport tcp # want HA3012
