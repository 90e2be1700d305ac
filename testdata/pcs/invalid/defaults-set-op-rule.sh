# resource defaults (unlike op defaults) allow no op expression
pcs resource defaults set create meta a=1 rule op monitor # want HA3012
