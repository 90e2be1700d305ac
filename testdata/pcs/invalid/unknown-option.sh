pcs resource create a ocf:pacemaker:Dummy --frob # want HA3007
