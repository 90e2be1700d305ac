import os
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
import sys, os, glob, shutil; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'gendefects.py')).read().split('for i, (name, rule, frag, xml) in enumerate(D):')[0])
TD = ROOT + '/testdata/verify'
CLEAN = ROOT + '/testdata/clean'
N3 = ['node1', 'node2', 'node3']
def wr(rule, name, text):
    d = os.path.join(TD, rule)
    os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
    open(os.path.join(d, name), 'w').write(text)
# 1. every rule with defects: bad from defects (no header needed), good from clean 02
import re
for f in sorted(glob.glob(ROOT + '/testdata/defects/*.xml')):
    src = open(f).read()
    rule = re.search(r'hakit defect: (HA\d{4})', src).group(1)
    name = os.path.basename(f)[7:]
    wr(rule, 'bad-' + name, src)
good3 = open(CLEAN + '/02-3node-pgsql-group.xml').read()
def fix(xml):  # three nodes, all fenced: quiet for HA1602
    return xml
B = {}  # rule -> list of (name, xml) bad
G = {}  # rule -> list of (name, xml) good
def bad(rule, name, xml, needle, nth=0, mark_rule=None):
    B.setdefault(rule, []).append((name, mark(xml, needle, mark_rule or rule, nth)))
def good(rule, name, xml):
    G.setdefault(rule, []).append((name, xml))
b3 = lambda res=None, cons='', options=(), extra='': base(res, cons, options, extra, nodes=N3)
bad('HA1104', 'bad.xml', b3([vip(meta=[('target_role', 'Stopped')]), dummy('d1', meta=[('resource-stickyness', '100')])]), 'name="target_role"')
B['HA1104'][0] = ('bad.xml', mark(B['HA1104'][0][1], 'name="resource-stickyness"', 'HA1104'))
good('HA1104', 'good-custom-name.xml', b3([vip(meta=[('my-site-owner', 'ops')])]))
bad('HA1105', 'bad.xml', b3([clone('d-clone', dummy('d1'), [('promoted-max', '1')]), dummy('d2', meta=[('interleave', 'true')])]), 'name="promoted-max"')
B['HA1105'][0] = ('bad.xml', mark(B['HA1105'][0][1], 'name="interleave"', 'HA1105'))
good('HA1105', 'good.xml', b3([clone('d-clone', prim('d1', 'ocf', 'Stateful', [], [('monitor', '10s', ('role', 'Promoted')), ('monitor', '11s', ('role', 'Unpromoted'))], prov='pacemaker'), [('promotable', 'true'), ('promoted-max', '1'), ('interleave', 'true')])]))
u = b3([dummy('d1')]).replace('<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy">', '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy">\n        <utilization id="d1-utilization">\n          <nvpair id="d1-utilization-cpu" name="cpu" value="lots"/>\n        </utilization>')
bad('HA1109', 'bad.xml', u, 'name="cpu"')
good('HA1109', 'good.xml', open(CLEAN + '/20-utilization.xml').read())
bad('HA1206', 'bad.xml', b3([vip(oplist=[('monitor', '10s'), ('monitr', '20s')])]), 'name="monitr"')
bad('HA1207', 'bad.xml', b3([vip(), dummy('d1', oplist=[])]), '<primitive id="d1"')
bad('HA1208', 'bad.xml', b3([vip(oplist=[('monitor', '1s')])]), 'name="monitor" interval="1s"')
fsx = lambda t: prim('fs', 'ocf', 'Filesystem', [('device', '/dev/vg0/data'), ('directory', '/srv'), ('fstype', 'xfs')], [('start', '0s', ('timeout', t)), ('monitor', '20s', ('timeout', '40s'))], prov='heartbeat')
bad('HA1209', 'bad.xml', b3([fsx('20s')]), 'name="start"')
good('HA1209', 'good.xml', b3([fsx('60s')]))
bad('HA1210', 'bad.xml', b3([vip(oplist=[('monitor', '0', ('timeout', '30s'))])]), 'name="monitor" interval="0"')
bad('HA1308', 'bad.xml', b3(cons='<rsc_location id="loc-1" rsc="vip" node="nodee1" score="100"/>'), '<rsc_location')
good('HA1308', 'good.xml', b3(cons='<rsc_location id="loc-1" rsc="vip" node="node1" score="100"/>'))
bad('HA1309', 'bad.xml', b3(cons='<rsc_order id="ord-1" first="d1" then="d2"/>\n      <rsc_order id="ord-2" first="d2" then="vip"/>\n      <rsc_order id="ord-3" first="vip" then="d1"/>'), 'id="ord-3"')
good('HA1309', 'good.xml', b3(cons='<rsc_order id="ord-1" first="d1" then="d2"/>\n      <rsc_order id="ord-2" first="d2" then="vip"/>\n      <rsc_order id="ord-3" first="vip" then="d1" kind="Optional"/>'))
bad('HA1310', 'bad.xml', b3([group('g', [dummy('d1'), dummy('d2')]), vip()], cons='<rsc_location id="loc-1" rsc="d2" node="node1" score="100"/>'), '<rsc_location')
good('HA1310', 'good.xml', b3([group('g', [dummy('d1'), dummy('d2')]), vip()], cons='<rsc_location id="loc-1" rsc="g" node="node1" score="100"/>'))
bad('HA1311', 'bad.xml', b3([clone('a-clone', dummy('a')), clone('b-clone', dummy('b'))], cons='<rsc_order id="ord-1" first="a-clone" then="b-clone"/>'), '<rsc_order')
good('HA1311', 'good.xml', open(CLEAN + '/09-clones-interleaved.xml').read())
stick = '\n    <rsc_defaults>\n      <meta_attributes id="rsc-options">\n        <nvpair id="rsc-options-stick" name="resource-stickiness" value="%s"/>\n      </meta_attributes>\n    </rsc_defaults>'
bad('HA1312', 'bad.xml', b3(cons='<rsc_location id="loc-1" rsc="vip" node="node1" score="100"/>', extra=stick % '200'), '<rsc_location')
good('HA1312', 'good.xml', b3(cons='<rsc_location id="loc-1" rsc="vip" node="node1" score="200"/>', extra=stick % '100'))
bad('HA1313', 'bad.xml', b3(cons='<rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="INFINITY"/>\n      <rsc_colocation id="col-2" rsc="d2" with-rsc="d1" score="-INFINITY"/>'), 'id="col-2"')
bad('HA1313', 'bad-pinned.xml', b3(cons='<rsc_location id="loc-1" rsc="d1" node="node1" score="INFINITY"/>\n      <rsc_location id="loc-2" rsc="d2" node="node2" score="INFINITY"/>\n      <rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="INFINITY"/>'), 'id="col-1"')
good('HA1313', 'good.xml', b3(cons='<rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="INFINITY"/>'))
ds = '<rsc_location id="loc-1" rsc="vip">\n        <rule id="loc-1-rule" score="-INFINITY">\n          <date_expression id="loc-1-de" operation="date_spec">\n            <date_spec id="loc-1-ds" %s/>\n          </date_expression>\n        </rule>\n      </rsc_location>'
bad('HA1405', 'bad.xml', b3(cons=ds % 'hours="9-x" weekdays="1-5"'), '<date_spec')
bad('HA1405', 'bad-range.xml', b3(cons=ds % 'weekdays="8"'), '<date_spec')
good('HA1405', 'good.xml', open(CLEAN + '/11-date-rules.xml').read())
bad('HA1501', 'bad.xml', b3([prim('vip', 'ocf', 'IPAddr2', [('ip', '192.168.122.200')], [('monitor', '10s')], prov='heartbeat')]), '<primitive id="vip"')
good('HA1501', 'good-site-provider.xml', b3([prim('app', 'ocf', 'myapp', [], [('monitor', '10s')], prov='acme')]))
bad('HA1502', 'bad.xml', b3([prim('vip', 'ocf', 'IPaddr2', [('ip', '192.168.122.200'), ('netmask', '24')], [('monitor', '10s')], prov='heartbeat')]), 'name="netmask"')
bad('HA1503', 'bad.xml', b3([prim('fs', 'ocf', 'Filesystem', [('device', '/dev/drbd0')], [('monitor', '20s')], prov='heartbeat')]), '<primitive id="fs"')
bad('HA1504', 'bad.xml', b3([vip('vip1'), vip('vip2')]), 'id="vip2-instance_attributes-ip"')
good('HA1504', 'good.xml', b3([vip('vip1'), vip('vip2', ip='192.168.122.201')]))
dep = b3().replace('name="ip" value="10.0.0.102"', 'name="ipaddr" value="10.0.0.102"')
bad('HA1505', 'bad.xml', dep, 'name="ipaddr"')
mt = '\n    <rsc_defaults>\n      <meta_attributes id="rsc-options">\n        <nvpair id="rsc-options-mt" name="migration-threshold" value="3"/>%s\n      </meta_attributes>\n    </rsc_defaults>'
bad('HA1601', 'bad.xml', b3([vip(meta=[('migration-threshold', '2')])], extra=mt % ''), 'name="migration-threshold"')
B['HA1601'][0] = ('bad.xml', mark(B['HA1601'][0][1], 'name="migration-threshold"', 'HA1601', 1))
good('HA1601', 'good.xml', b3(extra=mt % '\n        <nvpair id="rsc-options-ft" name="failure-timeout" value="10min"/>'))
bad('HA1603', 'bad.xml', b3([clone('st-clone', prim('st', 'ocf', 'Stateful', [], [('monitor', '10s', ('role', 'Master')), ('monitor', '11s', ('role', 'Unpromoted'))], prov='pacemaker'), [('promotable', 'true')]), vip()],
    cons='<rsc_colocation id="col-1" rsc="vip" with-rsc="st-clone" with-rsc-role="Master" score="INFINITY"/>'), 'role="Master"')
B['HA1603'][0] = ('bad.xml', mark(B['HA1603'][0][1], '<rsc_colocation', 'HA1603'))
good('HA1603', 'good.xml', open(CLEAN + '/16-stateful.xml').read())
ping = prim('ping', 'ocf', 'ping', [('host_list', '192.168.122.1')], [('monitor', '10s', ('timeout', '60s'))], prov='pacemaker')
bad('HA1604', 'bad.xml', b3([clone('ping-clone', ping, [('interleave', 'true')]), vip()]), '<primitive id="ping"')
good('HA1604', 'good.xml', open(CLEAN + '/07-ping-rule.xml').read())
bad('HA1605', 'bad.xml', b3().replace('name="pcmk_host_list" value="node3"', 'name="pcmk_host_list" value="nodeC"'), 'value="nodeC"')
bad('HA1606', 'bad.xml', b3().replace('name="pcmk_host_list" value="node3"', 'name="pcmk_host_list" value="node2"'), '<node id="3"')
good('HA1606', 'good-dynamic.xml', b3().replace('name="pcmk_host_list" value="node3"', 'name="ipport" value="623"'))
good('HA1606', 'good-map.xml', open(CLEAN + '/14-host-map.xml').read())
fl = '\n    <fencing-topology>\n      <fencing-level id="fl-1" target="node1" index="1" devices="fence-nod1"/>\n      <fencing-level id="fl-2" target="node2" index="1" devices="fence-node2"/>\n    </fencing-topology>'
bad('HA1609', 'bad.xml', b3(extra=fl), 'id="fl-1"')
good('HA1609', 'good.xml', open(CLEAN + '/05-2node-fencing-levels.xml').read())
for rule, lst in B.items():
    for name, xml in lst:
        wr(rule, name, xml)
for rule, lst in G.items():
    for name, xml in lst:
        wr(rule, name, xml)
# default good for every family rule
import subprocess
ids = ['HA%d' % i for i in list(range(1101, 1111)) + list(range(1201, 1211)) + list(range(1301, 1315)) + list(range(1401, 1406)) + list(range(1501, 1506)) + list(range(1601, 1610))]
for r in ids:
    wr(r, 'good-clean.xml', good3)
# multi-file cases
def coro(nodes, two_node=True, name='hacluster'):
    nl = ''.join('    node {\n        name: %s\n        nodeid: %d\n        ring0_addr: 10.0.0.%d\n    }\n' % (n, i, i) for n, i in nodes)
    q = '    two_node: 1\n' if two_node else ''
    return 'totem {\n    version: 2\n    cluster_name: %s\n    transport: knet\n    crypto_cipher: aes256\n    crypto_hash: sha256\n}\n\nnodelist {\n%s}\n\nquorum {\n    provider: corosync_votequorum\n%s}\n\nlogging {\n    to_syslog: yes\n}\n' % (name, nl, q)
cib2 = open(CLEAN + '/01-2node-pgsql-group.xml').read()
NN = [('node1', 1), ('node2', 2)]
def multi(rule, d, files):
    for fn, text in files.items():
        wr(rule, d + '/' + fn, text)
c = coro(NN, two_node=False)
qline = [i + 1 for i, l in enumerate(c.split('\n')) if l.startswith('quorum {')][0]
multi('HA1602', 'bad-1', {'cib.xml': cib2, 'corosync.conf': c, 'corosync.conf.want': '%d HA1602\n' % qline})
multi('HA1602', 'good-1', {'cib.xml': cib2, 'corosync.conf': coro(NN)})
multi('HA7001', 'bad-1', {'cib.xml': cib2.replace('<node id="2" uname="node2"/>', '<node id="2" uname="node2"/>\n      <node id="3" uname="node3"/> <!-- want HA7001 -->'), 'corosync.conf': coro(NN)})
multi('HA7001', 'good-1', {'cib.xml': cib2, 'corosync.conf': coro(NN)})
multi('HA7002', 'bad-1', {'cib.xml': cib2.replace('<node id="2" uname="node2"/>', '<node id="5" uname="node2"/> <!-- want HA7002 -->'), 'corosync.conf': coro(NN)})
multi('HA7002', 'good-1', {'cib.xml': cib2, 'corosync.conf': coro(NN)})
c3 = coro(NN + [('node3', 3)])
n3line = [i + 1 for i, l in enumerate(c3.split('\n')) if 'name: node3' in l][0] - 1
multi('HA7003', 'bad-1', {'cib.xml': cib2, 'corosync.conf': c3, 'corosync.conf.want': '%d HA7003\n' % n3line})
multi('HA7003', 'good-1', {'cib.xml': cib2, 'corosync.conf': coro(NN)})
multi('HA7004', 'bad-1', {'cib.xml': mark(cib2, 'name="cluster-name"', 'HA7004'), 'corosync.conf': coro(NN, name='prod')})
multi('HA7004', 'good-1', {'cib.xml': cib2, 'corosync.conf': coro(NN)})
wr('HA1203', 'bad-stop.xml', mark(b3([vip(oplist=[('monitor', '10s'), ('stop', '0s', ('on-fail', 'standby'))])]), 'on-fail="standby"', 'HA1203'))
wr('HA1203', 'good-promoted.xml', b3([clone('st-clone', prim('st', 'ocf', 'Stateful', [], [('monitor', '10s', ('role', 'Promoted'), ('on-fail', 'demote')), ('monitor', '11s', ('role', 'Unpromoted'))], prov='pacemaker'), [('promotable', 'true')])]))
