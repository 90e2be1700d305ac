package verify

// HA3xxx: pcs command scripts. HA3001-HA3049 are reported by the pcs parser
// (parsers/pcs), HA3050-HA3099 by the pcs emitter (emit/pcs).

import (
	"fmt"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(pcsRules()...)
	})
}

func pcsParserDoc(what, bad, good string) string {
	return fmt.Sprintf("Reported by the pcs parser: %s\n\nBad:\n\n```sh\n%s\n```\n\nGood:\n\n```sh\n%s\n```\n", what, bad, good)
}

func pcsEmitDoc(what, bad, good, todo string) string {
	return fmt.Sprintf("Reported by the pcs emitter (`hakit convert --to pcs`): %s\n\nBad (input that gets the finding):\n\n```xml\n%s\n```\n\nGood:\n\n```xml\n%s\n```\n\nWhat to do: %s\n\nNo testdata: emitter findings are tested in emit/pcs (the rule testdata harness only parses).\n", what, bad, good, todo)
}

func pcsRules() []*Rule {
	return []*Rule{
		{ID: "HA3001", Title: "shell syntax error in a pcs script", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("the script is not valid shell (an unterminated quote, a missing `fi`, ...). Nothing of the script is interpreted.",
				"pcs resource create vip ocf:heartbeat:IPaddr2 ip='10.0.0.1",
				"pcs resource create vip ocf:heartbeat:IPaddr2 ip='10.0.0.1'")},
		{ID: "HA3002", Title: "shell variable or substitution not expanded", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: pcsParserDoc("a word uses a shell variable, command substitution or arithmetic expansion. hakit never runs the shell, so the text is used as written and the value the script would see is unknown.",
				"pcs resource create vip ocf:heartbeat:IPaddr2 ip=$VIP",
				"pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1")},
		{ID: "HA3003", Title: "command of another program skipped", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: pcsParserDoc("a command that is not pcs (echo, systemctl, a variable assignment, ...). It is skipped.",
				"systemctl start pcsd\npcs property set stonith-enabled=true",
				"pcs property set stonith-enabled=true")},
		{ID: "HA3004", Title: "pcs command is not configuration", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: pcsParserDoc("a status or runtime pcs command (status, move, cleanup, cluster start, ...). It changes nothing in the configuration and is skipped; `resource enable/disable/manage/unmanage`, which set meta attributes, are interpreted.",
				"pcs resource cleanup vip", "pcs resource disable vip")},
		{ID: "HA3005", Title: "old or deprecated pcs syntax", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: pcsParserDoc("a pcs 0.9 spelling (`--master`, `resource master`, `cluster setup --name`, `cluster auth`) or a form pcs 0.11 deprecates (`resource defaults name=value`, the roles Master/Slave). It is interpreted; the message gives the modern form.",
				"pcs resource master ms-st st", "pcs resource promotable st ms-st")},
		{ID: "HA3006", Title: "unknown pcs command", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("pcs has no such command or subcommand.",
				"pcs resource frobnicate vip", "pcs resource disable vip")},
		{ID: "HA3007", Title: "unknown or unsupported pcs option", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("a --option pcs does not know, or one the command does not support; pcs refuses the command.",
				"pcs resource create a ocf:pacemaker:Dummy --frob", "pcs resource create a ocf:pacemaker:Dummy --disabled")},
		{ID: "HA3008", Title: "invalid id", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("an id that is not a valid XML id: it must start with a letter or `_` and hold only letters, digits, `_`, `.` and `-`.",
				"pcs resource create 1web ocf:heartbeat:nginx", "pcs resource create web1 ocf:heartbeat:nginx")},
		{ID: "HA3009", Title: "missing or malformed argument", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("a required argument or agent parameter is missing, or an argument does not have the form the command needs (`name=value`, `<rsc> with <rsc>`, ...).",
				"pcs resource create vip ocf:heartbeat:IPaddr2 cidr_netmask=24",
				"pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1 cidr_netmask=24")},
		{ID: "HA3010", Title: "reference to an undefined object", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("the command names a resource, group, bundle, alert, operation, constraint, stonith device or node that the script has not defined at that point.",
				"pcs constraint order vip then web", "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1\npcs resource create web ocf:heartbeat:nginx\npcs constraint order vip then web")},
		{ID: "HA3011", Title: "id already exists or duplicate", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("the id is already used in the CIB, or the same constraint, recipient, fencing level or operation exists already.",
				"pcs resource create a ocf:pacemaker:Dummy\npcs resource create a ocf:pacemaker:Dummy",
				"pcs resource create a ocf:pacemaker:Dummy\npcs resource create b ocf:pacemaker:Dummy")},
		{ID: "HA3012", Title: "option or value pcs refuses", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("pcs rejects the option or its value: a parameter the agent does not have, an unknown cluster property, an invalid score, role or transport, `quorum update two_node=1` (pcs sets two_node itself), `promotable` for an agent that cannot promote, ...",
				"pcs quorum update two_node=1", "pcs quorum update wait_for_all=1")},
		{ID: "HA3013", Title: "unknown resource agent", Severity: model.SeverityError, Since: "0.1.0",
			Doc: pcsParserDoc("the agent is not in hakit's agent snapshot (the agents Debian's resource-agents, fence-agents and pacemaker packages install), or a short name matches none or several agents. pcs refuses such agents without --force.",
				"pcs resource create x ocf:heartbeat:NoSuchAgent", "pcs resource create x ocf:heartbeat:Dummy")},
		{ID: "HA3014", Title: "pcs command not interpreted by hakit", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: pcsParserDoc("a valid configuration command hakit does not interpret (acl, cluster cib-push, resource bundle update, ...). Its effect is missing from the result.",
				"pcs acl role create readonly read xpath /cib", "# configure ACLs on the live cluster, outside the script")},
		{ID: "HA3015", Title: "shell construct not interpreted", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: pcsParserDoc("an if, for, while, case, function or pipeline. hakit reads simple commands (also joined by `&&`, `||`, `;` or inside `{ }`) only.",
				"for n in n1 n2; do pcs node attribute $n rack=1; done", "pcs node attribute n1 rack=1\npcs node attribute n2 rack=1")},
		{ID: "HA3016", Title: "pcs fills in a value", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: pcsParserDoc("pcs completes what the command leaves out: a short agent name (`IPaddr2` becomes `ocf:heartbeat:IPaddr2`) or a node without `addr=` (its name is used as address).",
				"pcs resource create vip IPaddr2 ip=10.0.0.1", "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1")},
		{ID: "HA3017", Title: "validation overridden by --force", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: pcsParserDoc("--force makes pcs accept what it would refuse (an unknown agent or parameter, a missing required parameter); hakit accepts it too and says what was overridden.",
				"pcs resource create vip ocf:heartbeat:IPaddr2 foo=1 --force", "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.1")},
		{ID: "HA3018", Title: "agent class without metadata", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: pcsParserDoc("a systemd, lsb or service resource: hakit has no metadata for it, so its parameters are not checked and pcs's default operations are not known.",
				"pcs resource create web systemd:nginx", "pcs resource create web ocf:heartbeat:nginx")},
		{ID: "HA3050", Title: "fence password read from a variable", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: pcsEmitDoc("a fence device has a password (or other secret) parameter. The emitted script never holds it: it reads `FENCE_PASSWORD_<DEVICE>`, and stops if the variable is unset.",
				"<primitive id=\"fence-n1\" class=\"stonith\" type=\"fence_ipmilan\">\n  <instance_attributes id=\"fence-n1-ia\">\n    <nvpair id=\"fence-n1-pw\" name=\"password\" value=\"...\"/>",
				"<primitive id=\"fence-n1\" class=\"stonith\" type=\"fence_ipmilan\">\n  <instance_attributes id=\"fence-n1-ia\">\n    <nvpair id=\"fence-n1-key\" name=\"identity_file\" value=\"/root/.ssh/fence\"/>",
				"Set the variable before running the script: `FENCE_PASSWORD_FENCE_N1=... sh cluster.sh`.")},
		{ID: "HA3051", Title: "construct pcs cannot express", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: pcsEmitDoc("the model holds something pcs has no command for (templates, a second attribute set or one with a rule, op meta attributes, location constraints with resource sets, alert select, ACLs, explicit node ids, ...). It is left out of the script, with a comment where it would have been.",
				"<template id=\"web-tpl\" class=\"ocf\" provider=\"heartbeat\" type=\"nginx\"/>",
				"<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"nginx\"/>",
				"Add it after the script with `cibadmin` or `crm configure`, or convert to CIB XML instead.")},
	}
}
