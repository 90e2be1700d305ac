package fix

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// roleAttrs are the attributes that hold a role, per element.
var roleAttrs = map[string][]string{
	"op": {"role"}, "rsc_location": {"role"}, "rsc_colocation": {"rsc-role", "with-rsc-role"},
	"rsc_ticket": {"rsc-role"}, "resource_set": {"role"}, "rule": {"role"},
}

type xmlTag struct {
	name       string
	start, end int // byte range of the tag in the source
	attrs      map[string]string
	selfClose  bool
}

// CIB fixes a CIB XML document.
func CIB(src []byte, opts Options) (*Result, error) {
	tags, ids, err := scanXML(src)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var edits []edit
	lineOf := func(off int) int { return 1 + bytes.Count(src[:off], []byte("\n")) }

	// The schema decides whether the new role names may be written.
	rolesOK, bumpSchema := false, false
	var cibTag *xmlTag
	for i := range tags {
		if tags[i].name == "cib" {
			cibTag = &tags[i]
			break
		}
	}
	if cibTag != nil {
		major, minor, ok := schemaVersion(cibTag.attrs["validate-with"])
		switch {
		case ok && (major > 3 || major == 3 && minor >= 7):
			rolesOK = true
		case ok && major == 3:
			rolesOK, bumpSchema = true, true
		}
	}
	roleEdits := 0

	// Stack of open elements by index into tags.
	var stack []int
	inCrmConfig := func() bool {
		for _, i := range stack {
			if tags[i].name == "cluster_property_set" {
				return true
			}
		}
		return false
	}
	insideClone := func() string {
		for j := len(stack) - 1; j >= 0; j-- {
			t := tags[stack[j]]
			if t.name == "master" || t.name == "clone" {
				return t.attrs["id"]
			}
			if t.name == "primitive" || t.name == "group" {
				return ""
			}
		}
		return ""
	}
	for i := range tags {
		t := &tags[i]
		if strings.HasPrefix(t.name, "/") {
			name := t.name[1:]
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if name == "master" {
				edits = append(edits, edit{start: t.start, end: t.start + len("</master"), text: "</clone", what: "</master> → </clone>"})
			}
			continue
		}
		switch t.name {
		case "master":
			id := t.attrs["id"]
			edits = append(edits, edit{start: t.start, end: t.start + len("<master"), text: "<clone", what: fmt.Sprintf("master %s → clone with promotable=true", id)})
			if !hasPromotable(tags, i) {
				nid := uniqueID(ids, id+"-promotable")
				ids[nid] = true
				nvid := uniqueID(ids, nid+"-nvpair")
				ids[nvid] = true
				if !t.selfClose { // an empty master is a schema error; leave it
					at, indent, nl := insertPoint(src, t.end)
					ins := fmt.Sprintf("%s<meta_attributes id=\"%s\">%s%s  <nvpair id=\"%s\" name=\"promotable\" value=\"true\"/>%s%s</meta_attributes>%s",
						indent, nid, nl, indent, nvid, nl, indent, nl)
					edits = append(edits, edit{start: at, end: at, text: ins, what: fmt.Sprintf("promotable=true for %s", id)})
				}
			}
		case "nvpair":
			name := t.attrs["name"]
			if repl, ok := legacyMeta[name]; ok && insideClone() != "" {
				if e, ok := attrEdit(src, t, "name", repl); ok {
					e.what = fmt.Sprintf("%s → %s", name, repl)
					edits = append(edits, e)
				}
			}
			if repl, ok := renamed3[name]; ok && opts.pcmk3() && inCrmConfig() {
				if e, ok := attrEdit(src, t, "name", repl); ok {
					e.what = fmt.Sprintf("%s → %s (Pacemaker 3)", name, repl)
					edits = append(edits, e)
				}
			}
			if (name == "stonith-action" || name == "fencing-action") && t.attrs["value"] == "poweroff" && inCrmConfig() {
				if e, ok := attrEdit(src, t, "value", "off"); ok {
					e.what = name + "=poweroff → off (the deprecated alias, removed in Pacemaker 3.0)"
					edits = append(edits, e)
				}
			}
			if name == "no-quorum-policy" && t.attrs["value"] == "suicide" && opts.pcmk30() && inCrmConfig() {
				if e, ok := attrEdit(src, t, "value", "fence"); ok {
					e.what = "no-quorum-policy=suicide → fence (Pacemaker 3)"
					edits = append(edits, e)
				}
			}
			if name == "target-role" {
				if repl, ok := legacyRoles[strings.ToLower(t.attrs["value"])]; ok {
					if !rolesOK {
						res.Notes = append(res.Notes, Change{lineOf(t.start), fmt.Sprintf("target-role=%s kept: schema %s does not know %s; upgrade the CIB (cibadmin --upgrade) and run fix again", t.attrs["value"], cibTag.attrs["validate-with"], repl)})
					} else if e, ok := attrEdit(src, t, "value", repl); ok {
						e.what = fmt.Sprintf("target-role=%s → %s", t.attrs["value"], repl)
						edits = append(edits, e)
						roleEdits++
					}
				}
			}
		}
		for _, a := range roleAttrs[t.name] {
			v, ok := t.attrs[a]
			if !ok {
				continue
			}
			repl, ok := legacyRoles[strings.ToLower(v)]
			if !ok {
				continue
			}
			if !rolesOK {
				res.Notes = append(res.Notes, Change{lineOf(t.start), fmt.Sprintf("%s=%s kept: schema %s does not know %s; upgrade the CIB (cibadmin --upgrade) and run fix again", a, v, cibTag.attrs["validate-with"], repl)})
				continue
			}
			if e, ok := attrEdit(src, t, a, repl); ok {
				e.what = fmt.Sprintf("%s=%s → %s", a, v, repl)
				edits = append(edits, e)
				roleEdits++
			}
		}
		if !t.selfClose {
			stack = append(stack, i)
		}
	}
	if roleEdits > 0 && bumpSchema && cibTag != nil {
		if e, ok := attrEdit(src, cibTag, "validate-with", "pacemaker-3.7"); ok {
			e.what = fmt.Sprintf("validate-with=%s → pacemaker-3.7 (the first schema with Promoted/Unpromoted)", cibTag.attrs["validate-with"])
			edits = append(edits, e)
		}
	}
	res.Out, res.Changes = apply(src, edits)
	return res, nil
}

// scanXML lists the start and end tags of src with their byte ranges, and
// every id.
func scanXML(src []byte) ([]xmlTag, map[string]bool, error) {
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	var tags []xmlTag
	var open []string
	ids := map[string]bool{}
	for {
		start := int(d.InputOffset())
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			if len(open) > 0 {
				return nil, nil, fmt.Errorf("%s: not well-formed XML: <%s> is not closed at the end of the file", lineCol(src, len(src)), open[len(open)-1])
			}
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: not well-formed XML: %w", lineCol(src, int(d.InputOffset())), err)
		}
		end := int(d.InputOffset())
		switch tk := tok.(type) {
		case xml.StartElement:
			t := xmlTag{name: tk.Name.Local, start: start, end: end, attrs: map[string]string{}}
			for _, a := range tk.Attr {
				t.attrs[a.Name.Local] = a.Value
			}
			if id := t.attrs["id"]; id != "" {
				ids[id] = true
			}
			t.selfClose = bytes.HasSuffix(bytes.TrimRight(src[start:end], " \t\r\n"), []byte("/>"))
			tags = append(tags, t)
			if !t.selfClose {
				open = append(open, t.name)
			}
			if t.selfClose {
				// RawToken reports a matching EndElement next; skip it.
				if _, err := d.RawToken(); err != nil {
					return nil, nil, fmt.Errorf("not well-formed XML: %w", err)
				}
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != tk.Name.Local {
				return nil, nil, fmt.Errorf("%s: not well-formed XML: unexpected </%s>", lineCol(src, start), tk.Name.Local)
			}
			open = open[:len(open)-1]
			tags = append(tags, xmlTag{name: "/" + tk.Name.Local, start: start, end: end})
		}
	}
	return tags, ids, nil
}

// attrEdit replaces the value of attribute name in tag t.
func attrEdit(src []byte, t *xmlTag, name, value string) (edit, bool) {
	re := regexp.MustCompile(`(?:^|[\s])` + regexp.QuoteMeta(name) + `\s*=\s*("[^"]*"|'[^']*')`)
	tag := src[t.start:t.end]
	m := re.FindSubmatchIndex(tag)
	if m == nil {
		return edit{}, false
	}
	q := tag[m[2]]
	return edit{start: t.start + m[2], end: t.start + m[3], text: string(q) + value + string(q)}, true
}

// hasPromotable reports whether the master at tags[i] already sets
// promotable in a direct meta_attributes child.
func hasPromotable(tags []xmlTag, i int) bool {
	depth := 0
	for j := i + 1; j < len(tags); j++ {
		t := tags[j]
		if strings.HasPrefix(t.name, "/") {
			if depth == 0 {
				return false
			}
			depth--
			continue
		}
		if depth == 1 && t.name == "nvpair" && t.attrs["name"] == "promotable" {
			return true
		}
		if !t.selfClose {
			depth++
		}
	}
	return false
}

// insertPoint finds where to put a new first child of the element whose
// start tag ends at off: at the start of the next line, indented like it,
// when the rest of the tag's line is blank or a comment; otherwise right
// after the tag, on the same line.
func insertPoint(src []byte, off int) (at int, indent, nl string) {
	nlAt := bytes.IndexByte(src[off:], '\n')
	if nlAt < 0 {
		return off, "", ""
	}
	rest := strings.TrimSpace(string(src[off : off+nlAt]))
	if rest != "" && !(strings.HasPrefix(rest, "<!--") && strings.HasSuffix(rest, "-->") && strings.Count(rest, "<!--") == 1) {
		return off, "", ""
	}
	at = off + nlAt + 1
	i := at
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	eol := "\n"
	if nlAt > 0 && src[off+nlAt-1] == '\r' {
		eol = "\r\n"
	}
	return at, string(src[at:i]), eol
}

func uniqueID(ids map[string]bool, id string) string {
	if !ids[id] {
		return id
	}
	for n := 2; ; n++ {
		if c := id + "-" + strconv.Itoa(n); !ids[c] {
			return c
		}
	}
}

// schemaVersion reads "pacemaker-X.Y".
func schemaVersion(v string) (major, minor int, ok bool) {
	s, found := strings.CutPrefix(v, "pacemaker-")
	if !found {
		return 0, 0, false
	}
	a, b, found := strings.Cut(s, ".")
	if !found {
		return 0, 0, false
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	return x, y, err1 == nil && err2 == nil
}

// lineCol renders a byte offset as LINE:COL (1-based, columns in bytes).
func lineCol(src []byte, off int) string {
	off = min(max(off, 0), len(src))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return fmt.Sprintf("%d:%d", line, col)
}
