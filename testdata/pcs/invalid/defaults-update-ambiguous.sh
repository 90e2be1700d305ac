pcs resource defaults set create meta a=1
pcs resource defaults set create meta b=1
pcs resource defaults update c=1 # want HA3012
