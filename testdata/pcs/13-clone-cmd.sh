pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy --group g
pcs resource clone a interleave=true
pcs resource clone g g-cl
pcs resource create s ocf:pacemaker:Stateful
pcs resource promotable s notify=true
