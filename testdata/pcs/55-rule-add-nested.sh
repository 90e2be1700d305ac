pcs resource create app ocf:pacemaker:Dummy
pcs constraint location app rule constraint-id=loc-app score=10 '#uname' eq n1
pcs constraint rule add loc-app id=second score=20 date-spec weekdays=6-7 or '(' site eq a and rack ne b ')'
