pcs resource create a ocf:pacemaker:Dummy
pcs constraint location a rule constraint-id=loc1 score=10 '#uname' eq n1
pcs constraint rule add loc1 id=r2 score=-INFINITY defined foo
