pcs cluster setup legacy n1 addr=192.168.1.1 n2 addr=192.168.1.2 transport udp link mcastaddr=239.255.1.1 mcastport=5405 totem token=5000
