pcs resource create a ocf:pacemaker:Dummy
pcs resource frobnicate a # want HA3006
