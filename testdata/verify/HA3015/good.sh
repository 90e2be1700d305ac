pcs node attribute n1 rack=1
pcs node attribute n2 rack=1
