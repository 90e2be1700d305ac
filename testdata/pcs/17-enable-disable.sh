pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy --disabled
pcs resource disable a
pcs resource enable b
pcs resource unmanage a
