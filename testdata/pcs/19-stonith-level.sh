pcs stonith create f1 fence_dummy
pcs stonith create f2 fence_dummy
pcs stonith level add 1 n1 f1 --force
pcs stonith level add 2 n1 f1 f2 --force
pcs stonith level add 1 regexp%node[0-9] f2
pcs stonith level add 2 attrib%rack=1 f1,f2
