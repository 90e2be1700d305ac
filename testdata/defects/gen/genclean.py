import os
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
import sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *
N2 = ['node1', 'node2']; N3 = ['node1', 'node2', 'node3']
def vip(rid='vip', ip='192.168.122.200'):
    return prim(rid, 'ocf', 'IPaddr2', [('ip', ip), ('cidr_netmask', '24')], [('monitor', '10s', ('timeout', '20s'))], prov='heartbeat')
def fs(rid='fs', dev='/dev/vg0/data', d='/srv/data', t='xfs'):
    return prim(rid, 'ocf', 'Filesystem', [('device', dev), ('directory', d), ('fstype', t)], [('monitor', '20s', ('timeout', '40s'))], prov='heartbeat')
def pgsql(rid='db'):
    return prim(rid, 'ocf', 'pgsql', [('pgdata', '/srv/data/pgsql')], [('start', '0s', ('timeout', '120s')), ('stop', '0s', ('timeout', '120s')), ('monitor', '30s', ('timeout', '30s'))], prov='heartbeat')
def mysql(rid='db'):
    return prim(rid, 'ocf', 'mysql', [('datadir', '/srv/data/mysql')], [('start', '0s', ('timeout', '120s')), ('stop', '0s', ('timeout', '120s')), ('monitor', '20s', ('timeout', '30s'))], prov='heartbeat')
def drbd(rid='drbd', res='r0'):
    p = prim(rid, 'ocf', 'drbd', [('drbd_resource', res)], [('monitor', '20', ('role', 'Promoted'), ('timeout', '20')), ('monitor', '30', ('role', 'Unpromoted'), ('timeout', '20'))], prov='linbit')
    return clone(rid + '-clone', p, [('promotable', 'true'), ('promoted-max', '1'), ('promoted-node-max', '1'), ('clone-max', '2'), ('clone-node-max', '1'), ('notify', 'true'), ('interleave', 'true')])
def loc(i, r, n, s): return '<rsc_location id="%s" rsc="%s" node="%s" score="%s"/>' % (i, r, n, s)
C = {}
C['01-2node-pgsql-group'] = cib(N2, fences(N2) + [group('pg-group', [vip(), fs(), pgsql()])], loc('loc-pg-node1', 'pg-group', 'node1', '100'))
C['02-3node-pgsql-group'] = cib(N3, fences(N3) + [group('pg-group', [vip(), fs(), pgsql()])], loc('loc-pg-node1', 'pg-group', 'node1', '200') + '\n      ' + loc('loc-pg-node2', 'pg-group', 'node2', '100'))
C['03-2node-drbd-fs'] = cib(N2, fences(N2) + [drbd(), group('svc', [fs(dev='/dev/drbd0'), vip()])],
    '<rsc_colocation id="col-svc-drbd" rsc="svc" with-rsc="drbd-clone" with-rsc-role="Promoted" score="INFINITY"/>\n      <rsc_order id="ord-drbd-svc" first="drbd-clone" first-action="promote" then="svc" then-action="start"/>')
C['04-2node-drbd-mysql'] = cib(N2, fences(N2) + [drbd(res='mysql'), group('mysql-group', [fs(dev='/dev/drbd0', d='/var/lib/mysql'), vip(), mysql()])],
    '<rsc_colocation id="col-mysql-drbd" rsc="mysql-group" with-rsc="drbd-clone" with-rsc-role="Promoted" score="INFINITY"/>\n      <rsc_order id="ord-drbd-mysql" first="drbd-clone" first-action="promote" then="mysql-group" then-action="start"/>')
lv = '''<fencing-topology>
      <fencing-level id="fl-node1-1" target="node1" index="1" devices="fence-node1"/>
      <fencing-level id="fl-node1-2" target="node1" index="2" devices="fence-sbd"/>
      <fencing-level id="fl-node2-1" target="node2" index="1" devices="fence-node2"/>
      <fencing-level id="fl-node2-2" target="node2" index="2" devices="fence-sbd"/>
    </fencing-topology>'''
sbd = prim('fence-sbd', 'stonith', 'fence_sbd', [('devices', '/dev/disk/by-id/sbd0'), ('pcmk_host_list', 'node1 node2')], [('monitor', '60s')])
C['05-2node-fencing-levels'] = cib(N2, fences(N2) + [sbd, group('web', [vip(), fs()])], loc('loc-web', 'web', 'node1', '50'), extra='\n    ' + lv)
apache = lambda rid='web': prim(rid, 'ocf', 'apache', [('configfile', '/etc/apache2/apache2.conf'), ('statusurl', 'http://127.0.0.1/server-status')], [('monitor', '10s', ('timeout', '20s'))], prov='heartbeat')
C['06-resource-sets'] = cib(N2, fences(N2) + [vip(), fs(), apache()], '''<rsc_order id="ord-web-set">
        <resource_set id="ord-web-set-0">
          <resource_ref id="fs"/>
          <resource_ref id="vip"/>
          <resource_ref id="web"/>
        </resource_set>
      </rsc_order>
      <rsc_colocation id="col-web-set" score="INFINITY">
        <resource_set id="col-web-set-0">
          <resource_ref id="web"/>
          <resource_ref id="vip"/>
          <resource_ref id="fs"/>
        </resource_set>
      </rsc_colocation>''')
ping = prim('ping', 'ocf', 'ping', [('host_list', '192.168.122.1'), ('multiplier', '1000'), ('dampen', '5s')], [('monitor', '10s', ('timeout', '60s'))], prov='pacemaker')
pingrule = '''<rsc_location id="loc-web-connected" rsc="web-group">
        <rule id="loc-web-connected-rule" score="-INFINITY" boolean-op="or">
          <expression id="loc-web-connected-e1" attribute="pingd" operation="not_defined"/>
          <expression id="loc-web-connected-e2" attribute="pingd" operation="lte" value="0" type="integer"/>
        </rule>
      </rsc_location>'''
C['07-ping-rule'] = cib(N3, fences(N3) + [clone('ping-clone', ping, [('interleave', 'true')]), group('web-group', [vip(), apache()])], pingrule + '\n      <rsc_order id="ord-ping-web" first="ping-clone" then="web-group" kind="Optional"/>')
nfs = prim('nfs', 'ocf', 'nfsserver', [('nfs_shared_infodir', '/srv/nfs/state')], [('monitor', '10s', ('timeout', '20s'))], prov='heartbeat')
exp = prim('export', 'ocf', 'exportfs', [('clientspec', '192.168.122.0/24'), ('directory', '/srv/nfs/export'), ('fsid', '1'), ('options', 'rw,sync')], [('monitor', '10s', ('timeout', '20s'))], prov='heartbeat')
C['08-nfs-group'] = cib(N2, fences(N2) + [group('nfs-group', [fs(d='/srv/nfs'), nfs, exp, vip()])])
dummy = lambda rid: prim(rid, 'ocf', 'Dummy', [], [('monitor', '10s', ('timeout', '20s'))], prov='pacemaker')
C['09-clones-interleaved'] = cib(N3, fences(N3) + [clone('base-clone', dummy('base'), [('interleave', 'true')]), clone('app-clone', dummy('app'), [('interleave', 'true')])],
    '<rsc_order id="ord-base-app" first="base-clone" then="app-clone"/>\n      <rsc_colocation id="col-app-base" rsc="app-clone" with-rsc="base-clone" score="INFINITY"/>')
rd = '''
    <rsc_defaults>
      <meta_attributes id="rsc-options">
        <nvpair id="rsc-options-resource-stickiness" name="resource-stickiness" value="100"/>
        <nvpair id="rsc-options-migration-threshold" name="migration-threshold" value="3"/>
        <nvpair id="rsc-options-failure-timeout" name="failure-timeout" value="10min"/>
      </meta_attributes>
    </rsc_defaults>
    <op_defaults>
      <meta_attributes id="op-options">
        <nvpair id="op-options-timeout" name="timeout" value="60s"/>
      </meta_attributes>
    </op_defaults>'''
C['10-defaults'] = cib(N2, fences(N2) + [group('web-group', [vip(), apache()])], loc('loc-web', 'web-group', 'node1', '200'), extra=rd)
dates = '''<rsc_location id="loc-batch-hours" rsc="batch">
        <rule id="loc-batch-hours-rule" score="-INFINITY" boolean-op="or">
          <date_expression id="loc-batch-hours-de" operation="date_spec">
            <date_spec id="loc-batch-hours-ds" hours="9-16" weekdays="1-5"/>
          </date_expression>
          <date_expression id="loc-batch-hours-de2" operation="in_range" start="2024-12-24" end="2025-01-02T00:00:00Z"/>
        </rule>
      </rsc_location>'''
C['11-date-rules'] = cib(N2, fences(N2) + [dummy('batch')], dates)
attrs = lambda: None
N3a = N3
r12 = cib(N3, fences(N3) + [group('app', [vip(), dummy('worker')])], '''<rsc_location id="loc-app-ssd" rsc="app">
        <rule id="loc-app-ssd-rule" score="500">
          <expression id="loc-app-ssd-e" attribute="disk" operation="eq" value="ssd"/>
        </rule>
      </rsc_location>
      <rsc_location id="loc-app-not3" rsc="app">
        <rule id="loc-app-not3-rule" score="-INFINITY">
          <expression id="loc-app-not3-e" attribute="#uname" operation="eq" value="node3"/>
        </rule>
      </rsc_location>''')
r12 = r12.replace('<node id="1" uname="node1"/>', '<node id="1" uname="node1">\n        <instance_attributes id="nodes-1">\n          <nvpair id="nodes-1-disk" name="disk" value="ssd"/>\n        </instance_attributes>\n      </node>')
C['12-node-attribute-rules'] = r12
lvm = prim('vg', 'ocf', 'LVM-activate', [('vgname', 'vg0'), ('vg_access_mode', 'system_id')], [('monitor', '30s', ('timeout', '90s'))], prov='heartbeat')
C['13-lvm-fs-vip'] = cib(N2, fences(N2) + [group('storage', [lvm, fs(dev='/dev/vg0/lv0'), vip()])])
virsh = prim('fence-virsh', 'stonith', 'fence_virsh', [('ip', '192.168.122.1'), ('username', 'fence'), ('password', 'secret'), ('pcmk_host_map', 'node1:vm-node1;node2:vm-node2;node3:vm-node3')], [('monitor', '60s')])
C['14-host-map'] = cib(N3, [virsh, group('web-group', [vip(), apache()])])
C['15-anti-colocation'] = cib(N3, fences(N3) + [group('g1', [vip('vip1', '192.168.122.201'), dummy('app1')]), group('g2', [vip('vip2', '192.168.122.202'), dummy('app2')])],
    loc('loc-g1', 'g1', 'node1', '100') + '\n      ' + loc('loc-g2', 'g2', 'node2', '100') + '\n      <rsc_colocation id="col-g2-g1" rsc="g2" with-rsc="g1" score="-1000"/>')
st = prim('stateful', 'ocf', 'Stateful', [], [('monitor', '10s', ('role', 'Promoted'), ('timeout', '20s')), ('monitor', '11s', ('role', 'Unpromoted'), ('timeout', '20s'))], prov='pacemaker')
C['16-stateful'] = cib(N2, fences(N2) + [clone('stateful-clone', st, [('promotable', 'true'), ('promoted-max', '1')]), vip()],
    '<rsc_colocation id="col-vip-promoted" rsc="vip" with-rsc="stateful-clone" with-rsc-role="Promoted" score="INFINITY"/>\n      <rsc_order id="ord-promote-vip" first="stateful-clone" first-action="promote" then="vip" then-action="start"/>')
tags = '''
    <tags>
      <tag id="web-tier">
        <obj_ref id="web1"/>
        <obj_ref id="web2"/>
      </tag>
    </tags>'''
C['17-tags'] = cib(N3, fences(N3) + [dummy('web1'), dummy('web2')], loc('loc-web-tier', 'web-tier', 'node3', '-INFINITY'), extra=tags)
C['18-ticket'] = cib(N2, fences(N2) + [group('site-svc', [vip(), dummy('svc')])], '<rsc_ticket id="ticket-site-svc" rsc="site-svc" ticket="site-a" loss-policy="stop"/>')
tmpl = '<template id="web-template" class="ocf" provider="heartbeat" type="apache">\n        <operations>\n          <op id="web-template-monitor" name="monitor" interval="10s" timeout="20s"/>\n        </operations>\n      </template>'
C['19-templates'] = cib(N2, fences(N2) + [tmpl, '<primitive id="web1" template="web-template"/>', '<primitive id="web2" template="web-template"/>'], loc('loc-web1', 'web1', 'node1', '10') + '\n      ' + loc('loc-web2', 'web2', 'node2', '10'))
u = cib(N2, fences(N2) + [dummy('app1'), dummy('app2')], options=[('placement-strategy', 'balanced')])
u = u.replace('<node id="1" uname="node1"/>', '<node id="1" uname="node1">\n        <utilization id="nodes-1-utilization">\n          <nvpair id="nodes-1-utilization-cpu" name="cpu" value="8"/>\n        </utilization>\n      </node>')
u = u.replace('<primitive id="app1" class="ocf" provider="pacemaker" type="Dummy">', '<primitive id="app1" class="ocf" provider="pacemaker" type="Dummy">\n        <utilization id="app1-utilization">\n          <nvpair id="app1-utilization-cpu" name="cpu" value="2"/>\n        </utilization>')
C['20-utilization'] = u
C['21-2node-drbd-pgsql-levels'] = cib(N2, fences(N2) + [sbd, drbd(res='pg'), group('pg', [fs(dev='/dev/drbd0', d='/srv/data'), vip(), pgsql()])],
    '<rsc_colocation id="col-pg-drbd" rsc="pg" with-rsc="drbd-clone" with-rsc-role="Promoted" score="INFINITY"/>\n      <rsc_order id="ord-drbd-pg" first="drbd-clone" first-action="promote" then="pg" then-action="start"/>', extra='\n    ' + lv)
import os
for k, v in C.items():
    open(ROOT + '/testdata/clean/%s.xml' % k, 'w').write(v)
print(len(C))
