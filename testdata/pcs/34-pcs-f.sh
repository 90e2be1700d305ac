pcs -f cib.xml resource create a ocf:pacemaker:Dummy
pcs -f cib.xml resource create b ocf:pacemaker:Dummy
pcs -f cib.xml constraint order a then b
