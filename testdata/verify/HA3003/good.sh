pcs property set stonith-enabled=true
