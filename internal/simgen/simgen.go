// Package simgen generates small random clusters for the simulator's
// differential tests, and reads crm_simulate's XML output into the shape
// of hakit's placement so the two compare directly.
package simgen

import (
	"encoding/xml"
	"fmt"
	"math/rand"
	"sort"
	"strings"
)

// Cluster is one generated cluster.
type Cluster struct {
	CIB       string
	Nodes     []string
	Resources []string // primitives
	Stonith   bool
}

// New builds a random cluster of 2–6 nodes: primitives with stickiness,
// scored locations, mandatory colocations, sometimes a group and an
// anonymous clone; fencing on (with a device) in about half of them.
// Every node is online and nothing runs yet.
func New(rng *rand.Rand) *Cluster {
	g := &Cluster{Stonith: rng.Intn(2) == 0}
	nn := 2 + rng.Intn(5)
	nr := 2 + rng.Intn(5)
	var b strings.Builder
	b.WriteString(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1">
  <configuration>
    <crm_config><cluster_property_set id="o">`)
	fmt.Fprintf(&b, `<nvpair id="o1" name="stonith-enabled" value="%t"/>`, g.Stonith)
	fmt.Fprintf(&b, `<nvpair id="o2" name="no-quorum-policy" value="%s"/>`, []string{"stop", "ignore", "freeze"}[rng.Intn(3)])
	b.WriteString("</cluster_property_set></crm_config>\n    <nodes>\n")
	for i := 1; i <= nn; i++ {
		g.Nodes = append(g.Nodes, fmt.Sprintf("n%d", i))
		fmt.Fprintf(&b, "      <node id=\"%d\" uname=\"n%d\"/>\n", i, i)
	}
	b.WriteString("    </nodes>\n    <resources>\n")
	if g.Stonith {
		b.WriteString(`      <primitive id="fence" class="stonith" type="fence_dummy"/>` + "\n")
	}
	prim := func(id string) string {
		g.Resources = append(g.Resources, id)
		s := fmt.Sprintf("<primitive id=%q class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">", id)
		if rng.Intn(2) == 0 {
			s += fmt.Sprintf("<meta_attributes id=\"%s-m\"><nvpair id=\"%s-s\" name=\"resource-stickiness\" value=\"%d\"/>", id, id, []int{50, 100, 200}[rng.Intn(3)])
			if rng.Intn(2) == 0 {
				s += fmt.Sprintf("<nvpair id=\"%s-mt\" name=\"migration-threshold\" value=\"%d\"/>", id, 1+rng.Intn(2))
			}
			s += "</meta_attributes>"
		}
		s += fmt.Sprintf("<operations><op id=\"%s-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>", id)
		return s
	}
	for i := 1; i <= nr; i++ {
		b.WriteString("      " + prim(fmt.Sprintf("r%d", i)) + "\n")
	}
	if rng.Intn(3) == 0 {
		fmt.Fprintf(&b, "      <group id=\"g\">%s%s</group>\n", prim("g1"), prim("g2"))
	}
	b.WriteString("    </resources>\n    <constraints>\n")
	scores := []string{"-INFINITY", "10", "50", "100", "INFINITY"}
	for i := 1; i <= nr; i++ {
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "      <rsc_location id=\"l%d\" rsc=\"r%d\" node=\"%s\" score=\"%s\"/>\n", i, i, g.Nodes[rng.Intn(nn)], scores[rng.Intn(len(scores))])
		}
	}
	for i := 2; i <= nr; i++ {
		if rng.Intn(4) == 0 {
			fmt.Fprintf(&b, "      <rsc_colocation id=\"c%d\" rsc=\"r%d\" with-rsc=\"r%d\" score=\"INFINITY\"/>\n", i, i, rng.Intn(i-1)+1)
		}
	}
	b.WriteString("    </constraints>\n  </configuration>\n  <status>\n")
	for i, n := range g.Nodes {
		fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"%s\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>\n", i+1, n)
	}
	b.WriteString("  </status>\n</cib>\n")
	g.CIB = b.String()
	return g
}

// Placement is what one side of a comparison says: the online nodes and,
// per resource id, its sorted "role node" entries.
type Placement struct {
	Online    map[string]bool
	Resources map[string][]string
}

// String prints p deterministically.
func (p Placement) String() string {
	var on, rs []string
	for n, ok := range p.Online {
		if ok {
			on = append(on, n)
		}
	}
	sort.Strings(on)
	for k, v := range p.Resources {
		rs = append(rs, k+"="+strings.Join(v, ","))
	}
	sort.Strings(rs)
	return "online [" + strings.Join(on, " ") + "] " + strings.Join(rs, " ")
}

// Equal compares two placements.
func (p Placement) Equal(q Placement) bool { return p.String() == q.String() }

// FromHakit converts hakit's JSON placement (nodes: name → state;
// resources: id → role → nodes).
func FromHakit(nodes map[string]string, rscs map[string]map[string][]string) Placement {
	p := Placement{Online: map[string]bool{}, Resources: map[string][]string{}}
	for n, s := range nodes {
		p.Online[n] = s == "online" || s == "standby" || s == "maintenance"
	}
	for id, roles := range rscs {
		for role, ns := range roles {
			for _, n := range ns {
				p.Resources[id] = append(p.Resources[id], normRole(role)+" "+n)
			}
		}
		sort.Strings(p.Resources[id])
	}
	return p
}

type xnode struct {
	Name    string `xml:"name,attr"`
	Online  string `xml:"online,attr"`
	Unclean string `xml:"unclean,attr"`
}

type xrsc struct {
	XMLName  xml.Name
	ID       string  `xml:"id,attr"`
	Role     string  `xml:"role,attr"`
	Orphaned string  `xml:"orphaned,attr"`
	Failed   string  `xml:"failed,attr"`
	Nodes    []xnode `xml:"node"`
	Children []xrsc  `xml:",any"`
}

type xstatus struct {
	Nodes     []xnode `xml:"nodes>node"`
	Resources []xrsc  `xml:"resources>resource"`
	Groups    []xrsc  `xml:"resources>group"`
	Clones    []xrsc  `xml:"resources>clone"`
}

// FromCrmSimulate reads crm_simulate --output-as=xml: the revised cluster
// status when revised, else the current one.
func FromCrmSimulate(out []byte, revised bool) (Placement, error) {
	var doc struct {
		Current xstatus `xml:"cluster_status"`
		Revised xstatus `xml:"revised_cluster_status"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		return Placement{}, err
	}
	st := doc.Current
	if revised && doc.Revised.Nodes != nil {
		st = doc.Revised
	}
	p := Placement{Online: map[string]bool{}, Resources: map[string][]string{}}
	for _, n := range st.Nodes {
		p.Online[n.Name] = n.Online == "true" && n.Unclean != "true"
	}
	var add func(r xrsc)
	add = func(r xrsc) {
		if r.XMLName.Local == "resource" {
			if r.Role == "Stopped" || r.ID == "" {
				return
			}
			role := normRole(r.Role)
			if r.Failed == "true" {
				role = "FAILED"
			}
			for _, n := range r.Nodes {
				p.Resources[r.ID] = append(p.Resources[r.ID], role+" "+n.Name)
			}
			sort.Strings(p.Resources[r.ID])
			return
		}
		for _, c := range r.Children {
			add(c)
		}
	}
	for _, r := range st.Resources {
		r.XMLName.Local = "resource"
		add(r)
	}
	for _, r := range append(st.Groups, st.Clones...) {
		r.XMLName.Local = "group"
		add(r)
	}
	return p, nil
}

func normRole(r string) string {
	switch strings.ToLower(r) {
	case "master", "promoted":
		return "Promoted"
	case "slave", "unpromoted":
		return "Unpromoted"
	case "failed":
		return "FAILED"
	}
	return "Started"
}

// Roles returns p's resources in the shape of hakit's placement:
// id -> role -> sorted nodes.
func (p Placement) Roles() map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for id, entries := range p.Resources {
		for _, e := range entries {
			role, node, _ := strings.Cut(e, " ")
			if out[id] == nil {
				out[id] = map[string][]string{}
			}
			out[id][role] = append(out[id][role], node)
		}
	}
	return out
}
