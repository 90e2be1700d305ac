pcs resource create a ocf:pacemaker:Dummy
pcs resource create b ocf:pacemaker:Dummy
pcs constraint location a prefers n1=200 n2
pcs constraint location b avoids n1 n3=50
pcs constraint location 'regexp%d-.*' prefers n2=10
