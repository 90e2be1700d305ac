pcs resource create a ocf:pacemaker:Dummy --disabled
