package snapshot

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func sample() *File {
	return &File{
		Info: Info{OS: "test", Packages: map[string]string{"b": "2", "a": "1"}, Skipped: []string{"stonith:z", "ocf:x:y"}},
		Options: []Option{
			{Name: "stonith-enabled", Type: "boolean", Default: "true"},
			{Name: "no-quorum-policy", Type: "select", Values: []string{"stop", "freeze"}},
			{Name: "batch-limit", Type: "integer"},
		},
		Fencer: []Param{{Name: "pcmk_host_map"}, {Name: "pcmk_delay_max", Type: "time"}},
		Agents: []Agent{
			{Class: "stonith", Type: "fence_ipmilan", Actions: []Action{{Name: "monitor"}}},
			{Class: "ocf", Provider: "pacemaker", Type: "Dummy"},
			{Class: "ocf", Provider: "heartbeat", Type: "IPaddr2", Params: []Param{{Name: "ip", Required: true}, {Name: "nic"}}},
			{Class: "ocf", Provider: "heartbeat", Type: "Dummy"},
			{Class: "ocf", Provider: "heartbeat", Type: "apache"}, // case-sensitive: after the capitals
			{Class: "ocf", Provider: "heartbeat-x", Type: "A"},
			{Class: "ocf", Provider: "linbit", Type: "drbd", Version: "LINBIT 1.4"},
		},
	}
}

func TestNormalizeOrder(t *testing.T) {
	f := sample()
	Normalize(f)
	var got []string
	for _, a := range f.Agents {
		got = append(got, a.Class+":"+a.Provider+":"+a.Type)
	}
	want := []string{
		"ocf:heartbeat:Dummy", "ocf:heartbeat:IPaddr2", "ocf:heartbeat:apache",
		"ocf:heartbeat-x:A", "ocf:linbit:drbd", "ocf:pacemaker:Dummy", "stonith::fence_ipmilan",
	}
	if !slices.Equal(got, want) {
		t.Errorf("agents order = %v, want %v", got, want)
	}
	var opts []string
	for _, o := range f.Options {
		opts = append(opts, o.Name)
	}
	if !slices.Equal(opts, []string{"batch-limit", "no-quorum-policy", "stonith-enabled"}) {
		t.Errorf("options order = %v", opts)
	}
	if f.Fencer[0].Name != "pcmk_host_map" || f.Agents[1].Params[0].Name != "ip" {
		t.Error("Normalize reordered parameters; they keep metadata order")
	}
	if !slices.IsSorted(f.Info.Skipped) {
		t.Errorf("skipped = %v, want sorted", f.Info.Skipped)
	}
}

// Any input order encodes to the same bytes.
func TestEncodeDeterministic(t *testing.T) {
	var first []byte
	for i := range 20 {
		f := sample()
		r := rand.New(rand.NewPCG(uint64(i), 7))
		r.Shuffle(len(f.Agents), func(i, j int) { f.Agents[i], f.Agents[j] = f.Agents[j], f.Agents[i] })
		r.Shuffle(len(f.Options), func(i, j int) { f.Options[i], f.Options[j] = f.Options[j], f.Options[i] })
		var b bytes.Buffer
		if err := Encode(&b, f); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b.Bytes()
			continue
		}
		if !bytes.Equal(first, b.Bytes()) {
			t.Fatalf("encoding %d differs:\n%s\nvs\n%s", i, first, b.Bytes())
		}
	}
}

func TestEncodeLayout(t *testing.T) {
	var b bytes.Buffer
	if err := Encode(&b, sample()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	// info; "options":[; 3 options; ],; "fencer":[; 2 params; ],; "agents":[; 7 agents; ]}
	if len(lines) != 1+(1+3+1)+(1+2+1)+(1+7+1) {
		t.Errorf("%d lines, want one per record:\n%s", len(lines), b.String())
	}
	if !strings.Contains(b.String(), `{"class":"ocf","provider":"heartbeat","type":"IPaddr2","params":[{"name":"ip","required":true},{"name":"nic"}]}`) {
		t.Errorf("empty fields not omitted or keys renamed:\n%s", b.String())
	}
	f, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if f.Info.Packages["a"] != "1" || len(f.Agents) != 7 || f.Agents[6].Type != "fence_ipmilan" {
		t.Errorf("round trip = %+v", f)
	}
}

func TestEncodeNoHTMLEscape(t *testing.T) {
	var b bytes.Buffer
	f := &File{Agents: []Agent{{Class: "ocf", Provider: "p", Type: "t", ShortDesc: "a <b> & c"}}}
	if err := Encode(&b, f); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"a <b> & c"`) {
		t.Errorf("escaped: %s", b.String())
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, in := range []string{"", "[]", `{"info":{"format":2}}`, "{\"info\":"} {
		if _, err := Decode([]byte(in)); err == nil {
			t.Errorf("Decode(%q) = nil error", in)
		}
	}
}
