package verify

// HA2xxx: crm shell (crmsh configure language) findings, all reported by the
// crm shell parser (parsers/crmsh) while it reads a file, so their Check is
// nil.

import "hakit/model"

func init() { registerLazy(func() { Register(crmshParserRules()...) }) }

func crmDoc(what, bad, good string) string {
	return "Reported by the crm shell parser. " + what + "\n\nBad:\n\n```\n" + bad + "\n```\n\nGood:\n\n```\n" + good + "\n```\n"
}

func crmRule(id, title string, sev model.Severity, doc string) *Rule {
	return &Rule{ID: id, Title: title, Severity: sev, Since: "0.1.0", Doc: doc}
}

func crmshParserRules() []*Rule {
	return []*Rule{
		crmRule("HA2001", "crm syntax error", model.SeverityError, crmDoc(
			"A statement that `crm configure load` rejects: a missing id or argument, a token where another\n"+
				"was expected, arguments left over at the end. crmsh aborts the whole load (exit 1).",
			"primitive", "primitive a ocf:heartbeat:Dummy")),
		crmRule("HA2002", "unterminated quote or continuation", model.SeverityError, crmDoc(
			"A quote that is never closed on its logical line, or a continuation backslash on the last line\n"+
				"of the file. crmsh rejects the first (No closing quotation); the second it accepts silently,\n"+
				"which hides a truncated file, so hakit reports it anyway.",
			"primitive a Dummy params state=\"/tmp/a", "primitive a Dummy params state=\"/tmp/a\"")),
		crmRule("HA2003", "typographic quotes", model.SeverityError, crmDoc(
			"Curly quotes (“ ” ‘ ’ « ») pasted from a web page or word processor. crmsh does not treat them as\n"+
				"quotes: it stores them as character references inside the value and commits it, so the resource\n"+
				"gets a value with stray characters. hakit rejects them although crmsh exits 0.",
			"primitive a Dummy params state=”/tmp/a”", "primitive a Dummy params state=\"/tmp/a\"")),
		crmRule("HA2004", "unknown command", model.SeverityError, crmDoc(
			"A statement that starts with a word crmsh's configure level does not know (usually a typo; the\n"+
				"finding suggests the closest command).",
			"primitve a Dummy", "primitive a Dummy")),
		crmRule("HA2005", "unknown or misplaced operation attribute", model.SeverityError, crmDoc(
			"An `op` attribute that is close to, but not, an operation attribute of the schema (the classic\n"+
				"`interfal=30s`), or an operation attribute after an instance attribute of the op. crmsh treats\n"+
				"unknown names as op instance attributes and then rejects the op (Attribute order error), because\n"+
				"it appends interval=0 when no interval was given.",
			"primitive a Dummy op monitor interfal=30s", "primitive a Dummy op monitor interval=30s")),
		crmRule("HA2006", "duplicate id", model.SeverityError, crmDoc(
			"Two objects with the same id, including two `property` (or `rsc_defaults`, `op_defaults`)\n"+
				"statements without an id, which both mean the default set. crmsh: Duplicate resource.",
			"primitive a Dummy\nprimitive a Dummy", "primitive a Dummy\nprimitive b Dummy")),
		crmRule("HA2007", "reference to an undefined object", model.SeverityError, crmDoc(
			"A group, clone, bundle, constraint, tag, monitor, ACL target or fencing level names an object the\n"+
				"file does not define. crmsh rejects constraints that do so; for a group member it prints an ERROR\n"+
				"yet commits the group without the member and exits 0, which hakit reports as an error anyway.",
			"primitive a Dummy\ngroup g a nosuch", "primitive a Dummy\nprimitive b Dummy\ngroup g a b")),
		crmRule("HA2008", "malformed rule", model.SeverityError, crmDoc(
			"A rule crmsh cannot parse: an unknown operator or comparison type, a missing value, a date\n"+
				"expression with an unknown operation, mixed `and`/`or` in one rule, or more than one rule in an\n"+
				"attribute set.",
			"location l1 a rule 10: #uname equals n1", "location l1 a rule 10: #uname eq n1")),
		crmRule("HA2009", "xml escape", model.SeverityError, crmDoc(
			"An `xml` statement whose data is not one well-formed CIB element crmsh accepts at configure level.",
			"xml <primitive id=\"x\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">",
			"xml <primitive id=\"x\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>")),
		crmRule("HA2010", "resource in more than one container", model.SeverityError, crmDoc(
			"A resource listed twice in a group, in two groups, or in a group and a clone, or a container\n"+
				"child of the wrong kind (a clone of a clone, a template in a group).",
			"primitive a Dummy\ngroup g1 a\ngroup g2 a", "primitive a Dummy\nprimitive b Dummy\ngroup g1 a\ngroup g2 b")),
		crmRule("HA2011", "invalid value", model.SeverityError, crmDoc(
			"A role, action, order kind, score, resource-discovery, loss-policy, boolean or resource agent\n"+
				"specification crmsh does not accept.",
			"colocation c1 inf: a:Leader b", "colocation c1 inf: a:Started b")),
		crmRule("HA2012", "unknown resource set attribute", model.SeverityError, crmDoc(
			"Inside constraint resource sets crmsh knows only `sequential=` and `require-all=`.",
			"order o1 Mandatory: a ( b c ) ordering=listed", "order o1 Mandatory: a ( b c )")),
	}
}
