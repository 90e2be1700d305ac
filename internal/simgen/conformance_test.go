//go:build conformance

package simgen_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"hakit/internal/simgen"
	"hakit/parsers"
	"hakit/sim"
)

// crmSimulate runs crm_simulate with XML output.
func crmSimulate(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("crm_simulate", append(args, "--output-as=xml")...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "CIB_shadow_dir="+dir)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("crm_simulate %v: %v\n%s", args, err, errb.String())
	}
	return out.Bytes(), nil
}

// hakitRun runs the simulator on the CIB at path.
func hakitRun(path string, ev *sim.Events) (*sim.Result, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := parsers.ByName("cib")
	if err != nil {
		return nil, err
	}
	_, c, ds := parsers.Parse(&parsers.Input{Filename: path, Src: src}, f)
	if ds.HasErrors() || c == nil {
		return nil, fmt.Errorf("%s: %v", path, ds)
	}
	return sim.Run(c, ev)
}

// event is one run of both simulators: crm_simulate's flags and hakit's
// events, on the start-up CIB or on the steady state crm_simulate saved.
type event struct {
	name   string
	steady bool
	flags  []string
	ev     sim.Events
}

// tally counts agreement: whole runs and single resources.
type tally struct {
	runs, runsOK int
	rscs, rscsOK int
	byKind       map[string][2]int // event kind -> runs, agreeing
	diffs        []string
}

func (a *tally) add(b tally) {
	a.runs += b.runs
	a.runsOK += b.runsOK
	a.rscs += b.rscs
	a.rscsOK += b.rscsOK
	for k, v := range b.byKind {
		w := a.byKind[k]
		a.byKind[k] = [2]int{w[0] + v[0], w[1] + v[1]}
	}
	a.diffs = append(a.diffs, b.diffs...)
}

// running lists a placement's "id role node" entries, sorted, leaving
// out the fencing device.
func running(p simgen.Placement) [][3]string {
	var out [][3]string
	for id, es := range p.Resources {
		if id == "fence" {
			continue
		}
		for _, e := range es {
			role, node, _ := strings.Cut(e, " ")
			out = append(out, [3]string{id, role, node})
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i][:], " ") < strings.Join(out[j][:], " ") })
	return out
}

// clusterEvents plays one generated cluster through both simulators.
func clusterEvents(seed int64, keep string) (tally, error) {
	tl := tally{byKind: map[string][2]int{}}
	rng := rand.New(rand.NewSource(seed))
	g := simgen.NewRich(rng)
	dir, err := os.MkdirTemp("", "simgen")
	if err != nil {
		return tl, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.xml")
	steady := filepath.Join(dir, "steady.xml")
	if err := os.WriteFile(in, []byte(g.CIB), 0o644); err != nil {
		return tl, err
	}
	out, err := crmSimulate(dir, "-x", in, "-S", "-O", steady)
	if err != nil {
		return tl, err
	}
	startup, err := simgen.FromCrmSimulate(out, true)
	if err != nil {
		return tl, err
	}
	events := []event{{name: "start-up"}}
	victim := g.Up[rng.Intn(len(g.Up))]
	events = append(events, event{name: "node-fail", steady: true, flags: []string{"--node-fail", victim}, ev: sim.Events{NodeFail: []string{victim}}})
	if seed%2 == 0 {
		n := g.Up[rng.Intn(len(g.Up))]
		events = append(events, event{name: "node-down", steady: true, flags: []string{"--node-down", n}, ev: sim.Events{NodeDown: []string{n}}})
	}
	if rs := running(startup); len(rs) > 0 {
		// A monitor failure seen in the running cluster (-i), and an
		// action of the start-up transition failing as it runs (-F).
		r := rs[rng.Intn(len(rs))]
		iv := g.Ops[r[0]]
		if r[1] == "Promoted" {
			iv = 10000
		}
		spec := fmt.Sprintf("%s_monitor_%d@%s=%d", r[0], iv, r[2], []int{1, 7}[rng.Intn(2)])
		events = append(events, event{name: "op-inject", steady: true, flags: []string{"-i", spec}, ev: sim.Events{OpInject: []string{spec}}})
		r = rs[rng.Intn(len(rs))]
		op := "start"
		if r[1] == "Promoted" && rng.Intn(2) == 0 {
			op = "promote"
		}
		spec = fmt.Sprintf("%s_%s_0@%s=1", r[0], op, r[2])
		events = append(events, event{name: "op-fail", flags: []string{"-F", spec}, ev: sim.Events{OpFail: []string{spec}}})
	}
	for _, e := range events {
		path := in
		if e.steady {
			path = steady
		}
		got := startup
		if e.name != "start-up" {
			out, err := crmSimulate(dir, append([]string{"-x", path, "-S"}, e.flags...)...)
			if err != nil {
				return tl, err
			}
			if got, err = simgen.FromCrmSimulate(out, true); err != nil {
				return tl, err
			}
		}
		res, err := hakitRun(path, &e.ev)
		if err != nil {
			return tl, fmt.Errorf("seed %d %s: %v", seed, e.name, err)
		}
		ours := simgen.FromHakit(res.Placement.Nodes, res.Placement.Resources)
		tl.runs++
		k := tl.byKind[e.name]
		k[0]++
		ids := map[string]bool{}
		for id := range got.Resources {
			ids[id] = true
		}
		for id := range ours.Resources {
			ids[id] = true
		}
		for id := range ids {
			tl.rscs++
			if strings.Join(got.Resources[id], ",") == strings.Join(ours.Resources[id], ",") {
				tl.rscsOK++
			}
		}
		if ours.Equal(got) {
			tl.runsOK++
			k[1]++
		} else {
			var d []string
			for id := range ids {
				if a, b := strings.Join(ours.Resources[id], ","), strings.Join(got.Resources[id], ","); a != b {
					d = append(d, fmt.Sprintf("%s: hakit [%s] crm_simulate [%s]", id, a, b))
				}
			}
			sort.Strings(d)
			if ours.String() != got.String() && len(d) == 0 {
				d = append(d, "nodes: hakit "+ours.String()+"; crm_simulate "+got.String())
			}
			where := ""
			if keep != "" {
				p := filepath.Join(keep, fmt.Sprintf("seed%d-%s.xml", seed, e.name))
				src, _ := os.ReadFile(path)
				_ = os.WriteFile(p, src, 0o644)
				where = " (" + p + ")"
			}
			tl.diffs = append(tl.diffs, fmt.Sprintf("seed %d %s %v%s: %s", seed, e.name, e.flags, where, strings.Join(d, "; ")))
		}
		tl.byKind[e.name] = k
	}
	return tl, nil
}

// TestConformanceRandomClusters compares hakit's placement with
// crm_simulate's on 240 seeded clusters from simgen.NewRich (2–5 nodes,
// primitives, groups, clones, promotable clones with promotion scores,
// location/colocation/order constraints with roles, stickiness, standby
// nodes, nodes offline from the start), each played as 4–5 runs: the
// start-up, a node failure and (every other cluster) a clean node
// shutdown on crm_simulate's saved steady state, a monitor failure
// injected there (-i), and an action of the start-up transition failing
// as it runs (-F). A run agrees when every resource has the same roles on
// the same nodes and the nodes the same state. The floor is 99 %
// of runs (1068/1078, 99.1 %, when written; the rest: clone instance
// numbering when -F cuts a clone's starts short, finite colocations with
// clones, one promotion choice). crm_simulate takes ~0.1 s a run; two run at once: ~1 min.
// HAKIT_SIMGEN_KEEP=DIR keeps each disagreeing run's input CIB there.
func TestConformanceRandomClusters(t *testing.T) {
	if _, err := exec.LookPath("crm_simulate"); err != nil {
		t.Fatal("crm_simulate not installed")
	}
	const clusters = 240
	keep := os.Getenv("HAKIT_SIMGEN_KEEP")
	results := make([]tally, clusters)
	errs := make([]error, clusters)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range clusters {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i], errs[i] = clusterEvents(int64(i+1), keep)
		}()
	}
	wg.Wait()
	total := tally{byKind: map[string][2]int{}}
	for i := range clusters {
		if errs[i] != nil {
			t.Fatalf("seed %d: %v", i+1, errs[i])
		}
		total.add(results[i])
	}
	for _, d := range total.diffs {
		t.Log(d)
	}
	var kinds []string
	for k, v := range total.byKind {
		kinds = append(kinds, fmt.Sprintf("%s %d/%d", k, v[1], v[0]))
	}
	sort.Strings(kinds)
	pct := 100 * float64(total.runsOK) / float64(total.runs)
	t.Logf("placement agrees in %d/%d runs (%.1f %%) of %d clusters; by event: %s; resources: %d/%d (%.2f %%)",
		total.runsOK, total.runs, pct, clusters, strings.Join(kinds, ", "), total.rscsOK, total.rscs, 100*float64(total.rscsOK)/float64(total.rscs))
	if total.runsOK*100 < 99*total.runs {
		t.Errorf("placement agrees in %.1f %% of runs, below the 99 %% floor", pct)
	}
}
