pcs cluster setup qd n1 addr=10.0.0.1 n2 addr=10.0.0.2 quorum auto_tie_breaker=1
pcs quorum device add sync_timeout=30000 model net host=qnetd.example.com algorithm=ffsplit \
    heuristics mode=on exec_ping="/bin/ping -q -c 1 10.0.0.254"
