package verify

import (
	"context"
	"fmt"
	"testing"

	"hakit/model"
)

// cib4000 builds, in code, a configuration of 4000 primitives (IPaddr2 and
// Dummy with instance attributes and monitor operations, a tenth of them in
// groups of four and clones), a fencing device per node, 16 nodes, cluster
// options and a location and an order constraint per group.
func cib4000() *model.Cluster {
	const file = "bench.xml"
	line := 0
	next := func() model.Base {
		line++
		return model.Base{Range: model.Range{Filename: file, Start: model.Pos{Line: line, Column: 5}, End: model.Pos{Line: line, Column: 40}}}
	}
	cfg := &model.Configuration{Base: next()}
	cfg.ClusterOptions = []*model.NVSet{{Base: next(), Kind: "cluster_property_set", ID: "cib-bootstrap-options", Pairs: []*model.NVPair{
		{Base: next(), ID: "o1", Name: "stonith-enabled", Value: "true"},
		{Base: next(), ID: "o2", Name: "no-quorum-policy", Value: "stop"},
		{Base: next(), ID: "o3", Name: "cluster-recheck-interval", Value: "5min"},
		{Base: next(), ID: "o4", Name: "placement-strategy", Value: "balanced"},
	}}}
	for n := 1; n <= 16; n++ {
		cfg.Nodes = append(cfg.Nodes, &model.Node{Base: next(), ID: fmt.Sprint(n), Uname: fmt.Sprintf("node%d", n)})
		cfg.Resources = append(cfg.Resources, &model.Primitive{ResourceCommon: model.ResourceCommon{Base: next(), ID: fmt.Sprintf("fence-node%d", n)}, Class: "stonith", Type: "fence_ipmilan"})
	}
	prim := func(i int) *model.Primitive {
		typ := "Dummy"
		if i%2 == 0 {
			typ = "IPaddr2"
		}
		p := &model.Primitive{ResourceCommon: model.ResourceCommon{Base: next(), ID: fmt.Sprintf("rsc%d", i)}, Class: "ocf", Provider: "heartbeat", Type: typ}
		p.InstanceAttrs = []*model.NVSet{{Base: next(), Kind: "instance_attributes", ID: p.ID + "-ia", Pairs: []*model.NVPair{
			{Base: next(), ID: p.ID + "-ip", Name: "ip", Value: fmt.Sprintf("10.%d.%d.%d", i/65536, i/256%256, i%256)},
		}}}
		p.Operations = &model.Operations{Base: next(), Ops: []*model.Op{{Base: next(), ID: p.ID + "-mon", Name: "monitor", Interval: "10s", Timeout: "20s"}}}
		return p
	}
	for i := 0; i < 4000; {
		if i%40 == 0 && i+4 <= 4000 {
			g := &model.Group{ResourceCommon: model.ResourceCommon{Base: next(), ID: fmt.Sprintf("grp%d", i)}}
			for k := 0; k < 4; k++ {
				g.Members = append(g.Members, prim(i))
				i++
			}
			if i%80 == 4 {
				cfg.Resources = append(cfg.Resources, &model.Clone{ResourceCommon: model.ResourceCommon{Base: next(), ID: g.ID + "-clone"}, Element: "clone", Child: g})
			} else {
				cfg.Resources = append(cfg.Resources, g)
			}
			cfg.Constraints = append(cfg.Constraints,
				&model.Location{Base: next(), ID: "loc-" + g.ID, Rsc: g.ID, Node: "node1", Score: "100"},
				&model.Order{Base: next(), ID: "ord-" + g.ID, First: "rsc0", Then: g.ID})
			continue
		}
		cfg.Resources = append(cfg.Resources, prim(i))
		i++
	}
	return &model.Cluster{Sources: []string{file}, CIB: &model.CIBHeader{Attrs: model.Attrs{{Name: "validate-with", Value: "pacemaker-3.9"}}}, Config: cfg, Status: &model.Status{}}
}

func BenchmarkVerify4000(b *testing.B) {
	c := cib4000()
	in := []*Input{{Filename: "bench.xml", Format: "cib", Cluster: c}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Run(context.Background(), in, nil)
	}
}

func TestCIB4000Clean(t *testing.T) {
	c := cib4000()
	n := 0
	for _, r := range c.Config.Resources {
		model.Primitives([]model.Resource{r}, func(*model.Primitive) { n++ })
	}
	if n != 4016 {
		t.Fatalf("%d primitives, want 4000 + 16 fencing devices", n)
	}
	for _, d := range Run(context.Background(), []*Input{{Filename: "bench.xml", Format: "cib", Cluster: c}}, &Config{Disable: []string{"HA0*", "HA2*", "HA3*", "HA4*", "HA5*", "HA6*", "HA7*"}}) {
		if d.Code >= "HA1000" && d.Code < "HA1100" {
			t.Errorf("HA10xx finding on the benchmark model: %s", d.Error())
		}
	}
}
