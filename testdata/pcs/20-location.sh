pcs resource create a ocf:pacemaker:Dummy
pcs constraint location a prefers n1=100 n2
pcs constraint location a avoids n3 n4=50
pcs constraint location add loc-a-n5 a n5 -20 resource-discovery=never
