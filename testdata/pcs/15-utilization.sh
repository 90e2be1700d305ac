pcs resource create a ocf:pacemaker:Dummy
pcs resource utilization a cpu=2 memory=1024
