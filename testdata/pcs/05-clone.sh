pcs resource create ping ocf:pacemaker:ping host_list=10.0.0.1 clone interleave=true
pcs resource create dlm ocf:pacemaker:controld clone mydlm interleave=true ordered=true
