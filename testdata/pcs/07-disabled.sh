pcs resource create a ocf:pacemaker:Dummy --disabled
pcs resource create b ocf:pacemaker:Dummy clone --disabled
pcs resource create c ocf:pacemaker:Dummy --group g --disabled
