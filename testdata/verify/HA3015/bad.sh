for n in n1 n2; do pcs node attribute $n rack=1; done # want HA3015
