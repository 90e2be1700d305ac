pcs resource create a ocf:pacemaker:Dummy clone
pcs resource update a-clone meta interleave=true
pcs resource update a-clone clone-max=3
pcs resource meta a-clone ordered=true
