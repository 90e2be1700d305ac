package fix

import (
	"fmt"
	"strings"

	"hakit/internal/lazyre"
)

// crmStatement is one crm shell statement: its byte range (continuation
// lines included) and the ranges of its words outside quotes.
type crmStatement struct {
	start, end int
	words      [][2]int
}

var (
	crmRoleAttr  = lazyre.New(`^(\$?[A-Za-z_-]*role=)(?i:(master|slave))$`)
	crmRoleColon = lazyre.New(`^([^:=\s]+):(?i:(master|slave))$`)
)

// crmBlockKeywords start the parts of a crm resource statement.
var crmBlockKeywords = map[string]bool{"params": true, "meta": true, "utilization": true, "op": true, "description": true}

// CRM fixes a crm shell configuration.
func CRM(src []byte, opts Options) (*Result, error) {
	res := &Result{}
	var edits []edit
	for _, st := range crmStatements(src) {
		if len(st.words) == 0 {
			continue
		}
		word := func(i int) string { return string(src[st.words[i][0]:st.words[i][1]]) }
		kw := word(0)
		switch kw {
		case "ms", "master":
			id := ""
			if len(st.words) > 1 {
				id = word(1)
			}
			w := st.words[0]
			edits = append(edits, edit{start: w[0], end: w[1], text: "clone", what: fmt.Sprintf("ms %s → clone with promotable=true", id)})
			metaAt := -1
			hasPromotable := false
			for i := 2; i < len(st.words); i++ {
				switch v := word(i); {
				case v == "meta" && metaAt < 0:
					metaAt = i
				case strings.HasPrefix(v, "promotable="):
					hasPromotable = true
				}
			}
			if !hasPromotable {
				if metaAt >= 0 {
					// After the meta block's last pair ("meta $id=..." must
					// keep its id first).
					last := metaAt
					for j := metaAt + 1; j < len(st.words); j++ {
						if crmBlockKeywords[word(j)] {
							break
						}
						last = j
					}
					e := st.words[last][1]
					edits = append(edits, edit{start: e, end: e, text: " promotable=true", what: fmt.Sprintf("promotable=true for %s", id)})
				} else {
					e := st.words[len(st.words)-1][1]
					edits = append(edits, edit{start: e, end: e, text: " meta promotable=true", what: fmt.Sprintf("promotable=true for %s", id)})
				}
			}
		}
		roleContext := false
		switch kw {
		case "colocation", "collocation", "location", "rsc_ticket", "order":
			roleContext = true
		}
		inParams := false
		for i := 1; i < len(st.words); i++ {
			w := st.words[i]
			v := word(i)
			if crmBlockKeywords[v] {
				inParams = v == "params"
				continue
			}
			if inParams {
				continue // an agent's own parameter (one may be called role)
			}
			name, val, isAttr := strings.Cut(v, "=")
			// "$ID:name=value" gives the nvpair's id (crmsh's syntax).
			nameAt := w[0]
			if strings.HasPrefix(name, "$") {
				if i := strings.LastIndexByte(name, ':'); i >= 0 {
					nameAt += i + 1
					name = name[i+1:]
				}
			}
			if isAttr {
				if repl, ok := legacyMeta[name]; ok {
					edits = append(edits, edit{start: nameAt, end: nameAt + len(name), text: repl, what: fmt.Sprintf("%s → %s", name, repl)})
				}
				if repl, ok := renamed3[name]; ok && opts.pcmk3() && kw == "property" {
					edits = append(edits, edit{start: nameAt, end: nameAt + len(name), text: repl, what: fmt.Sprintf("%s → %s (Pacemaker 3)", name, repl)})
				}
				if (name == "stonith-action" || name == "fencing-action") && val == "poweroff" && kw == "property" {
					edits = append(edits, edit{start: nameAt + len(name) + 1, end: w[1], text: "off", what: name + "=poweroff → off (the deprecated alias, removed in Pacemaker 3.0)"})
				}
				if name == "no-quorum-policy" && val == "suicide" && opts.pcmk30() && kw == "property" {
					edits = append(edits, edit{start: nameAt + len(name) + 1, end: w[1], text: "fence", what: "no-quorum-policy=suicide → fence (Pacemaker 3)"})
				}
			}
			if m := crmRoleAttr().FindStringSubmatchIndex(v); m != nil {
				old := v[m[4]:m[5]]
				repl := legacyRoles[strings.ToLower(old)]
				edits = append(edits, edit{start: w[0] + m[4], end: w[0] + m[5], text: repl, what: fmt.Sprintf("%s%s → %s", v[m[2]:m[3]], old, repl)})
				continue
			}
			if roleContext {
				if m := crmRoleColon().FindStringSubmatchIndex(v); m != nil {
					old := v[m[4]:m[5]]
					repl := legacyRoles[strings.ToLower(old)]
					edits = append(edits, edit{start: w[0] + m[4], end: w[0] + m[5], text: repl, what: fmt.Sprintf("%s → %s", v, v[:m[4]]+repl)})
				}
			}
		}
	}
	res.Out, res.Changes = apply(src, edits)
	return res, nil
}

// crmStatements splits src into statements: a line, joined with the next
// while it ends in a backslash; "#" comment lines are their own (empty)
// statements. Words are separated by blanks outside double or single quotes.
func crmStatements(src []byte) []crmStatement {
	var out []crmStatement
	i := 0
	for i < len(src) {
		st := crmStatement{start: i}
		// Skip a comment line.
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if j < len(src) && src[j] == '#' {
			for j < len(src) && src[j] != '\n' {
				j++
			}
			i = j + 1
			continue
		}
		var quote byte
		wordStart := -1
		flush := func(at int) {
			if wordStart >= 0 {
				st.words = append(st.words, [2]int{wordStart, at})
				wordStart = -1
			}
		}
		for i < len(src) {
			c := src[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				i++
				continue
			}
			if c == '\\' && i+1 < len(src) && src[i+1] == '\n' {
				flush(i)
				i += 2
				continue
			}
			if c == '\\' && i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n' {
				flush(i)
				i += 3
				continue
			}
			if c == '\n' {
				flush(i)
				i++
				break
			}
			if c == ' ' || c == '\t' || c == '\r' {
				flush(i)
				i++
				continue
			}
			if wordStart < 0 {
				wordStart = i
			}
			if c == '"' || c == '\'' {
				quote = c
			}
			i++
		}
		flush(i)
		st.end = i
		out = append(out, st)
	}
	return out
}
