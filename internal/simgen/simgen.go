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
	if strings.HasPrefix(strings.ToLower(r), "failed") {
		// hakit's "FAILED Unpromoted": crm_simulate's XML says failed
		// whatever the role.
		return "FAILED"
	}
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

// Rich is a cluster from NewRich, with what its events are chosen from.
type Rich struct {
	Cluster
	// Up are the nodes online at the start (some may be in standby);
	// the others are cleanly offline from the start.
	Up []string
	// Standby are the nodes in standby at the start.
	Standby []string
	// Ops are the recurring monitor intervals (ms) per history id:
	// a primitive's id, or an anonymous clone's primitive id.
	Ops map[string]int
	// Promotable are the history ids of promotable clones' primitives.
	Promotable []string
}

// NewRich builds a random cluster of 2–5 nodes covering what the
// scheduler's differential test needs: primitives (stickiness,
// migration-threshold), a group, an anonymous clone, a promotable clone,
// scored locations (some for the promoted role), colocations (mandatory,
// advisory, negative, with roles), orders (mandatory and optional,
// start and promote), resource-stickiness in rsc_defaults, standby
// nodes, and nodes offline from the start; fencing on (with a device)
// in about half of them. Nothing runs yet.
func NewRich(rng *rand.Rand) *Rich {
	g := &Rich{Ops: map[string]int{}}
	g.Stonith = rng.Intn(2) == 0
	nn := 2 + rng.Intn(4)
	var b strings.Builder
	b.WriteString(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1">
  <configuration>
    <crm_config><cluster_property_set id="o">`)
	fmt.Fprintf(&b, `<nvpair id="o1" name="stonith-enabled" value="%t"/>`, g.Stonith)
	fmt.Fprintf(&b, `<nvpair id="o2" name="no-quorum-policy" value="%s"/>`, []string{"stop", "ignore", "freeze"}[rng.Intn(3)])
	b.WriteString("</cluster_property_set></crm_config>\n    <nodes>\n")
	// States: most nodes online, some in standby, some offline; at least
	// one online node that is not in standby.
	state := make([]int, nn) // 0 online, 1 standby, 2 offline
	for i := range state {
		switch k := rng.Intn(10); {
		case k == 0:
			state[i] = 1
		case k == 1:
			state[i] = 2
		}
	}
	state[rng.Intn(nn)] = 0
	for i := 1; i <= nn; i++ {
		name := fmt.Sprintf("n%d", i)
		g.Nodes = append(g.Nodes, name)
		if state[i-1] != 2 {
			g.Up = append(g.Up, name)
		}
		if state[i-1] == 1 {
			g.Standby = append(g.Standby, name)
			fmt.Fprintf(&b, "      <node id=\"%d\" uname=\"%s\"><instance_attributes id=\"na%d\"><nvpair id=\"na%d-s\" name=\"standby\" value=\"on\"/></instance_attributes></node>\n", i, name, i, i)
			continue
		}
		fmt.Fprintf(&b, "      <node id=\"%d\" uname=\"%s\"/>\n", i, name)
	}
	b.WriteString("    </nodes>\n    <resources>\n")
	if g.Stonith {
		b.WriteString(`      <primitive id="fence" class="stonith" type="fence_dummy"/>` + "\n")
	}
	meta := func(id string, stick bool) string {
		var s string
		if stick && rng.Intn(2) == 0 {
			s += fmt.Sprintf("<nvpair id=\"%s-s\" name=\"resource-stickiness\" value=\"%d\"/>", id, []int{0, 50, 100, 200}[rng.Intn(4)])
		}
		if rng.Intn(4) == 0 {
			s += fmt.Sprintf("<nvpair id=\"%s-mt\" name=\"migration-threshold\" value=\"%d\"/>", id, 1+rng.Intn(2))
		}
		if s == "" {
			return ""
		}
		return fmt.Sprintf("<meta_attributes id=\"%s-m\">%s</meta_attributes>", id, s)
	}
	prim := func(id string, stick bool) string {
		g.Resources = append(g.Resources, id)
		iv := []int{10000, 15000, 20000}[rng.Intn(3)]
		g.Ops[id] = iv
		return fmt.Sprintf("<primitive id=%q class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">%s<operations><op id=\"%s-mon\" name=\"monitor\" interval=\"%dms\"/></operations></primitive>",
			id, meta(id, stick), id, iv)
	}
	// Placeable things, for constraints: id and kind.
	type thing struct {
		id         string
		promotable bool
	}
	var things []thing
	nr := 1 + rng.Intn(4)
	for i := 1; i <= nr; i++ {
		id := fmt.Sprintf("r%d", i)
		b.WriteString("      " + prim(id, true) + "\n")
		things = append(things, thing{id: id})
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "      <group id=\"g\">%s", meta("g", true))
		for i := 1; i <= 2+rng.Intn(2); i++ {
			b.WriteString(prim(fmt.Sprintf("g%d", i), false))
		}
		b.WriteString("</group>\n")
		things = append(things, thing{id: "g"})
	}
	if rng.Intn(2) == 0 {
		var m string
		if rng.Intn(3) == 0 {
			m = fmt.Sprintf("<nvpair id=\"c-max\" name=\"clone-max\" value=\"%d\"/>", 1+rng.Intn(nn))
		}
		if rng.Intn(3) == 0 {
			m += "<nvpair id=\"c-il\" name=\"interleave\" value=\"true\"/>"
		}
		if m != "" {
			m = "<meta_attributes id=\"c-m\">" + m + "</meta_attributes>"
		}
		fmt.Fprintf(&b, "      <clone id=\"c\">%s%s</clone>\n", m, prim("cr", false))
		things = append(things, thing{id: "c"})
	}
	if rng.Intn(3) != 0 {
		m := "<nvpair id=\"p-pr\" name=\"promotable\" value=\"true\"/>"
		if rng.Intn(3) == 0 {
			m += fmt.Sprintf("<nvpair id=\"p-max\" name=\"clone-max\" value=\"%d\"/>", 1+rng.Intn(nn))
		}
		if rng.Intn(4) == 0 {
			m += "<nvpair id=\"p-pmax\" name=\"promoted-max\" value=\"2\"/>"
		}
		if rng.Intn(3) == 0 {
			m += "<nvpair id=\"p-il\" name=\"interleave\" value=\"true\"/>"
		}
		g.Resources = append(g.Resources, "pr")
		g.Promotable = append(g.Promotable, "pr")
		g.Ops["pr"] = 11000
		fmt.Fprintf(&b, "      <clone id=\"p\"><meta_attributes id=\"p-m\">%s</meta_attributes>"+
			"<primitive id=\"pr\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"><operations>"+
			"<op id=\"pr-mon-p\" name=\"monitor\" interval=\"10s\" role=\"Promoted\"/>"+
			"<op id=\"pr-mon-u\" name=\"monitor\" interval=\"11s\" role=\"Unpromoted\"/>"+
			"</operations></primitive></clone>\n", m)
		things = append(things, thing{id: "p", promotable: true})
	}
	b.WriteString("    </resources>\n    <constraints>\n")
	scores := []string{"-INFINITY", "-50", "10", "50", "100", "INFINITY"}
	score := func() string { return scores[rng.Intn(len(scores))] }
	role := func(t thing) string {
		if t.promotable && rng.Intn(2) == 0 {
			return []string{"Promoted", "Unpromoted"}[rng.Intn(4)/3]
		}
		return ""
	}
	attr := func(name, v string) string {
		if v == "" {
			return ""
		}
		return fmt.Sprintf(" %s=%q", name, v)
	}
	nc := 0
	for _, t := range things {
		for rng.Intn(2) == 0 {
			nc++
			if r := role(t); r != "" {
				// A role needs a rule in a location constraint.
				fmt.Fprintf(&b, "      <rsc_location id=\"l%d\" rsc=\"%s\"><rule id=\"l%d-r\" role=\"%s\" score=\"%s\"><expression id=\"l%d-e\" attribute=\"#uname\" operation=\"eq\" value=\"%s\"/></rule></rsc_location>\n",
					nc, t.id, nc, r, score(), nc, g.Nodes[rng.Intn(nn)])
				continue
			}
			fmt.Fprintf(&b, "      <rsc_location id=\"l%d\" rsc=\"%s\" node=\"%s\" score=\"%s\"/>\n", nc, t.id, g.Nodes[rng.Intn(nn)], score())
		}
	}
	for i := 1; i < len(things); i++ {
		if rng.Intn(3) != 0 {
			continue
		}
		a, w := things[i], things[rng.Intn(i)]
		if rng.Intn(2) == 0 {
			a, w = w, a
		}
		nc++
		if rng.Intn(2) == 0 {
			sc := []string{"INFINITY", "INFINITY", "-INFINITY", "100", "-100"}[rng.Intn(5)]
			fmt.Fprintf(&b, "      <rsc_colocation id=\"c%d\" rsc=\"%s\" with-rsc=\"%s\" score=\"%s\"%s%s/>\n", nc, a.id, w.id, sc,
				attr("rsc-role", role(a)), attr("with-rsc-role", role(w)))
			continue
		}
		act := func(t thing) string {
			if t.promotable && rng.Intn(2) == 0 {
				return "promote"
			}
			return ""
		}
		fmt.Fprintf(&b, "      <rsc_order id=\"ord%d\" first=\"%s\" then=\"%s\" kind=\"%s\"%s%s/>\n", nc, w.id, a.id,
			[]string{"Mandatory", "Mandatory", "Optional"}[rng.Intn(3)], attr("first-action", act(w)), attr("then-action", ""))
	}
	b.WriteString("    </constraints>\n")
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "    <rsc_defaults><meta_attributes id=\"rd\"><nvpair id=\"rd-s\" name=\"resource-stickiness\" value=\"%d\"/></meta_attributes></rsc_defaults>\n", []int{1, 100, 1000}[rng.Intn(3)])
	}
	b.WriteString("  </configuration>\n  <status>\n")
	for i, n := range g.Nodes {
		if state[i] == 2 {
			fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"%s\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" expected=\"down\"/>\n", i+1, n)
			continue
		}
		fmt.Fprintf(&b, "    <node_state id=\"%d\" uname=\"%s\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"", i+1, n)
		if len(g.Promotable) == 0 || rng.Intn(3) == 0 {
			b.WriteString("/>\n")
			continue
		}
		// The promotion score the agent would set (crm_master).
		fmt.Fprintf(&b, "><transient_attributes id=\"%d\"><instance_attributes id=\"status-%d\"><nvpair id=\"status-%d-master-pr\" name=\"master-pr\" value=\"%d\"/></instance_attributes></transient_attributes></node_state>\n",
			i+1, i+1, i+1, []int{5, 10, 100}[rng.Intn(3)])
	}
	b.WriteString("  </status>\n</cib>\n")
	g.CIB = b.String()
	return g
}
