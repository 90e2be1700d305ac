# pcs's defaults rule validator knows 'yearsdays', not Pacemaker's 'yeardays'
pcs resource defaults set create meta a=1 rule date-spec yeardays=5 # want HA3012
