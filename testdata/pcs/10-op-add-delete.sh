pcs resource create a ocf:pacemaker:Dummy
pcs resource op add a monitor interval=30s timeout=15s --force
pcs resource op add a notify timeout=5s
pcs resource op delete a monitor interval=30s timeout=15s
pcs resource op delete a-notify-interval-0s
