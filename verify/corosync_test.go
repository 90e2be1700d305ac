package verify_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"hakit/model"
	"hakit/parsers/cib"
	"hakit/parsers/corosync"
	"hakit/parsers/dlm"
	"hakit/verify"
)

// csLoad parses the files of one case by name, as the registry entries
// proposed for "corosync" and "dlm" would: *.xml with the CIB parser,
// *dlm.conf with the dlm parser, everything else as corosync.conf. It lets
// the HA4xxx testdata run before those formats are registered.
func csLoad(t *testing.T, files []string) []*verify.Input {
	t.Helper()
	var ins []*verify.Input
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var (
			c      *model.Cluster
			ds     model.Diagnostics
			format string
		)
		switch {
		case strings.HasSuffix(f, ".xml"):
			format = "cib"
			c, ds = cib.Parse(src, f)
		case strings.HasSuffix(f, "dlm.conf"):
			format = "dlm"
			c, ds = dlm.Parse(src, f)
		default:
			format = "corosync"
			c, ds = corosync.Parse(src, f)
		}
		ins = append(ins, &verify.Input{Filename: f, Format: format, Src: src, Cluster: c, Diagnostics: ds})
	}
	return ins
}

func TestCorosyncDLMRuleTestdata(t *testing.T) {
	n := 0
	for _, r := range verify.Rules() {
		if !strings.HasPrefix(r.ID, "HA4") {
			continue
		}
		cases := ruleCases(t, r.ID)
		var bad, good int
		for _, c := range cases {
			if c.bad {
				bad++
			} else {
				good++
			}
		}
		if (bad == 0 || good == 0) && !(r.Check == nil && strings.Contains(r.Doc, "No testdata")) {
			t.Errorf("%s: needs a bad and a good case (has %d bad, %d good)", r.ID, bad, good)
		}
		t.Run(r.ID, func(t *testing.T) {
			for _, tc := range cases {
				n++
				t.Run(tc.name, func(t *testing.T) {
					var got model.Diagnostics
					for _, d := range verify.Run(context.Background(), csLoad(t, tc.files), nil) {
						if d.Code == r.ID {
							got = append(got, d)
						}
					}
					if !tc.bad {
						for _, d := range got {
							t.Errorf("good case has a finding: %s", d.Error())
						}
						return
					}
					want := wantLines(t, tc.files, r.ID)
					gotLines := map[string]map[int]bool{}
					for _, d := range got {
						f, l := d.Subject.Filename, d.Subject.Start.Line
						if gotLines[f] == nil {
							gotLines[f] = map[int]bool{}
						}
						gotLines[f][l] = true
						if !want[f][l] {
							t.Errorf("unexpected finding: %s", d.Error())
						}
					}
					for f, lines := range want {
						for l := range lines {
							if !gotLines[f][l] {
								t.Errorf("%s:%d: missing finding of %s", f, l, r.ID)
							}
						}
					}
					if len(got) == 0 {
						t.Errorf("bad case has no finding of %s", r.ID)
					}
				})
			}
		})
	}
	t.Logf("%d HA4xxx cases", n)
}

// TestCorosyncRulesOnBareModel runs the HA4xxx rules on memberships built
// by converters (no Corosync block, no ranges): they must not panic.
func TestCorosyncRulesOnBareModel(t *testing.T) {
	m := &model.Membership{Origin: "corosync", Version: "3", Transport: "knet",
		Nodes:  []*model.MemberNode{{Name: "a", Addrs: []*model.NodeAddr{{Addr: "10.0.0.1"}}}, {Name: "b", NodeID: 70000}},
		Links:  []*model.Link{{Number: 0, Options: model.Options{{Name: "mcastaddr", Value: "224.0.0.1"}}}},
		Totem:  model.Options{{Name: "token", Value: "100"}, {Name: "consensus", Value: "10"}, {Name: "rrp_mode", Value: "active"}},
		Crypto: &model.Crypto{Cipher: "aes256", Key: model.NewSecret("short")},
		Quorum: &model.Quorum{Provider: "corosync_votequorum", Options: model.Options{{Name: "two_node", Value: "1"}, {Name: "expected_votes", Value: "3"}},
			Device: &model.QDevice{Model: "net"}},
		Sections: []*model.Section{{Name: "service"}},
		DLM: &model.DLM{Options: model.Options{{Name: "enable_fencing", Value: "0"}, {Name: "bogus", Value: "1"}},
			Connects: []*model.DLMConnect{{Device: "x", Node: 9}}},
	}
	in := &verify.Input{Filename: "x", Format: "corosync", Cluster: &model.Cluster{Membership: m}}
	ds := verify.Run(context.Background(), []*verify.Input{in}, nil)
	n := 0
	for _, d := range ds {
		if strings.HasPrefix(d.Code, "HA4") {
			n++
		}
	}
	if n < 8 {
		t.Errorf("want findings on the bare model, got %d:\n%s", n, ds.Error())
	}
}
