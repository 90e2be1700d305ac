# pcs does not require plug/port (Pacemaker fills it from pcmk_host_list/map).
pcs stonith create fence-scsi fence_scsi devices=/dev/sdb pcmk_host_list="n1 n2" meta provides=unfencing
pcs stonith create fence-apc fence_apc ip=10.0.0.5 username=apc pcmk_host_map="n1:1;n2:2"
pcs stonith create fence-sbd fence_sbd devices=/dev/disk/by-id/sbd1
