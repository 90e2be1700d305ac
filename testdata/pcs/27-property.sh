pcs property set stonith-enabled=false no-quorum-policy=ignore
pcs property set cluster-recheck-interval=5min
pcs property unset no-quorum-policy
