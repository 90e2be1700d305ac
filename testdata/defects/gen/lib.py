# shared CIB builders for the generators
def nv(i, n, v): return '<nvpair id="%s" name="%s" value="%s"/>' % (i, n, v)
def ia(rid, pairs, kind='instance_attributes', suffix='instance_attributes'):
    if not pairs: return ''
    body = ''.join('\n          ' + nv('%s-%s-%s' % (rid, suffix, n), n, v) for n, v in pairs)
    return '\n        <%s id="%s-%s">%s\n        </%s>' % (kind, rid, suffix, body, kind)
def ops(rid, lst):
    if not lst: return ''
    body = ''
    for o in lst:
        name, iv = o[0], o[1]
        extra = ''.join(' %s="%s"' % kv for kv in o[2:])
        body += '\n          <op id="%s-%s-interval-%s" name="%s" interval="%s"%s/>' % (rid, name, iv, name, iv, extra)
    return '\n        <operations>%s\n        </operations>' % body
def prim(rid, cls, typ, params=(), oplist=(), meta=(), prov=None, indent=''):
    p = ' provider="%s"' % prov if prov else ''
    s = '<primitive id="%s" class="%s"%s type="%s">%s%s%s\n      </primitive>' % (rid, cls, p, typ, ia(rid, list(params)), ia(rid, list(meta), 'meta_attributes', 'meta_attributes'), ops(rid, list(oplist)))
    return s
def group(gid, members, meta=()):
    return '<group id="%s">%s\n        %s\n      </group>' % (gid, ia(gid, list(meta), 'meta_attributes', 'meta_attributes'), '\n        '.join(members))
def clone(cid, child, meta=()):
    return '<clone id="%s">%s\n        %s\n      </clone>' % (cid, ia(cid, list(meta), 'meta_attributes', 'meta_attributes'), child)
def ipmi(node, n):
    return prim('fence-' + node, 'stonith', 'fence_ipmilan', [('ip', '10.0.0.%d' % (100 + n)), ('username', 'admin'), ('password', 'secret'), ('lanplus', '1'), ('pcmk_host_list', node)], [('monitor', '60s')])
def cib(nodes, resources, constraints='', options=(), extra='', header='', status=True):
    opts = [('cluster-name', 'hacluster'), ('stonith-enabled', 'true')] + list(options)
    o = ''.join('\n        ' + nv('cib-bootstrap-options-' + n, n, v) for n, v in opts)
    ns = ''.join('\n      <node id="%d" uname="%s"/>' % (i + 1, n) for i, n in enumerate(nodes))
    st = ''.join('\n    <node_state id="%d" uname="%s" in_ccm="true" crmd="online" join="member" expected="member"/>' % (i + 1, n) for i, n in enumerate(nodes))
    cons = '<constraints/>' if not constraints else '<constraints>\n      %s\n    </constraints>' % constraints.strip()
    return '''<cib crm_feature_set="3.16.2" validate-with="pacemaker-3.9" epoch="5" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
%s  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">%s
      </cluster_property_set>
    </crm_config>
    <nodes>%s
    </nodes>
    <resources>
      %s
    </resources>
    %s%s
  </configuration>
  <status>%s
  </status>
</cib>
''' % (header, o, ns, '\n      '.join(resources), cons, extra, st)
def fences(nodes): return [ipmi(n, i + 1) for i, n in enumerate(nodes)]

# Helpers of the issue-14 generators (gen17.py, gen18.py): a defect CIB is
# written to testdata/defects/ and as the rule's bad testdata, with its
# "want" markers on the lines that hold the needles.
import os
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
N2 = ['node1', 'node2']
def dummy(rid, meta=(), oplist=None):
    return prim(rid, 'ocf', 'Dummy', [], oplist if oplist is not None else [('monitor', '10s', ('timeout', '20s'))], meta=meta, prov='pacemaker')
def base(res, cons='', options=(), schema=None):
    x = cib(N2, fences(N2) + res, cons, options)
    if schema:
        x = x.replace('validate-with="pacemaker-3.9"', 'validate-with="%s"' % schema)
    return x
def mark(s, needle, rid, nth=0):
    lines = s.split('\n')
    hits = [i for i, l in enumerate(lines) if needle in l]
    lines[hits[nth]] += ' <!-- want %s -->' % rid
    return '\n'.join(lines)
def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, 'w').write(text)
def defect(name, rule, frag, xml, needles):
    for n in needles:
        xml = mark(xml, n, rule)
    hdr = '<!-- hakit defect: %s; crm_verify: %s -->\n' % (rule, frag.replace('--', '- -'))
    write(ROOT + '/testdata/defects/%s.xml' % name, hdr + xml)
    write(ROOT + '/testdata/verify/%s/bad-%s.xml' % (rule, name[7:]), hdr + xml)
def good(rule, name, xml):
    write(ROOT + '/testdata/verify/%s/%s.xml' % (rule, name), xml)
