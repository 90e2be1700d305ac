import os
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
import sys, re, subprocess; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *
N2 = ['node1', 'node2']
def vip(rid='vip', ip='192.168.122.200', meta=(), oplist=None):
    return prim(rid, 'ocf', 'IPaddr2', [('ip', ip), ('cidr_netmask', '24')], oplist if oplist is not None else [('monitor', '10s', ('timeout', '20s'))], meta=meta, prov='heartbeat')
def dummy(rid, meta=(), oplist=None):
    return prim(rid, 'ocf', 'Dummy', [], oplist if oplist is not None else [('monitor', '10s', ('timeout', '20s'))], meta=meta, prov='pacemaker')
def base(res=None, cons='', options=(), extra='', nodes=N2):
    if res is None:
        res = [vip(), dummy('d1'), dummy('d2')]
    return cib(nodes, fences(nodes) + res, cons, options, extra)
def mark(s, needle, rid, nth=0):
    lines = s.split('\n')
    hits = [i for i, l in enumerate(lines) if needle in l]
    i = hits[nth]
    lines[i] += ' <!-- want %s -->' % rid
    return '\n'.join(lines)
D = []  # (name, rule, fragment, xml, needle)
def add(name, rule, frag, xml, needle, nth=0):
    D.append((name, rule, frag, mark(xml, needle, rule, nth)))
# HA11xx
add('ha1101-target-role-typo', 'HA1101', "Ignoring 'target-role' for vip because 'Runing' is not valid", base([vip(meta=[('target-role', 'Runing')]), dummy('d1')]), 'name="target-role"')
add('ha1101-target-role-lowercase', 'HA1101', "is not valid", base([vip(), dummy('d1', meta=[('target-role', 'stoped')])]), 'name="target-role"')
add('ha1102-promoted-on-primitive', 'HA1102', "only makes sense for promotable clones", base([vip(meta=[('target-role', 'Promoted')])]), 'name="target-role"')
add('ha1102-unpromoted-in-group', 'HA1102', "only makes sense for promotable clones", base([group('g', [dummy('d1', meta=[('target-role', 'Unpromoted')]), dummy('d2')])]), 'name="target-role"')
add('ha1103-requires', 'HA1103', "Resetting 'requires' for vip to 'fencing'", base([vip(meta=[('requires', 'everything')])]), 'name="requires"')
add('ha1103-multiple-active', 'HA1103', "is not a valid value for multiple-active", base([vip(meta=[('multiple-active', 'kill')])]), 'name="multiple-active"')
add('ha1103-migration-threshold-negative', 'HA1103', "migration-threshold must be non-negative", base([vip(meta=[('migration-threshold', '-5'), ('failure-timeout', '5min')])]), 'name="migration-threshold"')
add('ha1103-clone-max', 'HA1103', "Could not parse integer from 'abc'", base([clone('d-clone', dummy('d1'), [('clone-max', 'abc')])]), 'name="clone-max"')
add('ha1103-rsc-defaults-stickiness', 'HA1103', "Could not parse integer from 'lots'", base(extra='\n    <rsc_defaults>\n      <meta_attributes id="rsc-options">\n        <nvpair id="rsc-options-stick" name="resource-stickiness" value="lots"/>\n      </meta_attributes>\n    </rsc_defaults>'), 'name="resource-stickiness"')
add('ha1106-unknown-class', 'HA1106', "Element primitive failed to validate content", base([prim('vip', 'ocff', 'IPaddr2', [('ip', '192.168.122.200')], [('monitor', '10s')], prov='heartbeat')]), '<primitive id="vip"')
add('ha1106-ocf-without-provider', 'HA1106', "Element primitive failed to validate content", base([prim('vip', 'ocf', 'IPaddr2', [('ip', '192.168.122.200')], [('monitor', '10s')])]), '<primitive id="vip"')
add('ha1106-lsb-with-provider', 'HA1106', "Invalid attribute provider for element primitive", base([prim('cron', 'lsb', 'cron', [], [('monitor', '30s')], prov='heartbeat')]), '<primitive id="cron"')
add('ha1107-group-ordered', 'HA1107', "Support for the 'ordered' group meta-attribute is deprecated", base([group('g', [dummy('d1'), dummy('d2')], [('ordered', 'false')])]), 'name="ordered"')
add('ha1107-group-collocated', 'HA1107', "Support for the 'collocated' group meta-attribute is deprecated", base([group('g', [dummy('d1'), dummy('d2')], [('collocated', 'false')])]), 'name="collocated"')
add('ha1108-unknown-container', 'HA1108', "Unknown resource container (app-vm)", base([vip(meta=[('container', 'app-vm')])]), 'name="container"')
add('ha1110-bundle-no-control', 'HA1110', "without either ip-range-start or control-port", base([vip(), '<bundle id="web-bundle">\n        <docker image="httpd:2.4"/>\n        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>\n      </bundle>']), '<bundle id="web-bundle"')
# HA12xx
add('ha1201-duplicate-monitor', 'HA1201', "is duplicate of", base([vip(oplist=[('monitor', '10s'), ('monitor', '10', ('timeout', '30s'))])]), 'interval="10" timeout')
add('ha1201-duplicate-monitor-ms', 'HA1201', "is duplicate of", base([vip(oplist=[('monitor', '10s'), ('monitor', '10000ms', ('role', 'Started'))])]), 'interval="10000ms"')
add('ha1202-recurring-start', 'HA1202', "start action cannot be recurring", base([vip(oplist=[('monitor', '10s'), ('start', '10s')])]), 'name="start"')
add('ha1202-recurring-stop', 'HA1202', "stop action cannot be recurring", base([vip(oplist=[('monitor', '10s'), ('stop', '30s')])]), 'name="stop"')
add('ha1203-fence-without-fencing', 'HA1203', "because 'fence' is not valid when fencing is disabled", base([vip(oplist=[('monitor', '10s', ('on-fail', 'fence'))])]).replace('name="stonith-enabled" value="true"', 'name="stonith-enabled" value="false"', 1), 'on-fail="fence"')
add('ha1203-demote-on-primitive', 'HA1203', "'demote' is not allowed for it", base([vip(oplist=[('monitor', '10s', ('on-fail', 'demote'))])]), 'on-fail="demote"')
add('ha1204-on-fail-value', 'HA1204', "Element primitive failed to validate content", base([vip(oplist=[('monitor', '10s', ('on-fail', 'explode'))])]), 'on-fail="explode"')
add('ha1204-op-role-value', 'HA1204', "Element primitive failed to validate content", base([vip(oplist=[('monitor', '10s', ('role', 'Boss'))])]), 'role="Boss"')
add('ha1204-op-requires', 'HA1204', "Element primitive failed to validate content", base([vip(oplist=[('monitor', '10s', ('requires', 'quorum'))])]), 'requires="quorum"')
add('ha1204-op-defaults-on-fail', 'HA1204', "Unknown failure type (bogus)", base(extra='\n    <op_defaults>\n      <meta_attributes id="op-options">\n        <nvpair id="op-options-on-fail" name="on-fail" value="bogus"/>\n      </meta_attributes>\n    </op_defaults>'), 'name="on-fail"')
add('ha1205-interval-origin', 'HA1205', "Ignoring 'interval-origin' for operation", base([vip(oplist=[('monitor', '1h', ('interval-origin', 'yesterday'))])]), 'interval-origin=')
# HA13xx
add('ha1301-location-missing-rsc', 'HA1301', 'IDREF attribute rsc references an unknown ID "wbe"', base(cons='<rsc_location id="loc-web" rsc="wbe" node="node1" score="100"/>'), '<rsc_location id="loc-web"')
add('ha1301-colocation-missing-with', 'HA1301', 'IDREF attribute with-rsc references an unknown ID "nosuch"', base(cons='<rsc_colocation id="col-1" rsc="vip" with-rsc="nosuch" score="INFINITY"/>'), '<rsc_colocation')
add('ha1301-order-missing-then', 'HA1301', 'IDREF attribute then references an unknown ID "nosuch"', base(cons='<rsc_order id="ord-1" first="vip" then="nosuch"/>'), '<rsc_order')
add('ha1301-ticket-missing-rsc', 'HA1301', 'IDREF attribute rsc references an unknown ID "nosuch"', base(cons='<rsc_ticket id="tk-1" rsc="nosuch" ticket="site-a"/>'), '<rsc_ticket')
add('ha1302-location-score', 'HA1302', "Type integer doesn't allow value 'lots'", base(cons='<rsc_location id="loc-1" rsc="vip" node="node1" score="lots"/>'), '<rsc_location')
add('ha1302-colocation-score', 'HA1302', "Invalid attribute score for element rsc_colocation", base(cons='<rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="infinity"/>'), '<rsc_colocation')
add('ha1302-order-score', 'HA1302', "Invalid attribute score for element rsc_order", base(cons='<rsc_order id="ord-1" first="d1" then="d2" score="abc"/>'), '<rsc_order')
add('ha1302-rule-score', 'HA1302', "Invalid attribute score for element rule", base(cons='<rsc_location id="loc-1" rsc="vip">\n        <rule id="loc-1-rule" score="high">\n          <expression id="loc-1-e" attribute="#uname" operation="eq" value="node1"/>\n        </rule>\n      </rsc_location>'), '<rule id="loc-1-rule"')
add('ha1303-rsc-pattern', 'HA1303', "because rsc-pattern has invalid value '['", base(cons='<rsc_location id="loc-1" rsc-pattern="[" node="node1" score="100"/>'), '<rsc_location')
add('ha1304-order-self', 'HA1304', "Triggered fatal assertion", base(cons='<rsc_order id="ord-1" first="vip" then="vip"/>'), '<rsc_order')
add('ha1305-serialize-symmetrical', 'HA1305', "Ignoring symmetrical for 'ord-1' because not valid with kind of 'Serialize'", base(cons='<rsc_order id="ord-1" first="d1" then="d2" kind="Serialize" symmetrical="true"/>'), '<rsc_order')
add('ha1306-loss-policy-fence', 'HA1306', "Resetting 'loss-policy' for ticket 'site-a' to 'stop' because fencing is not configured", base(cons='<rsc_ticket id="tk-1" rsc="vip" ticket="site-a" loss-policy="fence"/>').replace('name="stonith-enabled" value="true"', 'name="stonith-enabled" value="false"', 1), '<rsc_ticket')
add('ha1307-location-no-score', 'HA1307', "Expecting an element rule, got nothing", base(cons='<rsc_location id="loc-1" rsc="vip" node="node1"/>'), '<rsc_location')
add('ha1314-colocation-role', 'HA1314', "Invalid attribute rsc-role for element rsc_colocation", base(cons='<rsc_colocation id="col-1" rsc="d1" with-rsc="d2" score="INFINITY" rsc-role="started"/>'), '<rsc_colocation')
add('ha1314-order-action', 'HA1314', "Invalid attribute first-action for element rsc_order", base(cons='<rsc_order id="ord-1" first="d1" then="d2" first-action="begin"/>'), '<rsc_order')
add('ha1314-set-role', 'HA1314', "Invalid attribute role for element resource_set", base(cons='<rsc_colocation id="col-1" score="INFINITY">\n        <resource_set id="col-1-set" role="Boss">\n          <resource_ref id="d1"/>\n          <resource_ref id="d2"/>\n        </resource_set>\n      </rsc_colocation>'), '<resource_set')
# HA14xx
add('ha1401-bad-month', 'HA1401', "is not a valid ISO 8601 date/time specification because '13' is not a valid month", base(cons='<rsc_location id="loc-1" rsc="vip">\n        <rule id="loc-1-rule" score="100">\n          <date_expression id="loc-1-de" operation="gt" start="2024-13-05"/>\n        </rule>\n      </rsc_location>'), '<date_expression')
add('ha1401-bad-day-end', 'HA1401', "is not a valid ISO 8601 date/time specification", base(cons='<rsc_location id="loc-1" rsc="vip">\n        <rule id="loc-1-rule" score="100">\n          <date_expression id="loc-1-de" operation="lt" end="2024-02-30"/>\n        </rule>\n      </rsc_location>'), '<date_expression')
add('ha1402-lt-without-end', 'HA1402', "Element date_expression failed to validate content", base(cons='<rsc_location id="loc-1" rsc="vip">\n        <rule id="loc-1-rule" score="100">\n          <date_expression id="loc-1-de" operation="lt"/>\n        </rule>\n      </rsc_location>'), '<date_expression')
add('ha1403-empty-rule', 'HA1403', "Expecting an element expression, got nothing", base(cons='<rsc_location id="loc-1" rsc="vip">\n        <rule id="loc-1-rule" score="100"/>\n      </rsc_location>'), '<rule id="loc-1-rule"')
add('ha1404-boolean-op', 'HA1404', "Invalid attribute boolean-op for element rule", base(cons='<rsc_location id="loc-1" rsc="vip">\n        <rule id="loc-1-rule" score="100" boolean-op="xor">\n          <expression id="loc-1-e" attribute="#uname" operation="eq" value="node1"/>\n        </rule>\n      </rsc_location>'), '<rule id="loc-1-rule"')
# HA16xx
add('ha1607-duplicate-node-name', 'HA1607', "More than one node entry has name 'node1'", base(), '<node id="2" uname="node2"/>')
add('ha1608-node-type-normal', 'HA1608', "Invalid attribute type for element node", base(), '<node id="2" uname="node2"/>')
for i, (name, rule, frag, xml) in enumerate(D):
    if name == 'ha1607-duplicate-node-name':
        xml = xml.replace('<node id="2" uname="node2"/>', '<node id="3" uname="node1"/>')
    if name == 'ha1608-node-type-normal':
        xml = xml.replace('<node id="2" uname="node2"/>', '<node id="2" uname="node2" type="normal"/>')
    xml = xml.replace('<cib ', '<!-- hakit defect: %s; crm_verify: %s -->\n<cib ' % (rule, frag.replace('--', '- -')), 1)
    open(ROOT + '/testdata/defects/%s.xml' % name, 'w').write(xml)
print(len(D))
