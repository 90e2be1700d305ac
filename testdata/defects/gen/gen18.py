# Issue 14, second part: defect CIBs and rule testdata for HA1719-HA1721 and
# on-fail in op meta_attributes (HA1203, HA1204). Run from the repository
# root after gen17.py: python3 testdata/defects/gen/gen18.py
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *

st = prim('db', 'ocf', 'Stateful', [], [('monitor', '10s', ('role', 'Promoted')), ('monitor', '11s', ('role', 'Unpromoted'))], prov='pacemaker')
def opmeta(rid, name, value):
    return dummy(rid).replace('timeout="20s"/>', 'timeout="20s">\n            <meta_attributes id="%s-monitor-meta">\n              <nvpair id="%s-monitor-meta-%s" name="%s" value="%s"/>\n            </meta_attributes>\n          </op>' % (rid, rid, name, name, value))
# HA1719
ncg = lambda meta: group('g1', [dummy('a'), dummy('b')], meta)
defect('ha1719-colocation-noncollocated-group', 'HA1719', "d1: Cannot perform mandatory colocation with non-colocated group g1",
       base([ncg([('collocated', 'false')]), dummy('d1')], '<rsc_colocation id="col-1" rsc="d1" with-rsc="g1" score="INFINITY"/>'), ['<rsc_colocation'])
sg = lambda meta: group('g1', [dummy('a').replace('Dummy', 'Stateful'), dummy('b').replace('Dummy', 'Stateful')], meta)
defect('ha1719-promote-noncollocated-group', 'HA1719', "Cannot promote non-colocated child g1:0",
       base([clone('g1-clone', sg([('collocated', 'false')]), [('promotable', 'true')])]), ['<clone id="g1-clone"'])
good('HA1719', 'good', base([ncg([]), dummy('d1')], '<rsc_colocation id="col-1" rsc="d1" with-rsc="g1" score="INFINITY"/>'))
good('HA1719', 'good-dependent', base([ncg([('collocated', 'false')]), dummy('d1')], '<rsc_colocation id="col-1" rsc="g1" with-rsc="d1" score="INFINITY"/>'))
# HA1720
defect('ha1720-clone-in-group', 'HA1720', "Element group has extra content: clone",
       base([group('g1', [dummy('a'), clone('c1', dummy('b'))])]), ['<clone id="c1"'])
good('HA1720', 'good', base([clone('g1-clone', group('g1', [dummy('a'), dummy('b')]))]))
# HA1721 (rule testdata only: crm_verify does not read agent metadata)
write(ROOT + '/testdata/verify/HA1721/bad.xml', mark(base([clone('d1-clone', dummy('d1'), [('promotable', 'true')])]), '<primitive id="d1"', 'HA1721'))
good('HA1721', 'good', base([clone('db-clone', st, [('promotable', 'true')])]))
# HA1203, HA1204: on-fail in an op's meta_attributes
defect('ha1203-on-fail-demote-op-meta', 'HA1203', "Resetting 'on-fail' for a monitor action to default value because 'demote' is not allowed for it",
       base([opmeta('a', 'on-fail', 'demote')]), ['name="on-fail"'])
defect('ha1204-on-fail-op-meta', 'HA1204', "Resource a: Unknown failure type (explode)",
       base([opmeta('a', 'on-fail', 'explode')]), ['name="on-fail"'])
# HA1209 (operations without a timeout of their own), HA1722 (start or stop
# not defined): rule testdata only, crm_verify does not read agent metadata
def withx(res, extra):
    return cib(N2, fences(N2) + res, '', (), extra)
def fs(oplist):
    return prim('fs', 'ocf', 'Filesystem', [('device', '/dev/sdb1'), ('directory', '/srv'), ('fstype', 'xfs')], oplist, prov='heartbeat')
mon = ('monitor', '20s', ('timeout', '40s'))
ss = lambda t: [('start', '0s', ('timeout', t)), ('stop', '0s', ('timeout', t))]
write(ROOT + '/testdata/verify/HA1209/bad-implicit-timeout.xml', mark(base([fs([('start', '0s'), ('stop', '0s', ('timeout', '60s')), mon])]), 'name="start"', 'HA1209'))
write(ROOT + '/testdata/verify/HA1209/bad-op-defaults-timeout.xml', mark(withx([fs([('start', '0s'), ('stop', '0s'), mon])],
      '\n    <op_defaults>\n      <meta_attributes id="op-options">\n        <nvpair id="op-options-timeout" name="timeout" value="30s"/>\n      </meta_attributes>\n    </op_defaults>'), 'name="start"', 'HA1209').replace('name="stop" interval="0s"/>', 'name="stop" interval="0s"/> <!-- want HA1209 -->'))
good('HA1209', 'good-op-defaults-timeout', withx([fs([('start', '0s'), ('stop', '0s'), mon])],
      '\n    <op_defaults>\n      <meta_attributes id="op-options">\n        <nvpair id="op-options-timeout" name="timeout" value="60s"/>\n      </meta_attributes>\n    </op_defaults>'))
write(ROOT + '/testdata/verify/HA1722/bad.xml', mark(base([fs([('start', '0s', ('timeout', '60s')), mon])]), '<primitive id="fs"', 'HA1722'))
good('HA1722', 'good', base([fs(ss('60s') + [mon])]))
# HA1723 (rule testdata only: crm_verify does not check fencing timing)
def delayed(params, options=()):
    fs2 = fences(N2)
    fs2[0] = fs2[0].replace('</instance_attributes>', ''.join('  ' + nv('fence-node1-instance_attributes-' + n, n, v) + '\n        ' for n, v in params) + '</instance_attributes>')
    return cib(N2, fs2 + [dummy('d1')], '', options)
write(ROOT + '/testdata/verify/HA1723/bad-delay-base.xml', mark(delayed([('pcmk_delay_base', '30s')], [('stonith-timeout', '30s')]), 'name="pcmk_delay_base"', 'HA1723'))
write(ROOT + '/testdata/verify/HA1723/bad-delay-map.xml', mark(delayed([('pcmk_delay_base', 'node1:0;node2:75s')]), 'name="pcmk_delay_base"', 'HA1723'))
write(ROOT + '/testdata/verify/HA1723/bad-base-above-max.xml', mark(delayed([('pcmk_delay_base', '20s'), ('pcmk_delay_max', '10s')]), 'name="pcmk_delay_base"', 'HA1723'))
write(ROOT + '/testdata/verify/HA1723/bad-list-timeout.xml', mark(delayed([('pcmk_list_timeout', '90s')]), 'name="pcmk_list_timeout"', 'HA1723'))
good('HA1723', 'good', delayed([('pcmk_delay_base', '10s')], [('stonith-timeout', '60s')]))
good('HA1723', 'good-reboot-timeout', delayed([('pcmk_delay_base', '30s'), ('pcmk_reboot_timeout', '90s')], [('stonith-timeout', '30s')]))
# HA1724 (rule testdata only: crm_verify does not know SBD's timeout)
write(ROOT + '/testdata/verify/HA1724/bad.xml', mark(base([dummy('d1')], options=[('stonith-watchdog-timeout', '3s')]), 'name="stonith-watchdog-timeout"', 'HA1724'))
good('HA1724', 'good', base([dummy('d1')], options=[('stonith-watchdog-timeout', '10s')]))
write(ROOT + '/testdata/verify/HA1723/bad-power-timeout.xml', mark(delayed([('power_timeout', '60')], [('stonith-timeout', '45s')]), 'name="power_timeout"', 'HA1723'))
good('HA1209', 'good-op-defaults-rule', withx([fs([('start', '0s'), ('stop', '0s', ('timeout', '60s')), mon])],
      '\n    <op_defaults>\n      <meta_attributes id="op-start-options">\n        <rule id="op-start-rule" score="INFINITY">\n          <op_expression id="op-start-expr" name="start"/>\n        </rule>\n        <nvpair id="op-start-options-timeout" name="timeout" value="60s"/>\n      </meta_attributes>\n    </op_defaults>'))
