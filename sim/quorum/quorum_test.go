package quorum

import (
	"testing"

	"hakit/model"
)

func members(n int, opts ...string) *model.Membership {
	m := &model.Membership{Origin: "corosync", Quorum: &model.Quorum{}}
	for i := 1; i <= n; i++ {
		m.Nodes = append(m.Nodes, &model.MemberNode{Name: string(rune('a' + i - 1)), NodeID: uint32(i)})
	}
	for i := 0; i+1 < len(opts); i += 2 {
		m.Quorum.Options = append(m.Quorum.Options, &model.Option{Name: opts[i], Value: opts[i+1]})
	}
	return m
}

func TestVotequorum(t *testing.T) {
	cases := []struct {
		name string
		m    *model.Membership
		up   []string
		want bool
	}{
		{"3 nodes, 2 up", members(3), []string{"a", "b"}, true},
		{"3 nodes, 1 up", members(3), []string{"a"}, false},
		{"4 nodes, half", members(4), []string{"a", "b"}, false},
		{"4 nodes, half, atb lowest", members(4, "auto_tie_breaker", "1"), []string{"a", "b"}, true},
		{"4 nodes, other half, atb lowest", members(4, "auto_tie_breaker", "1"), []string{"c", "d"}, false},
		{"4 nodes, atb highest", members(4, "auto_tie_breaker", "1", "auto_tie_breaker_node", "highest"), []string{"c", "d"}, true},
		{"two_node survivor", members(2, "two_node", "1"), []string{"b"}, true},
		{"2 nodes without two_node", members(2), []string{"b"}, false},
	}
	for _, c := range cases {
		tr := New(c.m)
		tr.Start(tr.Nodes())
		if got := tr.View(c.up); got.Quorate != c.want {
			t.Errorf("%s: %+v, want quorate %t", c.name, got, c.want)
		}
	}
}

func TestWaitForAllColdStart(t *testing.T) {
	tr := New(members(2, "two_node", "1"))
	tr.Start([]string{"a"})
	if tr.View([]string{"a"}).Quorate {
		t.Error("two_node implies wait_for_all: one node alone at a cold start is not quorate")
	}
	tr.View([]string{"a", "b"})
	if !tr.View([]string{"a"}).Quorate {
		t.Error("once both were up, the survivor keeps quorum")
	}
}

func TestCMANQuorumDisk(t *testing.T) {
	m := members(2, "expected_votes", "3")
	m.Origin = "cman"
	m.Quorum.QDisk = &model.QDisk{Options: model.Options{{Name: "votes", Value: "1"}}}
	tr := New(m)
	tr.Start(tr.Nodes())
	if st := tr.View([]string{"a"}); !st.Quorate {
		t.Errorf("one node plus the disk: %+v, want quorate", st)
	}
	tr.DeviceUp = false
	if st := tr.View([]string{"a"}); st.Quorate {
		t.Errorf("the disk lost too: %+v, want not quorate", st)
	}
}

func TestLastManStanding(t *testing.T) {
	tr := New(members(4, "last_man_standing", "1", "last_man_standing_window", "10000"))
	tr.Start(tr.Nodes())
	tr.View([]string{"a", "b", "c"})
	tr.Pass(20e9)
	tr.View([]string{"a", "b", "c"}) // expected votes lowered to 3
	if st := tr.View([]string{"a", "b"}); !st.Quorate {
		t.Errorf("after the window, 2 of the lowered 3: %+v, want quorate", st)
	}
}

func TestQDeviceSplit(t *testing.T) {
	m := members(4)
	m.Quorum.Device = &model.QDevice{Model: "net", Options: model.Options{{Name: "votes", Value: "1"}}}
	tr := New(m)
	tr.Start(tr.Nodes())
	sts := tr.Views([][]string{{"c", "d"}, {"a", "b"}})
	if sts[0].Quorate || !sts[1].Quorate {
		t.Errorf("ffsplit 2+2: the side with the lowest nodeid gets the device's vote: %+v", sts)
	}
	if st := tr.View([]string{"a", "b"}); !st.Quorate || st.ExpectedVotes != 5 || st.TotalVotes != 3 {
		t.Errorf("a, b with the device: %+v, want 3 of 5", st)
	}
	tr.DeviceUp = false
	if st := tr.View([]string{"a", "b"}); st.Quorate {
		t.Errorf("qdevice lost: %+v, want inquorate", st)
	}
}

// TestLastManStandingDownToOne: with the window passing after each loss,
// a 4-node cluster keeps quorum down to 2 nodes (and to 1 with ATB).
func TestLastManStandingDownToOne(t *testing.T) {
	for _, atb := range []bool{false, true} {
		opts := []string{"last_man_standing", "1"}
		if atb {
			opts = append(opts, "auto_tie_breaker", "1")
		}
		tr := New(members(4, opts...))
		tr.Start(tr.Nodes())
		tr.View(tr.Nodes())
		up := []string{"a", "b", "c", "d"}
		for len(up) > 1 {
			tr.Pass(11e9)
			up = up[:len(up)-1]
			st := tr.View(up)
			want := len(up) >= 2 || atb
			if st.Quorate != want {
				t.Errorf("atb=%t, %d nodes left: %+v, want quorate %t", atb, len(up), st, want)
			}
		}
	}
}
