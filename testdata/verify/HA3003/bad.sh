systemctl start pcsd # want HA3003
pcs property set stonith-enabled=true
