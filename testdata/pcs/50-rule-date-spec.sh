# Business hours only: date-spec with ranges.
pcs resource create web ocf:pacemaker:Dummy
pcs constraint location web rule score=100 date-spec weekdays=1-5 hours=9-16
pcs constraint location web rule score=-INFINITY date-spec months=12 monthdays=24-26
