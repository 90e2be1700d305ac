package verify

// HA43xx: reported by the corosync converter (convert/corosync.go) when it
// migrates openais 0.80 / corosync 1.x / 2.x to corosync 3. No Check: the
// converter finds them while converting.

import (
	"fmt"

	"hakit/model"
)

func init() { registerLazy(func() { Register(corosyncConvertRules()...) }) }

func csConvertDoc(what, bad, good string) string {
	return fmt.Sprintf("Reported by the corosync converter (`hakit convert --from corosync`): %s\n\n"+
		"No testdata: `hakit verify` does not convert; convert/corosync_test.go covers it.\n\n"+
		"Bad (input):\n\n```\n%s\n```\n\nGood (what the converter writes):\n\n```\n%s\n```\n", what, bad, good)
}

func corosyncConvertRules() []*Rule {
	return []*Rule{
		{ID: "HA4301", Title: "corosync transport changed", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("the transport becomes knet (or the udpu/udp asked for). knet needs no multicast, carries up to 8 "+
				"links and encrypts; `iba` no longer exists.", "totem {\n    transport: udpu\n}", "totem {\n    transport: knet\n}")},
		{ID: "HA4302", Title: "corosync crypto rewritten", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("`secauth` becomes crypto_cipher/crypto_hash (corosync 1.x and 2.x encrypted by default, corosync 3 "+
				"does not), sha1 becomes sha256, 3des becomes aes256; corosync 3 needs a key of at least 128 bytes and encrypts "+
				"only with knet. Reported as a warning when crypto is lost (udp/udpu) or an inline key is too short.",
				"totem {\n    secauth: on\n}", "totem {\n    crypto_cipher: aes256\n    crypto_hash: sha256\n}")},
		{ID: "HA4303", Title: "rrp_mode replaced by link_mode", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("corosync 3 has no redundant ring protocol: rrp_mode active/passive becomes knet's link_mode; with "+
				"udp/udpu the second ring is lost (a warning).", "totem {\n    rrp_mode: passive\n}", "totem {\n    link_mode: passive\n}")},
		{ID: "HA4304", Title: "interface keys dropped", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("bindnetaddr, mcastaddr, ttl and broadcast mean nothing to knet (addresses come from the nodelist); "+
				"ringnumber becomes linknumber; with udp/udpu only link 0 remains.",
				"interface {\n    ringnumber: 0\n    bindnetaddr: 10.0.0.0\n    mcastaddr: 239.255.1.1\n    mcastport: 5405\n}",
				"interface {\n    linknumber: 0\n    mcastport: 5405\n}")},
		{ID: "HA4305", Title: "nodelist built", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csConvertDoc("corosync 3 needs a nodelist. The converter builds it from 1.x udpu member blocks, or, for multicast "+
				"clusters, from the node names of a CIB given alongside (each name as ring0_addr, so names must resolve).",
				"interface {\n    member {\n        memberaddr: 10.0.0.1\n    }\n}", "nodelist {\n    node {\n        ring0_addr: 10.0.0.1\n        nodeid: 1\n    }\n}")},
		{ID: "HA4306", Title: "nodeid assigned or renumbered", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csConvertDoc("knet needs an explicit nodeid below 65536 on every node. Ids derived from IPv4 addresses by "+
				"corosync 1.x/2.x are replaced (by the CIB's id when usable, else the next free number): Pacemaker's node ids "+
				"change with them.", "node {\n    ring0_addr: 10.67.18.221\n}", "node {\n    ring0_addr: 10.67.18.221\n    nodeid: 1\n}")},
		{ID: "HA4307", Title: "node name taken or missing", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("node names are taken from the CIB (by node id) or from a ring0_addr that is a host name; corosync 3 "+
				"needs names on all nodes when there are several links (a warning when none can be found).",
				"node {\n    ring0_addr: alpha\n}", "node {\n    ring0_addr: alpha\n    name: alpha\n    nodeid: 1\n}")},
		{ID: "HA4308", Title: "Pacemaker plugin gone", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csConvertDoc("corosync 3 loads no plugins: `service { name: pacemaker }` is dropped. With ver: 0 the plugin "+
				"started Pacemaker's daemons; now pacemakerd is a service of its own that must be enabled after corosync.",
				"service {\n    name: pacemaker\n    ver: 0\n}", "# systemctl enable --now corosync pacemaker")},
		{ID: "HA4309", Title: "obsolete corosync key dropped", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("keys and sections corosync 3 ignores are dropped: aisexec, amf, event, compatibility, threads, "+
				"vsftype, crypto_type, totem.nodeid, RRP tuning, qb (moved to system.qb_ipc_type), quorumdev_poll.",
				"compatibility: whitetank\naisexec {\n    user: root\n}", "# (nothing)")},
		{ID: "HA4310", Title: "quorum changed", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csConvertDoc("Pacemaker on corosync 3 takes quorum from votequorum: a provider is added or replaced "+
				"(quorum_cman, testquorum), and two_node: 1 is added for two-node clusters (replacing no-quorum-policy=ignore).",
				"service {\n    name: pacemaker\n}", "quorum {\n    provider: corosync_votequorum\n    two_node: 1\n}")},
		{ID: "HA4311", Title: "corosync default changed", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("a default differs in corosync 3: the token timeout grows from 1000 to 3000 ms, so failures are "+
				"detected later. Set the key to keep the old behaviour.", "totem {\n    version: 2\n}", "totem {\n    version: 2\n    token: 1000\n}")},
		{ID: "HA4312", Title: "logging key renamed", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csConvertDoc("openais and 1.x logging spellings are renamed: to_file → to_logfile, syslog_level → "+
				"syslog_priority, logger { ident } → logger_subsys { subsys }; tags is dropped.",
				"logging {\n    to_file: yes\n}", "logging {\n    to_logfile: yes\n}")},
		{ID: "HA4313", Title: "cluster_name added", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csConvertDoc("corosync 3's qdevice and DLM need totem.cluster_name; it is taken from the CIB's cluster-name, the "+
				"plugin's clustername or pcs's default hacluster.", "totem {\n    version: 2\n}", "totem {\n    version: 2\n    cluster_name: hacluster\n}")},
		{ID: "HA4314", Title: "node addresses unknown", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csConvertDoc("a multicast cluster lists no members, and no CIB or node addresses were given: the converter "+
				"cannot write the nodelist corosync 3 requires.", "interface {\n    mcastaddr: 239.255.1.1\n}", "# give the CIB: hakit convert corosync.conf cib.xml")},
		{ID: "HA4315", Title: "invalid value dropped in conversion", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csConvertDoc("corosync 2.x and 3.x type-check integer keys (token, consensus, mcastport, ...): a value that is "+
				"not an integer (a template placeholder, a trailing comment or brace) makes corosync refuse the file, so the "+
				"converter drops the key.", "totem {\n    token: 3000 }\n}", "totem {\n    token: 3000\n}")},
	}
}
