//go:build conformance

package sim

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// genCIB builds a random small cluster: primitives, scored locations,
// stickiness, and (when coloc) mandatory colocations, every node online.
func genCIB(rng *rand.Rand, coloc bool) (string, []string) {
	nn := 2 + rng.Intn(3)
	nr := 2 + rng.Intn(5)
	var nodes []string
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
	for i := 1; i <= nr; i++ {
		fmt.Fprintf(&b, "      <primitive id=\"r%d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">", i)
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "<meta_attributes id=\"r%d-m\"><nvpair id=\"r%d-s\" name=\"resource-stickiness\" value=\"%d\"/></meta_attributes>", i, i, []int{50, 100, 200}[rng.Intn(3)])
		}
		b.WriteString("</primitive>\n")
	}
	b.WriteString("    </resources>\n    <constraints>\n")
	scores := []string{"-INFINITY", "10", "50", "100", "INFINITY"}
	for i := 1; i <= nr; i++ {
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "      <rsc_location id=\"l%d\" rsc=\"r%d\" node=\"%s\" score=\"%s\"/>\n", i, i, nodes[rng.Intn(nn)], scores[rng.Intn(len(scores))])
		}
	}
	if coloc {
		for i := 2; i <= nr; i++ {
			if rng.Intn(3) == 0 {
				fmt.Fprintf(&b, "      <rsc_colocation id=\"c%d\" rsc=\"r%d\" with-rsc=\"r%d\" score=\"INFINITY\"/>\n", i, i, rng.Intn(i-1)+1)
			}
		}
	}
	b.WriteString("    </constraints>\n  </configuration>\n  <status>\n")
	for i, n := range nodes {
		fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"%s\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>\n", i+1, n)
	}
	b.WriteString("  </status>\n</cib>\n")
	return b.String(), nodes
}

// parseRevised reads node states and primitive placement from a
// crm_simulate summary's Revised Cluster Status.
func parseRevised(out string) (map[string]string, map[string]string) {
	i := strings.Index(out, "Revised Cluster Status:")
	if i < 0 {
		return nil, nil
	}
	nodes, rscs := map[string]string{}, map[string]string{}
	for _, l := range strings.Split(out[i:], "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "* Online: ["), strings.HasPrefix(l, "* OFFLINE: ["):
			state := "online"
			if strings.HasPrefix(l, "* OFFLINE") {
				state = "offline"
			}
			in := l[strings.Index(l, "[")+1 : strings.Index(l, "]")]
			for _, n := range strings.Fields(in) {
				nodes[n] = state
			}
		case strings.HasPrefix(l, "* r"):
			f := strings.Fields(l)
			if len(f) >= 5 && f[3] == "Started" {
				rscs[f[1]] = f[4]
			}
		}
	}
	return nodes, rscs
}

func crmSimulate(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("crm_simulate", args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "CIB_shadow_dir="+t.TempDir())
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		t.Fatalf("crm_simulate %v: %v\n%s", args, err, buf.String())
	}
	return buf.String()
}

func ours(t *testing.T, path string, ev *Events) (map[string]string, map[string]string) {
	t.Helper()
	res := runFile(t, path, ev)
	rs := map[string]string{}
	for k, roles := range res.Placement.Resources {
		for _, ns := range roles {
			if len(ns) > 0 {
				rs[k] = ns[0]
			}
		}
	}
	return res.Placement.Nodes, rs
}

// TestConformanceRandom compares placements with crm_simulate on 30 seeded
// random clusters: start-up from all nodes online, then a node failure on
// the steady state crm_simulate saved. Generators: primitives, scored
// locations, stickiness; every third scenario adds mandatory colocations.
func TestConformanceRandom(t *testing.T) {
	if _, err := exec.LookPath("crm_simulate"); err != nil {
		t.Fatal("crm_simulate not installed")
	}
	for seed := int64(1); seed <= 30; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			cib, nodes := genCIB(rng, seed%3 == 0)
			dir := t.TempDir()
			in := filepath.Join(dir, "in.xml")
			steady := filepath.Join(dir, "steady.xml")
			if err := os.WriteFile(in, []byte(cib), 0o644); err != nil {
				t.Fatal(err)
			}
			out := crmSimulate(t, "-x", in, "-S", "-O", steady)
			wn, wr := parseRevised(out)
			gn, gr := ours(t, in, nil)
			check(t, "start-up", wn, wr, gn, gr)
			victim := nodes[rng.Intn(len(nodes))]
			out = crmSimulate(t, "-x", steady, "-S", "--node-fail="+victim)
			wn, wr = parseRevised(out)
			gn, gr = ours(t, steady, &Events{NodeFail: []string{victim}})
			check(t, "node-fail "+victim, wn, wr, gn, gr)
		})
	}
}

func check(t *testing.T, what string, wn, wr, gn, gr map[string]string) {
	t.Helper()
	if !reflect.DeepEqual(wn, gn) || !reflect.DeepEqual(wr, gr) {
		var keys []string
		for k := range wr {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("%s: crm_simulate nodes %v resources %v; hakit nodes %v resources %v", what, wn, wr, gn, gr)
	}
}
