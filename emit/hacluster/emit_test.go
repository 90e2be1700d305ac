package hacluster_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"hakit/convert"
	"hakit/emit/hacluster"
	"hakit/internal/golden"
	"hakit/model"
	"hakit/parsers"
)

// shape is a variable's documented structure in the ha_cluster role's
// README (linux-system-roles/ha_cluster, README.md, "Role Variables";
// read at commit 31e38956d62b, August 2026).
type shape struct {
	kind   string            // str, int, bool, map, list
	fields map[string]*shape // map: the keys the role knows
	elem   *shape            // list: the element shape
}

var (
	tStr  = &shape{kind: "str"}
	tInt  = &shape{kind: "int"}
	tBool = &shape{kind: "bool"}
)

func mapOf(f map[string]*shape) *shape { return &shape{kind: "map", fields: f} }
func listOf(e *shape) *shape           { return &shape{kind: "list", elem: e} }

// nv is the role's list of name-value dictionaries.
var nv = listOf(mapOf(map[string]*shape{"name": tStr, "value": tStr}))

// attrSets is the role's "list of sets": [{attrs: [name-value]}].
var attrSets = listOf(mapOf(map[string]*shape{"attrs": nv}))

var resourceSpec = mapOf(map[string]*shape{"id": tStr, "pattern": tStr, "role": tStr, "action": tStr})

var resourceSets = listOf(mapOf(map[string]*shape{"resource_ids": listOf(tStr), "options": nv}))

var defaultsShape = mapOf(map[string]*shape{"meta_attrs": listOf(mapOf(map[string]*shape{
	"id": tStr, "rule": tStr, "score": tStr, "attrs": nv}))})

// roleVariables are the variables the role documents, with their shapes.
var roleVariables = map[string]*shape{
	"ha_cluster_cluster_name":       tStr,
	"ha_cluster_hacluster_password": tStr,
	"ha_cluster_corosync_key_src":   tStr,
	"ha_cluster_transport": mapOf(map[string]*shape{
		"type": tStr, "options": nv, "links": listOf(nv), "compression": nv, "crypto": nv}),
	"ha_cluster_totem": mapOf(map[string]*shape{"options": nv}),
	"ha_cluster_quorum": mapOf(map[string]*shape{
		"options": nv,
		"device": mapOf(map[string]*shape{
			"model": tStr, "model_options": nv, "generic_options": nv, "heuristics_options": nv}),
	}),
	"ha_cluster_node_options": listOf(mapOf(map[string]*shape{
		"node_name": tStr, "pcs_address": tStr, "corosync_addresses": listOf(tStr),
		"sbd_watchdog_modules": listOf(tStr), "sbd_watchdog_modules_blocklist": listOf(tStr),
		"sbd_watchdog": tStr, "sbd_devices": listOf(tStr),
		"attributes": attrSets, "utilization": attrSets,
	})),
	"ha_cluster_cluster_properties":          attrSets,
	"ha_cluster_resource_defaults":           defaultsShape,
	"ha_cluster_resource_operation_defaults": defaultsShape,
	"ha_cluster_resource_primitives": listOf(mapOf(map[string]*shape{
		"id": tStr, "agent": tStr, "instance_attrs": attrSets, "meta_attrs": attrSets,
		"copy_operations_from_agent": tBool,
		"operations":                 listOf(mapOf(map[string]*shape{"action": tStr, "attrs": nv})),
		"utilization":                attrSets,
	})),
	"ha_cluster_resource_groups": listOf(mapOf(map[string]*shape{
		"id": tStr, "resource_ids": listOf(tStr), "meta_attrs": attrSets})),
	"ha_cluster_resource_clones": listOf(mapOf(map[string]*shape{
		"resource_id": tStr, "promotable": tBool, "id": tStr, "meta_attrs": attrSets})),
	"ha_cluster_resource_bundles": listOf(mapOf(map[string]*shape{
		"id": tStr, "resource_id": tStr,
		"container":       mapOf(map[string]*shape{"type": tStr, "options": nv}),
		"network_options": nv, "port_map": listOf(nv), "storage_map": listOf(nv), "meta_attrs": attrSets,
	})),
	"ha_cluster_stonith_levels": listOf(mapOf(map[string]*shape{
		"level": tInt, "target": tStr, "target_pattern": tStr, "target_attribute": tStr,
		"target_value": tStr, "resource_ids": listOf(tStr)})),
	"ha_cluster_constraints_location": listOf(mapOf(map[string]*shape{
		"resource": resourceSpec, "node": tStr, "rule": tStr, "id": tStr, "options": nv})),
	"ha_cluster_constraints_colocation": listOf(mapOf(map[string]*shape{
		"resource_follower": resourceSpec, "resource_leader": resourceSpec,
		"resource_sets": resourceSets, "id": tStr, "options": nv})),
	"ha_cluster_constraints_order": listOf(mapOf(map[string]*shape{
		"resource_first": resourceSpec, "resource_then": resourceSpec,
		"resource_sets": resourceSets, "id": tStr, "options": nv})),
	"ha_cluster_constraints_ticket": listOf(mapOf(map[string]*shape{
		"resource": resourceSpec, "resource_sets": resourceSets, "ticket": tStr, "id": tStr, "options": nv})),
	"ha_cluster_acls": mapOf(map[string]*shape{
		"acl_roles": listOf(mapOf(map[string]*shape{
			"id": tStr, "description": tStr,
			"permissions": listOf(mapOf(map[string]*shape{"kind": tStr, "xpath": tStr, "reference": tStr}))})),
		"acl_users":  listOf(mapOf(map[string]*shape{"id": tStr, "roles": listOf(tStr)})),
		"acl_groups": listOf(mapOf(map[string]*shape{"id": tStr, "roles": listOf(tStr)})),
	}),
	"ha_cluster_alerts": listOf(mapOf(map[string]*shape{
		"id": tStr, "path": tStr, "description": tStr, "instance_attrs": attrSets, "meta_attrs": attrSets,
		"recipients": listOf(mapOf(map[string]*shape{
			"value": tStr, "id": tStr, "description": tStr, "instance_attrs": attrSets, "meta_attrs": attrSets})),
	})),
}

// check reports every key the role does not know and every value of
// another type than the README gives, by path.
func check(t *testing.T, where, path string, n *yaml.Node, s *shape) {
	t.Helper()
	switch s.kind {
	case "map":
		if n.Kind != yaml.MappingNode {
			t.Errorf("%s: %s: want a mapping, got kind %v", where, path, n.Kind)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			fs, ok := s.fields[k]
			if !ok {
				t.Errorf("%s: %s.%s: a key the role does not know", where, path, k)
				continue
			}
			check(t, where, path+"."+k, n.Content[i+1], fs)
		}
	case "list":
		if n.Kind != yaml.SequenceNode {
			t.Errorf("%s: %s: want a list, got kind %v", where, path, n.Kind)
			return
		}
		if len(n.Content) == 0 {
			t.Errorf("%s: %s: an empty list (left out when empty)", where, path)
		}
		for i, c := range n.Content {
			check(t, where, path+"["+string(rune('0'+i%10))+"]", c, s.elem)
		}
	default:
		want := map[string]string{"str": "!!str", "int": "!!int", "bool": "!!bool"}[s.kind]
		// Round-trip through the YAML text, as Ansible reads it.
		if n.Kind != yaml.ScalarNode || n.ShortTag() != want {
			t.Errorf("%s: %s: want %s, got %s %q", where, path, s.kind, n.ShortTag(), n.Value)
		}
	}
}

// load reads files as the CLI does, modernised for an emitter of the new
// stack.
func load(t *testing.T, paths ...string) *model.Cluster {
	t.Helper()
	var cs []*model.Cluster
	files, err := parsers.Expand(paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range files {
		in, err := parsers.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, c, ds := parsers.Parse(in, nil)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", p, ds)
		}
		cs = append(cs, c)
	}
	addrs, _ := convert.ParseNodeAddrs([]string{"alice=192.0.2.11", "bob=192.0.2.12"})
	c, ds := convert.Modernize(model.Merge(cs...), convert.Options{NodeAddrs: addrs, Transport: "knet"})
	if ds.HasErrors() {
		// convert stops there too (a 1.x ring without node addresses).
		t.Logf("%v: not convertible without more node addresses", paths)
		return nil
	}
	return c
}

func emit(t *testing.T, c *model.Cluster) (string, model.Diagnostics) {
	t.Helper()
	var b bytes.Buffer
	ds, err := hacluster.Emit(&b, c, hacluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), ds
}

// examples are the heartbeat, CMAN and crm shell examples of testdata.
func examples(t *testing.T) [][]string {
	ex := [][]string{{"../../testdata/demo/heartbeat"}}
	for _, g := range []string{"../../testdata/clusterconf/*.conf", "../../testdata/crmsh/*.crm", "../../testdata/demo/*.xml", "../../testdata/corosync/*.conf"} {
		fs, _ := filepath.Glob(g)
		for _, f := range fs {
			if strings.Contains(f, "quirks") { // malformed on purpose
				continue
			}
			ex = append(ex, []string{f})
		}
	}
	if len(ex) < 40 {
		t.Fatalf("only %d examples", len(ex))
	}
	return ex
}

func TestShapes(t *testing.T) {
	seen := map[string]bool{}
	for _, ex := range examples(t) {
		c := load(t, ex...)
		if c == nil {
			continue
		}
		out, ds := emit(t, c)
		where := filepath.Base(ex[0])
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: not YAML: %v\n%s", where, err, out)
		}
		root := doc.Content[0]
		for i := 0; i+1 < len(root.Content); i += 2 {
			k := root.Content[i].Value
			s, ok := roleVariables[k]
			if !ok {
				t.Errorf("%s: %s is not a variable of the role", where, k)
				continue
			}
			seen[k] = true
			check(t, where, k, root.Content[i+1], s)
		}
		for _, d := range ds {
			if d.Subject == nil || d.Subject.Filename == "" || d.Subject.Start.Line == 0 {
				t.Errorf("%s: finding without a position: %s", where, d.Error())
			}
		}
		// Every sensitive parameter's value is a vault reference.
		lines := strings.Split(out, "\n")
		for i, l := range lines {
			name, ok := strings.CutPrefix(strings.TrimSpace(l), "- name: ")
			if ok && model.IsSensitive(name) && i+1 < len(lines) && !strings.Contains(lines[i+1], "value: '{{ vault_") {
				t.Errorf("%s: %s is written as %s", where, name, strings.TrimSpace(lines[i+1]))
			}
		}
	}
	// The examples exercise every variable hakit writes.
	for _, k := range []string{"ha_cluster_cluster_name", "ha_cluster_transport", "ha_cluster_totem", "ha_cluster_quorum",
		"ha_cluster_node_options", "ha_cluster_cluster_properties", "ha_cluster_resource_defaults",
		"ha_cluster_resource_operation_defaults", "ha_cluster_resource_primitives", "ha_cluster_resource_groups",
		"ha_cluster_resource_clones", "ha_cluster_resource_bundles", "ha_cluster_stonith_levels",
		"ha_cluster_constraints_location", "ha_cluster_constraints_colocation", "ha_cluster_constraints_order",
		"ha_cluster_constraints_ticket", "ha_cluster_acls", "ha_cluster_alerts"} {
		if !seen[k] {
			t.Errorf("no example writes %s", k)
		}
	}
}

func TestGolden(t *testing.T) {
	for _, ex := range [][]string{
		{"../../testdata/demo/heartbeat"},
		{"../../testdata/clusterconf/nfs-3node.conf"},
		{"../../testdata/crmsh/44-cluster-acl-alert.crm"},
		{"../../testdata/crmsh/45-cluster-bundle-db.crm"},
		{"../../testdata/crmsh/43-cluster-fencing-levels.crm"},
		{"../../testdata/crmsh/34-order-sets-actions.crm"},
	} {
		name := strings.TrimSuffix(filepath.Base(ex[0]), filepath.Ext(ex[0]))
		t.Run(name, func(t *testing.T) {
			out, ds := emit(t, load(t, ex...))
			var rep strings.Builder
			for _, d := range ds {
				rep.WriteString(d.Error() + "\n")
			}
			golden.Check(t, filepath.Join("testdata", name+".golden"), []byte(out+"--- report ---\n"+rep.String()))
		})
	}
}

// TestCannotExpress checks that what the role has no variable for is
// reported where it was written.
func TestCannotExpress(t *testing.T) {
	cases := []struct {
		file, want string
	}{
		{"24-tag.crm", "24-tag.crm:3:1: warning: HA9001: the ha_cluster role cannot express tag tg"},
		{"07-template.crm", "07-template.crm:2:1: info: HA9003: primitive d4 is written out with the agent, attributes and operations of template tpl"},
		{"05-primitive-rules.crm", "HA9001"},
	}
	for _, tc := range cases {
		_, ds := emit(t, load(t, "../../testdata/crmsh/"+tc.file))
		var all []string
		for _, d := range ds {
			all = append(all, d.Error())
		}
		if !strings.Contains(strings.Join(all, "\n"), tc.want) {
			t.Errorf("%s: no %q in\n%s", tc.file, tc.want, strings.Join(all, "\n"))
		}
	}
}

func TestSecretsAreVaultReferences(t *testing.T) {
	c := load(t, "../../testdata/clusterconf/nfs-3node.conf")
	out, ds := emit(t, c)
	if !strings.Contains(out, "value: '{{ vault_ipmi_node1_passwd }}'") || !strings.Contains(out, "'{{ vault_ha_cluster_hacluster_password }}'") {
		t.Errorf("no vault references:\n%s", out)
	}
	n := 0
	for _, d := range ds {
		if d.Code == hacluster.CodeSecret {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d HA9002 findings, want one per fence password (4)", n)
	}
	if got := hacluster.VaultVar("ipmi-node1", "passwd"); got != "vault_ipmi_node1_passwd" {
		t.Errorf("VaultVar = %q", got)
	}
}

func TestTemplatesWrittenOut(t *testing.T) {
	out, _ := emit(t, load(t, "../../testdata/crmsh/07-template.crm"))
	var v struct {
		Prims []struct {
			ID, Agent     string
			InstanceAttrs []struct {
				Attrs []struct{ Name, Value string }
			} `yaml:"instance_attrs"`
			Operations []struct{ Action string }
		} `yaml:"ha_cluster_resource_primitives"`
	}
	if err := yaml.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Prims) != 2 {
		t.Fatalf("%d primitives, want d4 and d5 (not the template):\n%s", len(v.Prims), out)
	}
	for _, p := range v.Prims {
		if p.Agent != "ocf:heartbeat:Dummy" || len(p.Operations) != 1 || len(p.InstanceAttrs) != 1 {
			t.Errorf("%s: not written out from its template: %+v", p.ID, p)
		}
	}
	// d5's own fake=2 wins over the template's fake=1.
	if a := v.Prims[1].InstanceAttrs[0].Attrs; len(a) != 1 || a[0].Value != "2" {
		t.Errorf("d5's attributes: %+v", a)
	}
}
