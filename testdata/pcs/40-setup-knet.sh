pcs cluster setup web-cluster n1 addr=10.0.0.1 addr=10.1.0.1 n2 addr=10.0.0.2 addr=10.1.0.2 \
    transport knet link linknumber=1 link_priority=2 compression model=zlib level=5 \
    totem token=3000 quorum wait_for_all=1
