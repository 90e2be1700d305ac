pcs resource create db ocf:pacemaker:Dummy
pcs constraint location db rule score=30 '(' '#uname' eq n1 or '#uname' eq n2 ')' and pingd gt 0
pcs constraint location db rule score=40 '(#uname' eq n3 and defined site')' or not_defined pingd
