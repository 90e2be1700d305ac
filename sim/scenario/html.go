package scenario

import (
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"
)

// htmlPage is one self-contained page: inline CSS and one inline script
// (which only counts what rendered, for tests); no network, no fonts.
const htmlPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
table.timeline { border-collapse: collapse; }
table.timeline th, table.timeline td { border: 1px solid #bbb; padding: 0.4em 0.6em; vertical-align: top; min-width: 9em; }
table.timeline th.node { background: #f0f0f0; text-align: left; }
th.step { background: #eef4ff; font-weight: normal; }
th.step .name { font-weight: bold; display: block; }
.quorate { color: #176f2c; } .inquorate { color: #b00020; font-weight: bold; }
td.fenced { background: repeating-linear-gradient(45deg, #fde0e0, #fde0e0 6px, #fff 6px, #fff 12px); }
td.offline { background: #eee; color: #888; }
.rsc { display: block; white-space: nowrap; }
.rsc.Promoted { font-weight: bold; } .rsc.FAILED { color: #b00020; }
.bad { color: #b00020; } .good { color: #176f2c; }
ul.asserts { margin: 0.3em 0 0 1em; padding: 0; font-size: 0.9em; }
details { margin-top: 0.3em; font-size: 0.85em; }
table.actions td { border: none; padding: 0 0.4em; }
.legend { font-size: 0.85em; color: #555; margin: 0.8em 0; }
</style>
</head>
<body data-lanes="{{len .Nodes}}" data-steps="{{len .Steps}}">
<h1>{{.Title}}</h1>
<p class="legend">One lane per node, one column per step. Hatched: fenced in that step; grey: offline. Outage figures are estimates (upper bounds from the configured timeouts).</p>
<table class="timeline">
<thead><tr><th></th>
{{range .Steps}}<th class="step"><span class="name">{{.Index}}. {{.Name}}</span><span class="{{if .Quorate}}quorate{{else}}inquorate{{end}}">{{if .Quorate}}quorate{{else}}NOT quorate{{end}}</span>
{{if .Fenced}}<br><span class="bad">fenced: {{.Fenced}}</span>{{end}}
{{if .Actions}}<details><summary>{{len .Actions}} actions</summary><table class="actions">{{range .Actions}}<tr><td>{{.}}</td></tr>{{end}}</table></details>{{end}}
{{if .Outage}}<details><summary>outage (estimate)</summary><table class="actions">{{range .Outage}}<tr><td>{{.}}</td></tr>{{end}}</table></details>{{end}}
{{if .Asserts}}<ul class="asserts">{{range .Asserts}}<li class="{{if .OK}}good{{else}}bad{{end}}">{{if .OK}}&#10003;{{else}}&#10007;{{end}} {{.Expect}}{{if not .OK}}: {{.Message}}{{end}}</li>{{end}}</ul>{{end}}
</th>{{end}}
</tr></thead>
<tbody>
{{range $n := .Nodes}}<tr class="lane"><th class="node">{{$n.Name}}</th>{{range $n.Cells}}<td class="{{.Class}}">{{range .Rscs}}<span class="rsc {{.Role}}" title="{{.Role}}">{{.ID}}{{if ne .Role "Started"}} ({{.Role}}){{end}}</span>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
<p class="legend">{{.Summary}}</p>
<script>
document.body.setAttribute("data-rendered", "lanes=" + document.querySelectorAll("tr.lane").length + " steps=" + document.querySelectorAll("th.step").length);
</script>
</body>
</html>
`

// htmlTmpl is parsed on first use: parsing a template is start-up cost
// every hakit command would pay.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(htmlPage))
})

type htmlRsc struct{ ID, Role string }
type htmlCell struct {
	Class string
	Rscs  []htmlRsc
}
type htmlNode struct {
	Name  string
	Cells []htmlCell
}
type htmlStep struct {
	Index           int
	Name            string
	Quorate         bool
	Fenced          string
	Actions, Outage []string
	Asserts         []Assertion
}

// WriteHTML writes the story as one self-contained page: a timeline with
// a lane per node and a column per step.
func (r *Report) WriteHTML(w io.Writer, title string) error {
	names := map[string]bool{}
	for _, s := range r.Steps {
		for n := range s.Placement.Nodes {
			names[n] = true
		}
	}
	var nodes []string
	for n := range names {
		nodes = append(nodes, n)
	}
	sort.Strings(nodes)
	data := struct {
		Title, Summary string
		Nodes          []htmlNode
		Steps          []htmlStep
	}{Title: title}
	for i, s := range r.Steps {
		hs := htmlStep{Index: i + 1, Name: s.Name, Quorate: s.Quorate, Fenced: strings.Join(s.Fenced, ", "), Asserts: s.Assertions}
		for _, a := range s.Actions {
			hs.Actions = append(hs.Actions, actionWords(a))
		}
		for _, o := range s.Outage {
			hs.Outage = append(hs.Outage, fmt.Sprintf("%s: %gs = detection %gs + fencing %gs + stop %gs + start %gs", o.Resource, o.Seconds, o.Detection, o.Fencing, o.Stop, o.Start))
		}
		data.Steps = append(data.Steps, hs)
	}
	for _, n := range nodes {
		hn := htmlNode{Name: n}
		for _, s := range r.Steps {
			c := htmlCell{}
			switch st := s.Placement.Nodes[n]; {
			case contains(s.Fenced, n):
				c.Class = "fenced"
			case st != "online" && st != "standby" && st != "maintenance":
				c.Class = "offline"
			}
			var keys []string
			for k := range s.Placement.Resources {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				var roles []string
				for role := range s.Placement.Resources[k] {
					roles = append(roles, role)
				}
				sort.Strings(roles)
				for _, role := range roles {
					for _, on := range s.Placement.Resources[k][role] {
						if on == n {
							c.Rscs = append(c.Rscs, htmlRsc{k, role})
						}
					}
				}
			}
			hn.Cells = append(hn.Cells, c)
		}
		data.Nodes = append(data.Nodes, hn)
	}
	failed, total := r.Failed()
	data.Summary = fmt.Sprintf("%d of %d assertions hold.", total-failed, total)
	return htmlTmpl().Execute(w, data)
}
