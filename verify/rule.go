package verify

import (
	"fmt"
	"sort"
	"sync"

	"hakit/model"
)

// Rule is one check: its identity, its documentation and its function, side
// by side. Rules are values registered from the file of their family.
type Rule struct {
	// ID is stable and grouped by family, e.g. "HA1001" (fencing and
	// cluster options). It is never reused.
	ID    string
	Title string
	// Doc is Markdown: what the rule finds and why it matters, then a bad
	// and a good example.
	Doc      string
	Severity model.Severity
	// Since is the hakit version that introduced the rule.
	Since string
	Check func(p *Pass)
	// Off marks an opt-in rule: it runs only when enabled by the
	// configuration's enable list or --enable.
	Off bool
}

// Input is one file as the rules see it.
type Input struct {
	Filename string
	// Format is the registry name of the format it was read as ("cib",
	// "crm", "corosync", ...).
	Format  string
	Src     []byte
	Cluster *model.Cluster
	// Diagnostics are what the parser reported for this file. The engine
	// treats them like rule findings: enable/disable, severities and
	// suppressions apply to them too.
	Diagnostics model.Diagnostics
}

// Pass is what a rule's Check receives: all inputs checked together, their
// merged view, and a way to report.
type Pass struct {
	Rule   *Rule
	Inputs []*Input
	// Merged is every input merged into one cluster (see parsers.Merge).
	Merged *model.Cluster
	// Config is the run's configuration; nil when a test builds a Pass itself.
	Config *Config

	mu    sync.Mutex
	diags model.Diagnostics
}

// Reportf reports a finding of p.Rule at r.
func (p *Pass) Reportf(r model.Range, format string, args ...any) *model.Diagnostic {
	rr := r
	d := &model.Diagnostic{Severity: p.Rule.Severity, Code: p.Rule.ID, Summary: fmt.Sprintf(format, args...), Subject: &rr}
	p.mu.Lock()
	p.diags = append(p.diags, d)
	p.mu.Unlock()
	return d
}

// Diagnostics returns what the pass reported.
func (p *Pass) Diagnostics() model.Diagnostics { return p.diags }

var (
	regMu    sync.Mutex
	registry = make(map[string]*Rule, 512) // sized once: about 300 rules

	// pending holds each family file's registration, queued from its init
	// and run once, on the first Rules or Lookup: building ~300 Rule values
	// and their Markdown docs is start-up cost that `hakit version` or
	// `hakit convert` should not pay (issue 16 item 5).
	pending  []func()
	loadOnce sync.Once
)

// registerLazy queues a family file's registration; call it from init.
func registerLazy(f func()) { pending = append(pending, f) }

// load runs the queued registrations, once, in the order they were queued.
func load() {
	loadOnce.Do(func() {
		for _, f := range pending {
			f()
		}
		pending = nil
	})
}

// Register adds rules to the registry; each family file calls it from the
// function it passes to registerLazy. A duplicate ID panics when the
// registry is first used, which the registry test catches.
func Register(rules ...*Rule) {
	regMu.Lock()
	defer regMu.Unlock()
	for _, r := range rules {
		if _, dup := registry[r.ID]; dup {
			panic("verify: duplicate rule ID " + r.ID)
		}
		registry[r.ID] = r
	}
}

// Rules returns every registered rule sorted by ID.
func Rules() []*Rule {
	load()
	regMu.Lock()
	defer regMu.Unlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with id.
func Lookup(id string) (*Rule, bool) {
	load()
	regMu.Lock()
	defer regMu.Unlock()
	r, ok := registry[id]
	return r, ok
}
