pcs stonith create f1 fence_ipmilan ip=10.0.0.1 username=u password=p pcmk_host_list=n1
pcs stonith create f2 fence_ipmilan ip=10.0.0.2 username=u password=p pcmk_host_list=n2
pcs stonith create kd fence_kdump pcmk_host_list="n1 n2"
pcs stonith level add 1 n1 kd --force
pcs stonith level add 2 n1 f1 --force
pcs stonith level add 1 n2 kd,f2 --force
pcs stonith level add 1 'regexp%n[3-9]' f1
pcs stonith level add 3 attrib%rack=r1 f2
