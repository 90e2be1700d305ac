//go:build conformance

package sim

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// genCIB2 builds a random cluster with groups, an anonymous clone and
// scored locations on the groups, every node online.
func genCIB2(rng *rand.Rand) (string, []string, []string) {
	nn := 2 + rng.Intn(3)
	var nodes, prims []string
	var b strings.Builder
	b.WriteString(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes>
`)
	for i := 1; i <= nn; i++ {
		nodes = append(nodes, fmt.Sprintf("n%d", i))
		fmt.Fprintf(&b, "      <node id=\"%d\" uname=\"n%d\"/>\n", i, i)
	}
	b.WriteString("    </nodes>\n    <resources>\n")
	ng := 1 + rng.Intn(2)
	for g := 1; g <= ng; g++ {
		fmt.Fprintf(&b, "      <group id=\"g%d\">\n", g)
		for m := 1; m <= 2+rng.Intn(2); m++ {
			id := fmt.Sprintf("r%d%d", g, m)
			prims = append(prims, id)
			fmt.Fprintf(&b, "        <primitive id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>\n", id)
		}
		b.WriteString("      </group>\n")
	}
	b.WriteString("      <clone id=\"cl\"><primitive id=\"rc\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/></clone>\n")
	b.WriteString("    </resources>\n    <constraints>\n")
	scores := []string{"-INFINITY", "10", "100", "INFINITY"}
	for g := 1; g <= ng; g++ {
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "      <rsc_location id=\"l%d\" rsc=\"g%d\" node=\"%s\" score=\"%s\"/>\n", g, g, nodes[rng.Intn(nn)], scores[rng.Intn(len(scores))])
		}
	}
	b.WriteString("    </constraints>\n    <rsc_defaults><meta_attributes id=\"d\"><nvpair id=\"d1\" name=\"resource-stickiness\" value=\"50\"/></meta_attributes></rsc_defaults>\n  </configuration>\n  <status>\n")
	for i, n := range nodes {
		fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"%s\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>\n", i+1, n)
	}
	b.WriteString("  </status>\n</cib>\n")
	return b.String(), nodes, prims
}

// parseRevised2 reads primitives, groups and anonymous clones from the
// Revised Cluster Status: key -> "Role:n1,n2".
func parseRevised2(out string) map[string]string {
	i := strings.Index(out, "Revised Cluster Status:")
	if i < 0 {
		return nil
	}
	res := map[string]string{}
	clone := ""
	for _, l := range strings.Split(out[i:], "\n") {
		t := strings.TrimSpace(l)
		f := strings.Fields(t)
		switch {
		case strings.HasPrefix(t, "* Clone Set:"):
			a, b := strings.Index(t, "["), strings.Index(t, "]")
			clone = t[a+1 : b]
		case strings.HasPrefix(t, "* Resource Group:"):
			clone = ""
		case clone != "" && strings.HasPrefix(t, "* Started: ["):
			ns := strings.Fields(t[strings.Index(t, "[")+1 : strings.Index(t, "]")])
			sort.Strings(ns)
			res[clone] = "Started:" + strings.Join(ns, ",")
		case len(f) >= 5 && f[3] == "Started" && strings.HasPrefix(f[1], "r"):
			res[f[1]] = "Started:" + f[4]
		}
	}
	return res
}

func ours2(t *testing.T, path string, ev *Events) map[string]string {
	t.Helper()
	res := runFile(t, path, ev)
	out := map[string]string{}
	for k, roles := range res.Placement.Resources {
		for role, ns := range roles {
			ns = append([]string(nil), ns...)
			sort.Strings(ns)
			out[k] = role + ":" + strings.Join(ns, ",")
		}
	}
	return out
}

// TestConformanceGroupsClones compares placements with crm_simulate on 12
// seeded clusters with groups and an anonymous clone: start-up, then on
// the saved steady state a clean node shutdown (node-down) or a failed
// monitor of a group member (op-fail).
func TestConformanceGroupsClones(t *testing.T) {
	for seed := int64(101); seed <= 112; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			cib, nodes, prims := genCIB2(rng)
			dir := t.TempDir()
			in := filepath.Join(dir, "in.xml")
			steady := filepath.Join(dir, "steady.xml")
			if err := os.WriteFile(in, []byte(cib), 0o644); err != nil {
				t.Fatal(err)
			}
			want := parseRevised2(crmSimulate(t, "-x", in, "-S", "-O", steady))
			if got := ours2(t, in, nil); !reflect.DeepEqual(want, got) {
				t.Errorf("start-up: crm_simulate %v; hakit %v", want, got)
			}
			var args []string
			var ev Events
			if seed%2 == 0 {
				victim := nodes[rng.Intn(len(nodes))]
				args, ev = []string{"--node-down=" + victim}, Events{NodeDown: []string{victim}}
			} else {
				p := prims[rng.Intn(len(prims))]
				// Fail it where it runs now.
				where := strings.TrimPrefix(ours2(t, steady, nil)[p], "Started:")
				if where == "" {
					t.Skip("nothing to fail")
				}
				spec := fmt.Sprintf("%s_monitor_10000@%s=1", p, where)
				args, ev = []string{"--op-fail=" + spec}, Events{OpFail: []string{spec}}
			}
			want = parseRevised2(crmSimulate(t, append([]string{"-x", steady, "-S"}, args...)...))
			if got := ours2(t, steady, &ev); !reflect.DeepEqual(want, got) {
				t.Errorf("%v: crm_simulate %v; hakit %v", args, want, got)
			}
		})
	}
}
