pcs resource create st ocf:pacemaker:Stateful
pcs resource master ms-st st # want HA3005
