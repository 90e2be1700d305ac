pcs acl role create readonly read xpath /cib # want HA3014
