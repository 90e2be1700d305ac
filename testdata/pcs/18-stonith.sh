pcs stonith create fence-n1 fence_ipmilan ip=10.0.0.101 username=admin password=secret pcmk_host_list=n1 lanplus=1
pcs stonith create fence-n2 fence_ipmilan ip=10.0.0.102 username=admin password=secret pcmk_host_list=n2 \
    op monitor interval=120s
pcs stonith update fence-n2 ip=10.0.0.112
