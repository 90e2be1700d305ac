package verify

// HA90xx: the Ansible ha_cluster emitter (emit/hacluster, `hakit convert
// --to ha-cluster`).

import (
	"fmt"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(haclusterRules()...)
	})
}

func haclusterDoc(what, bad, good, todo string) string {
	return fmt.Sprintf("Reported by the ha_cluster emitter (`hakit convert --to ha-cluster`), which writes the variables of the linux-system-roles ha_cluster role: %s\n\nBad (input that gets the finding):\n\n```\n%s\n```\n\nGood:\n\n```\n%s\n```\n\nWhat to do: %s\n\nNo testdata: emitter findings are tested in emit/hacluster (the rule testdata harness only parses).\n", what, bad, good, todo)
}

func haclusterRules() []*Rule {
	return []*Rule{
		{ID: "HA9001", Title: "construct the ha_cluster role cannot express", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: haclusterDoc("the model holds something the role has no variable for: tags, resource templates, a second attribute set or one with a rule or score, operation meta attributes, location constraints with resource sets, alert select filters, ACL permissions by object type, explicit node ids, corosync sections other than totem/quorum/nodelist (logging, ...), totem or link options pcs does not accept. It is left out of the variables.",
				"tag web-stack vip web",
				"primitive vip ocf:heartbeat:IPaddr2 params ip=192.0.2.10",
				"Add it after the role ran (a task running `pcs` or `cibadmin`), or keep the cluster's CIB (`--to cib`).")},
		{ID: "HA9002", Title: "secret written as a vault variable reference", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: haclusterDoc("a fence device has a password (or another secret) parameter, or the corosync key is set. The variables never hold it: a fence password becomes `{{ vault_<device>_<parameter> }}`; the corosync key is left to `ha_cluster_corosync_key_src`.",
				"primitive fence-n1 stonith:fence_ipmilan params ip=10.0.0.1 password=secret",
				"primitive fence-n1 stonith:fence_ipmilan params ip=10.0.0.1 identity_file=/root/.ssh/fence",
				"Define each vault_* variable (and vault_ha_cluster_hacluster_password) in an Ansible vault: `ansible-vault create group_vars/cluster/vault.yml`.")},
		{ID: "HA9003", Title: "value the ha_cluster role derives itself", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: haclusterDoc("a value pcs sets from other settings (quorum two_node and expected_votes from the node list) or heartbeat's authkeys, which corosync 3 replaces with its own key. It is not written; the role's result is the same.",
				"quorum {\n  provider: corosync_votequorum\n  two_node: 1\n}",
				"quorum {\n  provider: corosync_votequorum\n}",
				"Nothing.")},
	}
}
