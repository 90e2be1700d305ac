# Issue 14: defect CIBs and rule testdata for the HA17xx family and the
# invalid order kind of HA1305. Run from the repository root after the other
# generators: python3 testdata/defects/gen/gen17.py
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *

d12 = [dummy('d1'), dummy('d2')]
inclone = [dummy('d1'), clone('d2-clone', dummy('d2'))]
defect('ha1701-colocation-clone-child', 'HA1701', "Ignoring constraint 'col-1' because 'd2' is not a valid resource or tag",
       base(inclone, '<rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="INFINITY"/>'), ['<rsc_colocation'])
defect('ha1701-order-clone-child', 'HA1701', "Ignoring constraint 'ord-1' because 'd2' is not a valid resource",
       base(inclone, '<rsc_order id="ord-1" first="d2" then="d1"/>'), ['<rsc_order'])
good('HA1701', 'good', base(inclone, '<rsc_colocation id="col-1" rsc="d1" with-rsc="d2-clone" score="INFINITY"/>'))
tpl = ['<template id="t1" class="ocf" provider="pacemaker" type="Dummy"/>', '<template id="t2" class="ocf" provider="pacemaker" type="Dummy"/>',
       '<primitive id="r1" template="t1"/>', '<primitive id="r2" template="t2"/>']
defect('ha1702-colocation-templates', 'HA1702', "Ignoring constraint 'col-1' because two templates or tags cannot be colocated",
       base(tpl, '<rsc_colocation id="col-1" rsc="t1" with-rsc="t2" score="INFINITY"/>'), ['<rsc_colocation'])
good('HA1702', 'good', base(tpl, '<rsc_colocation id="col-1" rsc="r1" with-rsc="t2" score="INFINITY"/>'))
defect('ha1703-colocation-influence', 'HA1703', "Constraint 'col-1' has invalid value for influence (using default)",
       base(d12, '<rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="INFINITY" influence="maybe"/>'), ['<rsc_colocation'])
good('HA1703', 'good', base(d12, '<rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="INFINITY" influence="false"/>'))
cnm = lambda extra: [dummy('d1'), clone('d2-clone', dummy('d2'), [('clone-node-max', '2')] + extra)]
defect('ha1704-clone-node-max-anonymous', 'HA1704', "because anonymous clones support only one instance per node",
       base(cnm([])), ['name="clone-node-max"'])
good('HA1704', 'good', base(cnm([('globally-unique', 'true')])))
defect('ha1705-order-score', 'HA1705', "Support for 'score' in rsc_order is deprecated",
       base(d12, '<rsc_order id="ord-1" first="d1" then="d2" score="0"/>', schema='pacemaker-3.0'), ['<rsc_order'])
defect('ha1705-restart-type', 'HA1705', "Support for restart-type is deprecated",
       base([dummy('d1', meta=[('restart-type', 'restart')]), dummy('d2')]), ['name="restart-type"'])
good('HA1705', 'good', base(d12, '<rsc_order id="ord-1" first="d1" then="d2" kind="Optional"/>'))
fu = prim('fence-scsi', 'stonith', 'fence_scsi', [('devices', '/dev/sdb'), ('pcmk_host_list', 'node1 node2')], [('monitor', '60s')], meta=[('requires', 'unfencing')])
defect('ha1706-fence-requires-unfencing', 'HA1706', 'because fencing devices cannot require unfencing',
       base([fu, dummy('d1')]), ['name="requires"'])
good('HA1706', 'good', base([fu.replace('name="requires" value="unfencing"', 'name="provides" value="unfencing"'), dummy('d1')]))
defect('ha1707-empty-group', 'HA1707', "Element group failed to validate content",
       base(['<group id="g1"/>', dummy('d1')]), ['<group id="g1"/>'])
good('HA1707', 'good', base([group('g1', [dummy('d1')])]))
defect('ha1305-order-kind', 'HA1305', "Invalid attribute kind for element rsc_order",
       base(d12, '<rsc_order id="ord-1" first="d1" then="d2" kind="Sometimes"/>'), ['<rsc_order'])
# HA1610 (opt-in, --target pacemaker-3.0): rule testdata only; crm_verify 2.1.5 accepts these.
st = prim('db', 'ocf', 'Stateful', [], [('monitor', '10s', ('role', 'Promoted')), ('monitor', '11s', ('role', 'Unpromoted'))], prov='pacemaker')
ms = '<master id="db-ms">%s\n        %s\n      </master>' % (ia('db-ms', [('promoted-max', '1')], 'meta_attributes', 'meta_attributes'), st)
write(ROOT + '/testdata/verify/HA1610/bad.xml', mark(mark(base([ms, dummy('d1', meta=[('restart-type', 'restart')])]), '<master id="db-ms">', 'HA1610'), 'name="restart-type"', 'HA1610').replace('validate-with="pacemaker-3.9"', 'validate-with="pacemaker-3.0"'))
good('HA1610', 'good', base([clone('db-ms', st, [('promotable', 'true'), ('promoted-max', '1')]), dummy('d1')]))
# HA1708-HA1712
inst = lambda attr: '<rsc_colocation id="col-1" rsc="d1" %s="1" with-rsc="d2-clone" score="INFINITY"/>' % attr
defect('ha1708-instance-on-primitive', 'HA1708', "because resource 'd1' is not a clone but instance '1' was requested",
       base([dummy('d1'), clone('d2-clone', dummy('d2'), [('globally-unique', 'true')])], inst('rsc-instance'), schema='pacemaker-next'), ['<rsc_colocation'])
good('HA1708', 'good', base([dummy('d1'), clone('d2-clone', dummy('d2'), [('globally-unique', 'true')])], '<rsc_colocation id="col-1" rsc="d1" with-rsc="d2-clone" score="INFINITY"/>'))
defect('ha1709-template-is-primitive', 'HA1709', "No template named 'd1'",
       base([dummy('d1'), '<primitive id="r1" template="d1"/>']), ['<primitive id="r1"'])
good('HA1709', 'good', base(['<template id="t1" class="ocf" provider="pacemaker" type="Dummy"/>', '<primitive id="r1" template="t1"/>']))
defect('ha1710-startup-fencing-false', 'HA1710', "Blind faith: not fencing unseen nodes",
       base(d12, options=[('startup-fencing', 'false')]), ['name="startup-fencing"'])
good('HA1710', 'good', base(d12, options=[('startup-fencing', 'true')]))
write(ROOT + '/testdata/verify/HA1711/bad.xml', mark(base(d12, '<rsc_location id="cli-prefer-d1" rsc="d1" role="Started" node="node2" score="INFINITY"/>'), 'cli-prefer-d1', 'HA1711'))
good('HA1711', 'good', base(d12, '<rsc_location id="cli-prefer-d1" rsc="d1" role="Started">\n        <rule id="cli-prefer-rule-d1" score="INFINITY" boolean-op="and">\n          <expression id="cli-prefer-expr-d1" attribute="#uname" operation="eq" value="node2" type="string"/>\n          <date_expression id="cli-prefer-lifetime-end-d1" operation="lt" end="2026-12-31 00:00:00 +00:00"/>\n        </rule>\n      </rsc_location>'))
write(ROOT + '/testdata/verify/HA1712/bad.xml', mark(base(d12), '<primitive id="fence-node1"', 'HA1712'))
good('HA1712', 'good', base(d12, options=[('priority-fencing-delay', '15s')]))
# HA1713, HA1714 (and crm inputs for HA1711 and HA1714)
rule = lambda score, val: '<rsc_location id="loc-1" rsc="d1">\n        <rule id="loc-1-rule"%s>\n          <expression id="loc-1-expr" attribute="#uname" operation="eq" value="%s"/>\n        </rule>\n      </rsc_location>' % (score, val)
defect('ha1713-rule-without-score', 'HA1713', "Rule loc-1-rule: no score specified.  Assuming 0.", base(d12, rule('', 'node1')), ['<rule id="loc-1-rule">'])
good('HA1713', 'good', base(d12, rule(' score="100"', 'node1')))
write(ROOT + '/testdata/verify/HA1714/bad.xml', mark(base(d12, rule(' score="100"', 'nodee1')), 'value="nodee1"', 'HA1714'))
good('HA1714', 'good', base(d12, rule(' score="100"', 'node1')))
write(ROOT + '/testdata/verify/HA1714/bad.crm', 'node node1\nnode node2\nprimitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 op monitor interval=10s\nlocation l1 vip rule 100: #uname eq nodee1 # want HA1714\n')
write(ROOT + '/testdata/verify/HA1711/bad.crm', 'primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 op monitor interval=10s\nlocation cli-prefer-vip vip role=Started inf: node2 # want HA1711\n')
write(ROOT + '/testdata/verify/HA1701/bad.crm', 'primitive db ocf:pacemaker:Stateful op monitor interval=10s role=Promoted op monitor interval=11s role=Unpromoted\nclone db-clone db meta promotable=true\nprimitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 op monitor interval=10s\ncolocation vip-with-db inf: vip db # want HA1701\n')
write(ROOT + '/testdata/verify/HA1701/bad-pcs.sh', '#!/bin/sh\npcs resource create db ocf:pacemaker:Stateful promotable\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1\npcs constraint colocation add vip with db INFINITY --force # want HA1701\n')
# HA1716
defect('ha1716-validate-with-unknown', 'HA1716', "CIB did not pass schema validation", base(d12, schema='pacemaker-9.1'), ['<cib '])
write(ROOT + '/testdata/verify/HA1716/bad-none.xml', mark(base(d12, schema='none'), '<cib ', 'HA1716'))
good('HA1716', 'good', base(d12))
# HA1717
rde = base(d12).replace('<node id="1" uname="node1"/>', '<node id="1" uname="node1">\n        <instance_attributes id="node1-ia">\n          <nvpair id="node1-rde" name="resource-discovery-enabled" value="false"/>\n        </instance_attributes>\n      </node>')
defect('ha1717-node-discovery', 'HA1717', "disabling resource discovery is not allowed for cluster nodes", rde, ['name="resource-discovery-enabled"'])
good('HA1717', 'good', base(d12))
# HA1718 (rule testdata only: crm_verify is silent)
pm = lambda v: [clone('db-clone', st, [('promotable', 'true'), ('promoted-max', v)]), dummy('d1')]
write(ROOT + '/testdata/verify/HA1718/bad.xml', mark(base(pm('0')), 'name="promoted-max"', 'HA1718'))
good('HA1718', 'good', base(pm('1')))
