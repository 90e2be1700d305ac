package clusterconf

import "testing"

func TestDetect(t *testing.T) {
	cases := []struct {
		name, src string
		want      int
	}{
		{"x.xml", `<?xml version="1.0"?><!-- c --><cluster name="a"/>`, 100},
		{"cluster.conf", `garbage`, 90},
		{"/etc/cluster/cluster.conf.bak", `<cluster`, 90},
		{"cib.xml", `<cib/>`, 0},
		{"corosync.conf", "totem {\n}\n", 0},
		{"bad.conf", "<cluster name='x'>\n<clusternodes>", 100},
	}
	for _, c := range cases {
		if got := Detect(c.name, []byte(c.src)); got != c.want {
			t.Errorf("Detect(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}
