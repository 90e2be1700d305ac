//go:build conformance

package sim

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// summaryOf reads a crm_simulate -S output: node states and resource
// placement of the Revised Cluster Status, and the Transition Summary lines
// (whitespace normalised).
func summaryOf(out string) (nodes map[string]string, rscs map[string][]string, actions []string) {
	nodes, rscs = map[string]string{}, map[string][]string{}
	ws := regexp.MustCompile(`\s+`)
	section := ""
	for _, raw := range strings.Split(out, "\n") {
		l := strings.TrimSpace(ws.ReplaceAllString(raw, " "))
		switch {
		case l == "Transition Summary:", l == "Revised Cluster Status:", l == "Executing Cluster Transition:":
			section = l
			continue
		case strings.HasSuffix(l, ":") && !strings.HasPrefix(l, "*"):
			section = l
			continue
		}
		switch section {
		case "Transition Summary:":
			if strings.HasPrefix(l, "* ") {
				actions = append(actions, strings.TrimPrefix(l, "* "))
			}
		case "Revised Cluster Status:":
			if m := regexp.MustCompile(`^\* (Online|OFFLINE): \[ (.*) \]$`).FindStringSubmatch(l); m != nil {
				for _, n := range strings.Fields(m[2]) {
					nodes[n] = strings.ToLower(m[1])
				}
			} else if m := regexp.MustCompile(`^\* Node (\S+): (.*)$`).FindStringSubmatch(l); m != nil {
				st := strings.ToLower(strings.NewReplacer(" (", "-", ")", "").Replace(m[2]))
				nodes[m[1]] = st
			} else if m := regexp.MustCompile(`^\* (\S+) \(([^)]*)\): (.*)$`).FindStringSubmatch(l); m != nil {
				if m[3] != "Stopped" {
					st := strings.TrimSuffix(strings.TrimSuffix(m[3], " (UNCLEAN)"), " (blocked)")
					rscs[m[1]] = append(rscs[m[1]], st)
				}
			}
		}
	}
	sort.Strings(actions)
	return nodes, rscs, actions
}

// oursSummary is summaryOf for hakit's result.
func oursSummary(t *testing.T, path string, ev *Events) (map[string]string, map[string][]string, []string) {
	t.Helper()
	res := runFile(t, path, ev)
	rscs := map[string][]string{}
	for k, roles := range res.Placement.Resources {
		for role, ns := range roles {
			for _, n := range ns {
				rscs[k] = append(rscs[k], role+" "+n)
			}
		}
	}
	var acts []string
	ws := regexp.MustCompile(`\s+`)
	for _, a := range res.Actions {
		acts = append(acts, ws.ReplaceAllString(strings.TrimSpace(a.line()), " "))
	}
	sort.Strings(acts)
	return res.Placement.Nodes, rscs, acts
}

const fenceCIBHead = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="STONITH"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
    <resources>
      <group id="g">
        <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="vip-ia"><nvpair id="vip-ip" name="ip" value="192.168.122.10"/></instance_attributes></primitive>
        <primitive id="web" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="web-mon" name="monitor" interval="10s"/></operations></primitive>
      </group>
      <primitive id="other" class="ocf" provider="pacemaker" type="Dummy"/>
      DEVICE
    </resources>
    <constraints>CONSTRAINTS</constraints>
  </configuration>
`

const (
	up      = `<node_state id="ID" uname="NAME" in_ccm="true" crmd="online" join="member" expected="member">HIST</node_state>`
	lost    = `<node_state id="ID" uname="NAME" in_ccm="false" crmd="offline" join="down" expected="member">HIST</node_state>`
	vipHist = `<lrm id="ID"><lrm_resources><lrm_resource id="vip" class="ocf" provider="heartbeat" type="IPaddr2"><lrm_rsc_op id="vip_last_0" operation_key="vip_start_0" operation="start" crm-debug-origin="t" crm_feature_set="3.16.1" transition-key="1:1:0:t" transition-magic="0:0;1:1:0:t" exit-reason="" on_node="NAME" call-id="2" rc-code="0" op-status="0" interval="0" last-rc-change="1" exec-time="1" queue-time="0"/></lrm_resource></lrm_resources></lrm>`
)

func nodeState(tmpl string, id, name string, hist bool) string {
	h := ""
	if hist {
		h = vipHist
	}
	return strings.NewReplacer("ID", id, "NAME", name, "HIST", strings.NewReplacer("ID", id, "NAME", name).Replace(h)).Replace(tmpl)
}

func fenceCIB(stonith, device, constraints, status string) string {
	return strings.NewReplacer("STONITH", stonith, "DEVICE", device, "CONSTRAINTS", constraints).Replace(fenceCIBHead) +
		status + "\n</cib>\n"
}

// TestConformanceFencingWithoutDevice checks the two-node cluster with
// fencing enabled and no fence device against crm_simulate: Pacemaker
// fences nothing and starts nothing (every resource is left as it is),
// whatever the nodes' states; and stonith-4's lesson, that a pending node's
// unrunnable probes block every start. Six small cases, one crm_simulate
// run each.
func TestConformanceFencingWithoutDevice(t *testing.T) {
	dev := `<primitive id="fence1" class="stonith" type="fence_dummy"/>`
	pending := `<node_state id="2" uname="node2" in_ccm="true" crmd="online" join="down" expected="member"/>`
	cases := []struct{ name, cib string }{
		{"no-status", fenceCIB("true", "", "", "<status/>")},
		{"both-online", fenceCIB("true", "", "", "<status>"+nodeState(up, "1", "node1", false)+nodeState(up, "2", "node2", false)+"</status>")},
		{"one-never-seen", fenceCIB("true", "", "", "<status>"+nodeState(up, "1", "node1", false)+"</status>")},
		{"running-on-lost-node", fenceCIB("true", "", "", "<status>"+nodeState(up, "1", "node1", false)+nodeState(lost, "2", "node2", true)+"</status>")},
		{"running-moves-away", fenceCIB("true", "", `<rsc_location id="l" rsc="g" node="node2" score="100"/>`,
			"<status>"+nodeState(up, "1", "node1", true)+nodeState(up, "2", "node2", false)+"</status>")},
		{"device-and-lost-node", fenceCIB("true", dev, "", "<status>"+nodeState(up, "1", "node1", false)+nodeState(lost, "2", "node2", true)+"</status>")},
		{"device-and-pending-node", fenceCIB("true", dev, "", "<status>"+nodeState(up, "1", "node1", false)+pending+"</status>")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cib.xml")
			if err := os.WriteFile(path, []byte(c.cib), 0o644); err != nil {
				t.Fatal(err)
			}
			wn, wr, wa := summaryOf(crmSimulate(t, "-x", path, "-S"))
			gn, gr, ga := oursSummary(t, path, nil)
			compareSummary(t, wn, wr, wa, gn, gr, ga)
		})
	}
}

// TestConformanceOpFail checks --op-fail against crm_simulate -F: the
// transition is planned without the failure, runs until the named action,
// which fails, and stops there; the revised status is what ran.
func TestConformanceOpFail(t *testing.T) {
	dev := `<primitive id="fence1" class="stonith" type="fence_dummy"/>`
	both := "<status>" + nodeState(up, "1", "node1", false) + nodeState(up, "2", "node2", false) + "</status>"
	moving := "<status>" + nodeState(up, "1", "node1", true) + nodeState(up, "2", "node2", false) + "</status>"
	loc := `<rsc_location id="l" rsc="g" node="node2" score="100"/>`
	cases := []struct{ name, cib, fail string }{
		{"start-fails", fenceCIB("false", "", "", both), "vip_start_0@node1=1"},
		{"monitor-fails", fenceCIB("false", "", "", both), "web_monitor_10000@node1=7"},
		{"stop-fails", fenceCIB("false", "", loc, moving), "vip_stop_0@node1=1"},
		{"stop-fails-fencing", fenceCIB("true", dev, loc, moving), "vip_stop_0@node1=1"},
		{"action-not-run", fenceCIB("false", "", "", both), "vip_start_0@node2=1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cib.xml")
			if err := os.WriteFile(path, []byte(c.cib), 0o644); err != nil {
				t.Fatal(err)
			}
			wn, wr, wa := summaryOf(crmSimulate(t, "-x", path, "-S", "-F", c.fail))
			gn, gr, ga := oursSummary(t, path, &Events{OpFail: []string{c.fail}})
			compareSummary(t, wn, wr, wa, gn, gr, ga)
		})
	}
}

func compareSummary(t *testing.T, wn map[string]string, wr map[string][]string, wa []string,
	gn map[string]string, gr map[string][]string, ga []string) {
	t.Helper()
	for _, m := range []map[string][]string{wr, gr} {
		for _, v := range m {
			sort.Strings(v)
		}
	}
	if !reflect.DeepEqual(wn, gn) {
		t.Errorf("nodes: crm_simulate %v, hakit %v", wn, gn)
	}
	if !reflect.DeepEqual(wr, gr) {
		t.Errorf("resources: crm_simulate %v, hakit %v", wr, gr)
	}
	if !reflect.DeepEqual(wa, ga) {
		t.Errorf("transition summary:\ncrm_simulate %q\nhakit        %q", wa, ga)
	}
}

// TestConformanceRandomOpFail runs crm_simulate's -F story on 15 seeded
// random clusters: the steady state crm_simulate saved, a node failure, and
// the start of the first resource the transition starts or moves failing on
// its new node. Placement and node states must match. One start-up and two
// node-fail runs of crm_simulate per seed.
func TestConformanceRandomOpFail(t *testing.T) {
	moved := regexp.MustCompile(`\* (?:Move|Recover|Start)\s+(\S+)\s+\(\s*(?:\S+\s*->\s*)?(\S+)\s*\)`)
	ran := 0
	for seed := int64(101); seed <= 115; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			cib, nodes := genCIB(rng, seed%2 == 0)
			dir := t.TempDir()
			in := filepath.Join(dir, "in.xml")
			steady := filepath.Join(dir, "steady.xml")
			if err := os.WriteFile(in, []byte(cib), 0o644); err != nil {
				t.Fatal(err)
			}
			crmSimulate(t, "-x", in, "-S", "-O", steady)
			victim := nodes[rng.Intn(len(nodes))]
			plan := crmSimulate(t, "-x", steady, "-S", "--node-fail="+victim)
			m := moved.FindStringSubmatch(plan)
			if m == nil {
				return // nothing moves: no action to fail (counted below)
			}
			fail := m[1] + "_start_0@" + m[2] + "=1"
			wn, wr, wa := summaryOf(crmSimulate(t, "-x", steady, "-S", "--node-fail="+victim, "-F", fail))
			gn, gr, ga := oursSummary(t, steady, &Events{NodeFail: []string{victim}, OpFail: []string{fail}})
			compareSummary(t, wn, wr, wa, gn, gr, ga)
			ran++
		})
	}
	if ran < 5 {
		t.Errorf("only %d of 15 seeds had a move to fail", ran)
	}
}
