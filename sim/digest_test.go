package sim

import (
	"reflect"
	"testing"
)

// The expected digests are op-digest values recorded by Pacemaker in the
// scheduler regression corpus.
func TestParamsDigest(t *testing.T) {
	cases := []struct {
		params map[string]string
		want   string
	}{
		{nil, "f2317cad3d54cec5d7d7aa7d0bf35cf8"},
		{map[string]string{"fake": "foo", "passwd": "whatever"}, "457016173e548c394dcf3896e3066412"},
		{map[string]string{"passwd": "whatever"}, "5de129d7fe42dbcfe537f2c63b1921b6"},
		{map[string]string{"name": "storage", "minor": "0", "block_device": "/dev/VG_LOCAL/STORAGE_REPLICA"}, "41b1da4c2ea2b5ced1c615df108064b0"},
	}
	for _, c := range cases {
		if got := paramsDigest(c.params); got != c.want {
			t.Errorf("paramsDigest(%v) = %s, want %s", c.params, got, c.want)
		}
	}
}

// testdata/sim/digest.xml: crm_simulate restarts "changed" (its start ran
// with other parameters), reloads "reloadable" (only a parameter outside
// op-force-restart changed) and leaves "same" alone.
func TestDefinitionChange(t *testing.T) {
	res := runFile(t, "../testdata/sim/digest.xml", nil)
	got := map[string]string{}
	for _, a := range res.Actions {
		got[deref(a.Resource)] = a.Action + " " + deref(a.Node)
	}
	want := map[string]string{"changed": "Restart node1", "reloadable": "Reload node1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("actions %v, want %v", got, want)
	}
}

func TestCancelSwaps(t *testing.T) {
	acts := []Action{
		{Action: "Stop", Resource: sp("dlm"), Node: sp("n1")},
		{Action: "Start", Resource: sp("dlm"), Node: sp("n1")},
		{Action: "Start", Resource: sp("dlm"), Node: sp("n2")},
	}
	got := cancelSwaps(acts)
	if len(got) != 1 || got[0].Action != "Start" || *got[0].Node != "n2" {
		t.Errorf("cancelSwaps = %+v, want only the start on n2", got)
	}
}
