package verify

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"hakit/model"
)

// Run checks inputs together: every enabled rule with a Check runs once
// (concurrently with the others) over all inputs and their merged cluster.
// Its findings and the parser diagnostics carried by the inputs then go
// through the configuration — enable/disable, severity overrides, the
// ignore list — and the inline suppressions of the inputs, and come back
// sorted and without duplicates. cfg may be nil.
//
// Run never fails: a rule that panics is reported as HA1900 and the other
// rules' findings are kept. When ctx is cancelled, rules not yet started are
// skipped.
func Run(ctx context.Context, inputs []*Input, cfg *Config) model.Diagnostics {
	var clusters []*model.Cluster
	for _, in := range inputs {
		if in != nil && in.Cluster != nil {
			clusters = append(clusters, in.Cluster)
		}
	}
	merged := model.Merge(clusters...)

	var rules []*Rule
	for _, r := range Rules() {
		if r.Check != nil && cfg.Enabled(r.ID) {
			rules = append(rules, r)
		}
	}

	results := make([]model.Diagnostics, len(rules))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, r := range rules {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = runRule(r, inputs, merged, cfg)
		}()
	}
	wg.Wait()

	var all model.Diagnostics
	for _, in := range inputs {
		if in != nil {
			all = append(all, in.Diagnostics...)
		}
	}
	for _, ds := range results {
		all = append(all, ds...)
	}
	// No finding's text may carry a secret the inputs hold (a fence
	// password quoted in a value check): the findings about an element that
	// holds one have it redacted, by the element's recorded range.
	model.RedactDiagnostics(all, model.SecretsAt(merged))
	return finish(all, inputs, cfg)
}

// runRule runs one rule, turning a panic into an HA1900 finding.
func runRule(r *Rule, inputs []*Input, merged *model.Cluster, cfg *Config) (ds model.Diagnostics) {
	if cfg == nil {
		cfg = &Config{}
	}
	p := &Pass{Rule: r, Inputs: inputs, Merged: merged, Config: cfg}
	defer func() {
		if v := recover(); v != nil {
			at := model.Range{}
			if len(inputs) > 0 && inputs[0] != nil {
				at.Filename = inputs[0].Filename
			}
			stack := string(debug.Stack())
			ds = append(p.Diagnostics(), &model.Diagnostic{
				Severity: model.SeverityError, Code: CodeInternal,
				Summary: fmt.Sprintf("rule %s failed: %v; its findings are incomplete (please report this bug)", r.ID, v),
				Detail:  firstLines(stack, 12),
				Subject: &at,
			})
		}
	}()
	r.Check(p)
	return p.Diagnostics()
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// finish applies the configuration and suppressions, then sorts and
// deduplicates.
func finish(all model.Diagnostics, inputs []*Input, cfg *Config) model.Diagnostics {
	var sups []*suppression
	for _, in := range inputs {
		if in != nil {
			sups = append(sups, scanSuppressions(in.Filename, in.Src)...)
		}
	}
	if cfg != nil {
		for _, ig := range cfg.Ignore {
			sups = append(sups, &suppression{rules: []string{strings.ToUpper(ig.Rule)}, reason: ig.Reason, at: ig.Range, path: ig.Path})
		}
	}

	var out model.Diagnostics
	for _, d := range all {
		if d == nil || !cfg.Enabled(d.Code) {
			continue
		}
		suppressed := false
		for _, s := range sups {
			if s.matches(d) {
				s.used = true
				suppressed = true
			}
		}
		if suppressed {
			continue
		}
		out = append(out, withSeverity(d, cfg))
	}

	// Findings about the suppressions themselves; these cannot be
	// suppressed, only disabled or re-ranked.
	for _, s := range sups {
		for _, d := range suppressionFindings(s, cfg) {
			if cfg.Enabled(d.Code) {
				out = append(out, withSeverity(d, cfg))
			}
		}
	}
	out.Sort()
	return dedup(out)
}

func suppressionFindings(s *suppression, cfg *Config) model.Diagnostics {
	var ds model.Diagnostics
	at := s.at
	mk := func(code, format string, args ...any) {
		r, _ := Lookup(code)
		sev := model.SeverityWarning
		if r != nil {
			sev = r.Severity
		}
		rr := at
		ds = append(ds, &model.Diagnostic{Severity: sev, Code: code, Summary: fmt.Sprintf(format, args...), Subject: &rr})
	}
	what := "suppression"
	if !s.inline {
		what = "ignore entry"
	}
	if len(s.rules) == 0 {
		mk(CodeSuppressionNoReason, "%s names no rule: write \"hakit:ignore ID reason\"", what)
		return ds
	}
	if s.reason == "" {
		mk(CodeSuppressionNoReason, "%s of %s gives no reason", what, strings.Join(s.rules, ","))
	}
	anyEnabled := false
	for _, id := range s.rules {
		if !isGlob(id) {
			if _, ok := Lookup(id); !ok {
				msg := fmt.Sprintf("%s names unknown rule %s", what, id)
				if sg := Suggest(id, ruleIDs()); sg != "" {
					msg += fmt.Sprintf("; did you mean %s?", sg)
				}
				mk(CodeSuppressionUnknownRule, "%s", msg)
				continue
			}
		}
		if ruleEnabledByPattern(id, cfg) {
			anyEnabled = true
		}
	}
	if !s.used && anyEnabled {
		mk(CodeSuppressionUnused, "%s of %s matches no finding; remove it", what, strings.Join(s.rules, ","))
	}
	return ds
}

// ruleEnabledByPattern reports whether some registered rule matching the
// pattern is enabled: a suppression of a disabled rule is not "unused".
func ruleEnabledByPattern(pattern string, cfg *Config) bool {
	for _, r := range Rules() {
		if matchRule(pattern, r.ID) && cfg.Enabled(r.ID) {
			return true
		}
	}
	return false
}

func ruleIDs() []string {
	rs := Rules()
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// withSeverity returns d at its configured severity, copying rather than
// changing a diagnostic that callers may still hold.
func withSeverity(d *model.Diagnostic, cfg *Config) *model.Diagnostic {
	s := cfg.SeverityOf(d.Code, d.Severity)
	if s == d.Severity {
		return d
	}
	cp := *d
	cp.Severity = s
	return &cp
}

// dedup drops repeated findings (same code, severity, place and message) of
// a sorted list.
func dedup(ds model.Diagnostics) model.Diagnostics {
	type key struct {
		code, summary string
		sev           model.Severity
		r             model.Range
	}
	seen := make(map[key]bool, len(ds))
	out := ds[:0]
	for _, d := range ds {
		k := key{code: d.Code, summary: d.Summary, sev: d.Severity}
		if d.Subject != nil {
			k.r = *d.Subject
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}
