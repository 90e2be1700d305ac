package cib_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
)

// canon is a Go port of ../shared/tools/cibnorm.py's CIB rules, applied to
// the whole document: status included (its children sorted like any other),
// comments dropped, auto ids ignored unless referenced, empty sets and
// sections treated as absent, child order kept only where it matters.

var ignoredCIBAttrs = map[string]bool{"epoch": true, "num_updates": true, "admin_epoch": true,
	"cib-last-written": true, "crm_feature_set": true, "validate-with": true, "have-quorum": true,
	"dc-uuid": true, "execution-date": true}

var autoIDTags = set("nvpair", "instance_attributes", "meta_attributes", "utilization",
	"cluster_property_set", "attributes", "operations", "op", "rule", "expression", "date_expression",
	"date_spec", "duration", "op_expression", "rsc_expression", "resource_set", "recipient",
	"acl_permission", "port-mapping", "storage-mapping", "attribute")

var attrSetTags = set("instance_attributes", "meta_attributes", "utilization", "cluster_property_set", "attributes")

var optionalSections = set("crm_config", "nodes", "resources", "constraints", "rsc_defaults", "op_defaults",
	"fencing-topology", "tags", "alerts", "acls")

var orderedChildren = map[string]map[string]bool{
	"group": set("primitive"), "rsc_colocation": set("resource_set"), "rsc_order": set("resource_set"),
	"rsc_ticket": set("resource_set"), "rsc_location": set("resource_set"), "resource_set": set("resource_ref"),
	"acl_role": set("acl_permission"), "acl_target": set("acl_permission"), "acl_group": set("acl_permission"),
	"acl_user": set("acl_permission"),
}

func set(ss ...string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return m
}

type xnode struct {
	tag      string
	attrs    [][2]string
	text     string
	children []*xnode
	key      string
}

func readTree(src []byte) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(src))
	var stack []*xnode
	var root *xnode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{tag: t.Name.Local}
			for _, a := range t.Attr {
				k := a.Name.Local
				if a.Name.Space != "" {
					k = a.Name.Space + ":" + k
				}
				n.attrs = append(n.attrs, [2]string{k, a.Value})
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				if s := strings.TrimSpace(string(t)); s != "" {
					p := stack[len(stack)-1]
					p.text = strings.TrimSpace(p.text + " " + s)
				}
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

func collectRefs(n *xnode, refs map[string]bool) {
	for _, a := range n.attrs {
		if a[0] == "id-ref" && a[1] != "" {
			refs[a[1]] = true
		}
	}
	for _, c := range n.children {
		collectRefs(c, refs)
	}
}

func canonNode(n *xnode, refs map[string]bool, parent string) *xnode {
	out := &xnode{tag: n.tag, text: n.text}
	var ident string
	hasID := false
	hasRef := false
	for _, a := range n.attrs {
		k, v := a[0], a[1]
		if k == "id" {
			ident, hasID = v, true
		}
		if k == "id-ref" {
			hasRef = true
		}
		if n.tag == "cib" && (ignoredCIBAttrs[k] || strings.HasPrefix(k, "update-")) {
			continue
		}
		if k == "id" && autoIDTags[n.tag] && !refs[v] {
			continue
		}
		out.attrs = append(out.attrs, a)
	}
	sort.Slice(out.attrs, func(i, j int) bool {
		if out.attrs[i][0] != out.attrs[j][0] {
			return out.attrs[i][0] < out.attrs[j][0]
		}
		return out.attrs[i][1] < out.attrs[j][1]
	})
	for _, c := range n.children {
		if cn := canonNode(c, refs, n.tag); cn != nil {
			out.children = append(out.children, cn)
		}
	}
	referenced := hasID && refs[ident]
	if len(out.children) == 0 && out.text == "" && !hasRef && !referenced {
		if attrSetTags[n.tag] || n.tag == "operations" {
			return nil
		}
		if optionalSections[n.tag] && parent == "configuration" {
			return nil
		}
		if n.tag == "select" && parent == "alert" {
			return nil
		}
		if n.tag == "status" && parent == "cib" {
			return nil
		}
	}
	ordered := orderedChildren[n.tag]
	var fixed, rest []*xnode
	for _, c := range out.children {
		if ordered[c.tag] {
			fixed = append(fixed, c)
		} else {
			rest = append(rest, c)
		}
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].Key() < rest[j].Key() })
	out.children = append(fixed, rest...)
	return out
}

func (n *xnode) lines(indent int, b *strings.Builder) {
	b.WriteString(strings.Repeat("  ", indent))
	b.WriteString("<" + n.tag)
	for _, a := range n.attrs {
		fmt.Fprintf(b, " %s=%q", a[0], a[1])
	}
	if n.text != "" {
		fmt.Fprintf(b, " text=%q", n.text)
	}
	b.WriteString(">\n")
	for _, c := range n.children {
		c.lines(indent+1, b)
	}
}

func (n *xnode) Key() string {
	if n.key == "" {
		var b strings.Builder
		n.lines(0, &b)
		n.key = b.String()
	}
	return n.key
}

// canonical returns the canonical text of a CIB, and of its status section
// alone.
func canonical(src []byte) (config, status string, err error) {
	root, err := readTree(src)
	if err != nil {
		return "", "", err
	}
	if root.tag == "configuration" {
		root = &xnode{tag: "cib", children: []*xnode{root}}
	}
	refs := map[string]bool{}
	collectRefs(root, refs)
	var st *xnode
	var kids []*xnode
	for _, c := range root.children {
		if c.tag == "status" {
			st = c
			continue
		}
		kids = append(kids, c)
	}
	root.children = kids
	cfg := canonNode(root, refs, "")
	var b strings.Builder
	cfg.lines(0, &b)
	var sb strings.Builder
	if st != nil {
		if cs := canonNode(st, refs, "cib"); cs != nil {
			cs.lines(0, &sb)
		}
	}
	return b.String(), sb.String(), nil
}
