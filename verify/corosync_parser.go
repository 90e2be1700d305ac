package verify

// HA40xx: codes reported by the corosync parser (parsers/corosync). They
// have no Check: the parser finds them while reading.

import "hakit/model"

func init() { registerLazy(func() { Register(corosyncParserRules()...) }) }

func csDoc(what, bad, good string) string { return hbDoc("", what, bad, good) }

func csParserDoc(what, bad, good string) string {
	return csDoc("Reported by the corosync parser (parsers/corosync): "+what, bad, good)
}

func corosyncParserRules() []*Rule {
	return []*Rule{
		{ID: "HA4001", Title: "corosync.conf syntax error", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csParserDoc("a line corosync cannot read: unbalanced braces, `key = value` instead of `key: value`, a section "+
				"name and its `{` on separate lines, a line that neither opens nor closes a section nor sets a key, a key outside "+
				"any section (a warning: corosync stores it where nothing reads it), a binary file. Corosync 2.x and 3.x refuse to "+
				"start; 1.x silently ignores or garbles such lines.",
				"totem\n{\n    version = 2\n", "totem {\n    version: 2\n}")},
		{ID: "HA4002", Title: "text after an opening brace", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csParserDoc("corosync takes everything before `{` as the section name and requires nothing after it. "+
				"2.x and 3.x stop with \"Extra characters after opening bracket\"; 1.x opens a section literally named `totem {` and loses the key.",
				"totem { version: 2\n}", "totem {\n    version: 2\n}")},
		{ID: "HA4003", Title: "non-breaking spaces in corosync.conf", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csParserDoc("indentation made of UTF-8 non-breaking spaces (C2 A0), typical of text copied from a web page. "+
				"Corosync 3 treats the byte A0 as blank but not C2, so the line is garbage and the file is rejected.",
				"totem {\n\u00a0\u00a0version: 2   # indented with NBSP\n}", "totem {\n    version: 2\n}")},
		{ID: "HA4004", Title: "corosync.conf line too long", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csParserDoc("corosync reads lines into a 512-byte buffer: 2.x and 3.x stop with \"Line too long\", 1.x splits the line "+
				"into two items.",
				"exec_check: /usr/bin/a-very-long-command ... (600 characters)", "exec_check: /usr/local/sbin/check-wrapper")},
		{ID: "HA4005", Title: "repeated section merged silently", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csParserDoc("a second `totem`, `quorum`, `logging` (or a second interface block with the same link number): "+
				"corosync 2.x and 3.x merge it into the first by path, later keys winning, without a word; 1.x keeps it apart and "+
				"usually reads only the first. Write one section.",
				"totem {\n    version: 2\n}\ntotem {\n    token: 5000\n}", "totem {\n    version: 2\n    token: 5000\n}")},
		{ID: "HA4006", Title: "key set twice", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csParserDoc("the same key twice in one section; corosync uses the last value silently.",
				"node {\n    nodeid: 2\n    nodeid: 3\n}", "node {\n    nodeid: 3\n}")},
		{ID: "HA4007", Title: "corosync dialect guessed", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csParserDoc("corosync.conf does not say which corosync it is for. hakit reads the dialect (openais 0.80, corosync 1, "+
				"2 or 3) from the sections and keys used and explains its guess when the content fits several versions or mixes "+
				"keys of different versions (e.g. a 1.x `service` block in a file with a 2.x `nodelist`).",
				"service {\n    name: pacemaker\n}\nnodelist {\n    node {\n        ring0_addr: 10.0.0.1\n    }\n}",
				"nodelist {\n    node {\n        ring0_addr: 10.0.0.1\n        nodeid: 1\n    }\n}")},
		{ID: "HA4008", Title: "ringnumber under corosync 3", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csParserDoc("corosync 3 does not know `ringnumber`: every interface block numbered that way is link 0, so two "+
				"ringnumber blocks merge silently into one link (the later values win). Use `linknumber`.",
				"interface {\n    ringnumber: 1\n    knet_link_priority: 20\n}", "interface {\n    linknumber: 1\n    knet_link_priority: 20\n}")},
		{ID: "HA4009", Title: "invalid corosync value", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csParserDoc("a value corosync cannot use: totem.version other than 2 or missing, no totem section at all (or "+
				"one spelled `Totem`), a link number outside 0-7.",
				"totem {\n    version: 3\n}", "totem {\n    version: 2\n}")},
		{ID: "HA4010", Title: "section corosync never reads", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csParserDoc("a section nested where corosync has none (inside a node, a net or heuristics block): it is stored "+
				"but nothing reads it; hakit drops it.",
				"node {\n    ring0_addr: 10.0.0.1\n    extra {\n        x: 1\n    }\n}", "node {\n    ring0_addr: 10.0.0.1\n}")},
		{ID: "HA4011", Title: "corosync value of the wrong type", Severity: model.SeverityError, Since: "0.1.0",
			Doc: csParserDoc("corosync 2.x and 3.x type-check known keys while parsing: timeouts, ports, node ids and votes must "+
				"be unsigned integers and votequorum flags 0 or 1 (`two_node: yes` is refused). corosync 1.x read them with atoi, "+
				"so there it is a warning: `yes` silently meant 0.",
				"quorum {\n    two_node: yes\n}", "quorum {\n    two_node: 1\n}")},
	}
}
