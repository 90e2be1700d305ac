# pcs 0.11 "resource op defaults set": op_defaults also allow op and node
# attribute expressions; "op defaults update" edits the only set there is,
# rule or not.
pcs resource op defaults set create score=10 meta timeout=30s rule op monitor interval=10s and resource ocf:heartbeat:IPaddr2
pcs resource op defaults update timeout=45s record-pending=true
pcs resource op defaults set create id=starts meta timeout=120s rule '(op start or op stop)' and defined pingd and pingd gt integer 5 and date in_range to 2030-01-01
pcs resource op defaults set create meta timeout=40s
pcs resource op defaults set delete starts
