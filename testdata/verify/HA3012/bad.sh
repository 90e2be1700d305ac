pcs quorum update two_node=1 # want HA3012
