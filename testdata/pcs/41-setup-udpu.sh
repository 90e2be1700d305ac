pcs cluster setup c2 n1 addr=10.0.0.1 n2 addr=10.0.0.2 n3 addr=10.0.0.3 transport udpu \
    link bindnetaddr=10.0.0.0 broadcast=1 totem token=5000 consensus=6000 quorum last_man_standing=1
