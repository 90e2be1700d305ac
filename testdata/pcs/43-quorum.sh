pcs cluster setup qc n1 addr=10.0.0.1 n2 addr=10.0.0.2 n3 addr=10.0.0.3
pcs quorum update wait_for_all=1 auto_tie_breaker=1
pcs quorum update last_man_standing=1 last_man_standing_window=20000
