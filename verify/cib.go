package verify

// HA01xx: CIB schema-level findings, all reported by the CIB parser
// (parsers/cib) while it reads the XML, so their Check is nil.

import "hakit/model"

func init() { registerLazy(func() { Register(cibParserRules()...) }) }

func cibDoc(what, bad, good string) string {
	return what + "\n\nBad:\n\n```xml\n" + bad + "\n```\n\nGood:\n\n```xml\n" + good + "\n```\n"
}

const cibGood = `<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources>
      <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"/>
    </resources>
    <constraints/>
  </configuration>
</cib>`

func cibParserRules() []*Rule {
	return []*Rule{
		{
			ID: "HA0101", Title: "malformed XML", Severity: model.SeverityError, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: the file is not well-formed XML (an unclosed or mismatched\n"+
				"tag, a truncated file, an undefined entity). The finding points at the line and column where\n"+
				"reading stopped; nothing after it is read. Pacemaker rejects the whole file.",
				`<resources>
  <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
</resources>`,
				`<resources>
  <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"/>
</resources>`),
		},
		{
			ID: "HA0102", Title: "not a CIB", Severity: model.SeverityError, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: the root element is neither `<cib>` nor a bare\n"+
				"`<configuration>`, so the file is some other XML (a cluster.conf, crm_mon output, ...).\n"+
				"Name the format with `--from` if detection picked the wrong one.",
				`<crm_mon version="2.1.5">...</crm_mon>`, cibGood),
		},
		{
			ID: "HA0103", Title: "unknown element", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: an element the Pacemaker schemas hakit knows do not have\n"+
				"at that place (a typo, a vendor extension, a newer schema). hakit keeps it verbatim and\n"+
				"writes it back, but no rule looks inside it; Pacemaker's schema validation will usually\n"+
				"reject it.",
				`<primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
  <operation name="monitor" interval="10s"/>
</primitive>`,
				`<primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
  <operations>
    <op id="ip-monitor-interval-10s" name="monitor" interval="10s"/>
  </operations>
</primitive>`),
		},
		{
			ID: "HA0104", Title: "unknown attribute", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: an attribute the element does not have in the Pacemaker\n"+
				"schemas (often a misspelling, or a meta attribute written as an XML attribute). hakit\n"+
				"keeps it and writes it back; Pacemaker ignores or rejects it. Status-section attributes\n"+
				"are free-form and never reported.",
				`<primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2" target-role="Stopped"/>`,
				`<primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
  <meta_attributes id="ip-meta_attributes">
    <nvpair id="ip-meta_attributes-target-role" name="target-role" value="Stopped"/>
  </meta_attributes>
</primitive>`),
		},
		{
			ID: "HA0105", Title: "duplicate id", Severity: model.SeverityError, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: two elements of the configuration carry the same `id`.\n"+
				"Ids are XML IDs and must be unique in the document (node ids are a namespace of their\n"+
				"own); the finding points at the second and relates to the first.",
				`<primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
<primitive id="web" class="ocf" provider="heartbeat" type="IPaddr2"/>`,
				`<primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
<primitive id="web-ip" class="ocf" provider="heartbeat" type="IPaddr2"/>`),
		},
		{
			ID: "HA0106", Title: "dangling id reference", Severity: model.SeverityError, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: an `id-ref` (of an nvpair, attribute set, rule, op,\n"+
				"...), a `resource_ref`, `obj_ref`, ACL `role` or a primitive's `template` names an id that\n"+
				"no element of the configuration defines.",
				`<meta_attributes id-ref="common-meta"/>`,
				`<meta_attributes id="common-meta">
  <nvpair id="common-meta-priority" name="priority" value="10"/>
</meta_attributes>
...
<meta_attributes id-ref="common-meta"/>`),
		},
		{
			ID: "HA0107", Title: "missing required attribute", Severity: model.SeverityError, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: an element lacks an attribute the schema requires (an id,\n"+
				"a primitive's class or type, an op's name or interval, an nvpair's name, ...), or a clone\n"+
				"has nothing inside.",
				`<op id="ip-monitor" name="monitor"/>`,
				`<op id="ip-monitor" name="monitor" interval="10s"/>`),
		},
		{
			ID: "HA0108", Title: "duplicate attribute", Severity: model.SeverityError, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: one element carries the same attribute twice. XML forbids\n"+
				"it; hakit keeps the first value, other tools may keep the last.",
				`<nvpair id="o-1" name="stonith-enabled" value="false" value="true"/>`,
				`<nvpair id="o-1" name="stonith-enabled" value="true"/>`),
		},
		{
			ID: "HA0109", Title: "document too deep or too large", Severity: model.SeverityError, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: elements are nested more than 256 deep or the document has\n"+
				"more than four million elements. No CIB comes near either; the file is generated garbage\n"+
				"or hostile, and it is not read further.",
				`<cib><a><a><a><a>... (300 levels) ...</a></a></a></a></cib>`, cibGood),
		},
		{
			ID: "HA0110", Title: "document type declaration ignored", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: cibDoc("Reported by the CIB parser: the file has a `<!DOCTYPE ...>`. CIBs have none; hakit\n"+
				"ignores it and expands no entity it declares (so entity-expansion bombs do nothing), and\n"+
				"a use of such an entity is malformed XML (HA0101).",
				`<!DOCTYPE cib [<!ENTITY a "aaaaaaaaaa">]>
<cib validate-with="pacemaker-3.9">...</cib>`, cibGood),
		},
	}
}
