pcs resource create st ocf:pacemaker:Stateful
pcs resource promotable st ms-st
