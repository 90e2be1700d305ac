# and/or bind equally in pcs's location rules: left to right.
pcs resource create app ocf:pacemaker:Dummy
pcs constraint location app rule score=5 a eq 1 or b eq 2 and c eq 3
pcs constraint location app rule score=6 a eq 1 and b eq 2 or c eq 3 or d eq 4
pcs constraint location app rule score=7 a eq 1 and b eq 2 and '(' c eq 3 or d eq 4 ')'
