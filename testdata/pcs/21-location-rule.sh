pcs resource create a ocf:pacemaker:Dummy
pcs resource create s ocf:pacemaker:Stateful promotable
pcs constraint location a rule score=500 '#uname' eq n1 or defined pingd
pcs constraint location s-clone rule role=Promoted score-attribute=pingd not_defined pingd and pingd lte 0
pcs constraint location a rule id=myrule score=-INFINITY pingd lt integer 5
pcs constraint location a rule date gt 2024-01-01
