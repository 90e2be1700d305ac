pcs resource create a ocf:pacemaker:Dummy --group g1
pcs resource create b ocf:pacemaker:Dummy --group g1
pcs resource create c ocf:pacemaker:Dummy --group g1 --before b
pcs resource create d ocf:pacemaker:Dummy --group g1 --after a
