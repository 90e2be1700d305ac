package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"hakit/convert"
	emitcib "hakit/emit/cib"
	"hakit/model"
	"hakit/parsers"
	parsecib "hakit/parsers/cib"
	"hakit/verify"
	"hakit/verify/fix"
)

type convertOptions struct {
	from      string
	to        string
	output    string
	nodeAddrs []string
	transport string
	target    string
	inputs    []string
}

func newConvertCmd(app *App) *cobra.Command {
	opts := &convertOptions{}
	cmd := &cobra.Command{
		Use:   "convert [--from FORMAT] --to FORMAT [-o PATH] INPUT...",
		Short: "Convert cluster configuration between formats",
		Long: `convert reads one cluster from INPUT files (directories expand to their files; "-"
reads standard input) and writes it in the --to format on standard output, or to -o PATH.
Legacy inputs (heartbeat, cluster.conf, corosync 1.x/2.x) are migrated to corosync 3 +
Pacemaker for the targets cib, crm, pcs, corosync and ha-cluster (the variables of the
linux-system-roles ha_cluster Ansible role); yaml and json show the model as read.
Everything that could not be carried over, or that changes behaviour, is reported on
standard error (and as hakit-report.txt when -o names a directory). Nothing is dropped
silently.

With -o DIR, every output goes into DIR under a fixed name (cib.xml, cluster.crm,
cluster.sh, corosync.conf, dlm.conf, ha_cluster.yml, cluster.yaml, cluster.json), and --to may name
several formats separated by commas; a run writes all its files (authkey and report
included) or none. Files holding secrets are written 0600, the pcs script 0755 (0700
when it reads fence passwords). An input is never overwritten.

Each output is built from what it needs: errors in the membership part block corosync
(and pcs) but not cib or crm, and the reverse (in a cluster.conf, <rm> and the fencing
are the configuration part, <cman>, <totem>, <quorumd> and <clusternodes> the membership);
a report line says which outputs were
written and why others were not. The cib, crm and pcs outputs are refused (exit 1)
when Pacemaker's schema would reject the configuration. The pcs script edits a copy
of the live CIB (pcs cluster cib, pcs -f, one pcs cluster cib-push --config at the
end); run it as "sh cluster.sh setup" to create the cluster first.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			return runConvert(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.from, "from", "", "input format (default: detected per file); one of "+strings.Join(parsers.Names(), ", "))
	f.StringVar(&opts.to, "to", "", "output format(s), comma-separated with -o DIR; one of "+strings.Join(emitterNames(), ", "))
	f.StringVarP(&opts.output, "output", "o", "", "write to this file, or into this directory")
	f.StringArrayVar(&opts.nodeAddrs, "node-addr", nil, "NAME=ADDR[,ADDR...]: a node's address per link, where the input has none (repeatable)")
	f.StringVar(&opts.transport, "transport", "", "corosync 3 transport: knet, udpu or udp (default: the input's own; knet for clusters migrated from heartbeat or cman)")
	f.StringVar(&opts.target, "target", "", "Pacemaker release the cib or crm output is for ("+strings.Join(fix.Targets, ", ")+"): rewrites what it removed or renamed, as 'hakit fix --target' does")
	_ = cmd.MarkFlagRequired("to")
	_ = cmd.RegisterFlagCompletionFunc("from", fixedCompletion(parsers.Names()))
	_ = cmd.RegisterFlagCompletionFunc("to", fixedCompletion(emitterNames()))
	_ = cmd.RegisterFlagCompletionFunc("transport", fixedCompletion([]string{"knet", "udpu", "udp"}))
	return cmd
}

func fixedCompletion(values []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// part is what an output is built from, or what a finding is about.
type part uint8

const (
	partConfig     part = 1 << iota // the Pacemaker configuration
	partMembership                  // corosync/heartbeat/cman membership, dlm
	partAll        = partConfig | partMembership
)

func (p part) String() string {
	switch p {
	case partConfig:
		return "the Pacemaker configuration"
	case partMembership:
		return "the membership layer"
	}
	return "the whole cluster"
}

// needs is what target em is built from: the model as read (yaml, json)
// needs all of it.
func needs(em *emitter) part {
	switch em.name {
	case "cib", "crm":
		return partConfig
	case "corosync", "dlm":
		return partMembership
	}
	return partAll
}

// membershipCodes are the converters' findings about the membership only.
var membershipCodes = map[string]bool{"HA5904": true, "HA5905": true}

// diagPart tells which part of the cluster a finding is about: by its
// code, else by the stretch of an input file (regions) or the input file
// it points into.
func diagPart(d *model.Diagnostic, files map[string]part, regions map[string][]region) part {
	if membershipCodes[d.Code] || strings.HasPrefix(d.Code, "HA43") {
		return partMembership
	}
	if d.Code == "HA6955" && strings.Contains(d.Summary, "nodeid") {
		return partMembership
	}
	if d.Subject != nil {
		for _, r := range regions[d.Subject.Filename] {
			if within(d.Subject.Start, r.r) {
				return r.p
			}
		}
		if p, ok := files[d.Subject.Filename]; ok {
			return p
		}
	}
	return partAll
}

// region is a stretch of an input file that feeds one part only.
type region struct {
	r model.Range
	p part
}

func within(at model.Pos, r model.Range) bool {
	before := func(a, b model.Pos) bool { return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column }
	return r.Start.Line > 0 && !before(at, r.Start) && before(at, r.End)
}

// cmanRegions splits a cluster.conf, which feeds both parts: <rm> and the
// fencing (fencedevices, the clusternodes' fence methods and unfence)
// become the Pacemaker configuration; <cman>, <totem>, <quorumd> and the
// rest of <clusternodes> the membership. Elsewhere (the <cluster> element
// itself: its name) a finding is about both.
func cmanRegions(c *model.Cluster) []region {
	if c == nil || c.Membership == nil || c.Membership.CMAN == nil {
		return nil
	}
	m, cm := c.Membership, c.Membership.CMAN
	var rs []region
	add := func(b *model.Base, p part) {
		if b != nil && b.Range.Start.Line > 0 {
			rs = append(rs, region{b.Range, p})
		}
	}
	// The fencing first: it sits inside <clusternodes>.
	for _, n := range cm.Nodes {
		for _, fm := range n.Methods {
			add(&fm.Base, partConfig)
		}
		for _, u := range n.Unfence {
			add(&u.Base, partConfig)
		}
	}
	for _, fd := range m.FenceDevices {
		add(&fd.Base, partConfig)
	}
	if cm.RM != nil {
		add(&cm.RM.Base, partConfig)
	}
	for _, n := range m.Nodes {
		add(&n.Base, partMembership)
	}
	for _, n := range cm.Nodes {
		add(&n.Base, partMembership)
	}
	if cm.Cman != nil {
		add(&cm.Cman.Base, partMembership)
	}
	if cm.Totem != nil {
		add(&cm.Totem.Base, partMembership)
	}
	if m.Quorum != nil && m.Quorum.QDisk != nil {
		add(&m.Quorum.QDisk.Base, partMembership)
	}
	return rs
}

// filePart is what an input file feeds: haresources and CIB/crm/pcs
// configuration feed the Pacemaker configuration, ha.cf, authkeys,
// corosync.conf and dlm.conf the membership, cluster.conf both.
func filePart(l *LoadedInput) part {
	c := l.Cluster
	switch {
	case c == nil:
		return partAll
	case strings.Contains(filepath.Base(l.Input.Filename), "haresources"):
		return partConfig
	case c.Config == nil && c.Membership != nil:
		return partMembership
	case c.Membership == nil && c.Config != nil:
		return partConfig
	}
	return partAll
}

// targetsOf reads --to: one format or several separated by commas.
func targetsOf(to string) ([]*emitter, error) {
	var ems []*emitter
	for _, name := range strings.Split(to, ",") {
		name = strings.TrimSpace(name)
		em := emitterByName(name)
		if em == nil {
			return nil, fmt.Errorf("unknown output format %q (valid: %s)", name, strings.Join(emitterNames(), ", "))
		}
		if !slices.Contains(ems, em) {
			ems = append(ems, em)
		}
	}
	return ems, nil
}

// output is one target's result.
type output struct {
	em   *emitter
	data []byte
	// why it was not written, "" when it was.
	why string
}

func runConvert(app *App, opts *convertOptions) error {
	ems, err := targetsOf(opts.to)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	switch opts.transport {
	case "", "knet", "udpu", "udp":
	default:
		return exitErr(exitUsage, fmt.Errorf("unknown transport %q (valid: knet, udpu, udp)", opts.transport))
	}
	if opts.target != "" && !slices.Contains(fix.Targets, opts.target) {
		return exitErr(exitUsage, fmt.Errorf("--target: unknown release %q (valid: %s)", opts.target, strings.Join(fix.Targets, ", ")))
	}
	toDir := false
	if opts.output != "" {
		st, err := os.Stat(opts.output)
		toDir = err == nil && st.IsDir() || strings.HasSuffix(opts.output, string(os.PathSeparator))
	}
	if len(ems) > 1 && !toDir {
		return exitErr(exitUsage, fmt.Errorf("several --to formats (%s) need -o DIR", opts.to))
	}
	addrs, err := convert.ParseNodeAddrs(opts.nodeAddrs)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	loaded, diags, err := app.loadInputs(opts.inputs, opts.from)
	if err != nil {
		return err
	}
	var clusters []*model.Cluster
	var inputPaths []string
	files := map[string]part{}
	regions := map[string][]region{}
	for _, l := range loaded {
		clusters = append(clusters, l.Cluster)
		inputPaths = append(inputPaths, l.Input.Filename)
		files[l.Input.Filename] = filePart(l)
		if rs := cmanRegions(l.Cluster); rs != nil {
			regions[l.Input.Filename] = rs
		}
	}
	c := model.Merge(clusters...)
	secrets := model.SecretsAt(c)
	modern := c
	if slices.ContainsFunc(ems, func(em *emitter) bool { return em.modern }) {
		var cds model.Diagnostics
		modern, cds = convert.Modernize(c, convert.Options{NodeAddrs: addrs, Transport: opts.transport})
		diags = append(diags, cds...)
	}
	// Which parts have errors, and which finding is about what.
	var broken part
	var brokenCodes [4][]string
	for _, d := range diags {
		if d.Severity == model.SeverityError {
			p := diagPart(d, files, regions)
			broken |= p
			if !slices.Contains(brokenCodes[p], d.Code) {
				brokenCodes[p] = append(brokenCodes[p], d.Code)
			}
		}
	}
	var outs []*output
	var wanted part
	for _, em := range ems {
		o := &output{em: em}
		outs = append(outs, o)
		need := needs(em)
		wanted |= need
		if bad := broken & need; bad != 0 {
			var codes []string
			for _, p := range []part{partConfig, partMembership, partAll} {
				if p&bad != 0 || p == partAll {
					codes = append(codes, brokenCodes[p]...)
				}
			}
			slices.Sort(codes)
			codes = slices.Compact(codes)
			o.why = fmt.Sprintf("errors in %s (%s)", bad, strings.Join(codes, ", "))
			continue
		}
		src := c
		if em.modern {
			src = modern
		}
		var buf bytes.Buffer
		var eds model.Diagnostics
		var err error
		if em.name == "cib" {
			// The schema check reads the CIB back: the one written here,
			// when it is the same document.
			eds, err = emitSafely(em, &buf, src, opts.transport)
			var cib []byte
			if err == nil {
				cib, _ = emitcib.ConfigPart(src, buf.Bytes())
			}
			if why, ds := schemaCheckCIB(src, cib); why != "" {
				diags = append(diags, ds...)
				o.why = why
				continue
			}
		} else if need&partConfig != 0 && em.modern {
			// The schema check and the output are built from the same
			// model, which neither changes: side by side, on two cores.
			done := make(chan struct{})
			go func() {
				defer close(done)
				eds, err = emitSafely(em, &buf, src, opts.transport)
			}()
			why, ds := schemaCheck(src)
			<-done
			if why != "" {
				diags = append(diags, ds...)
				o.why = why
				continue
			}
		} else {
			eds, err = em.emit(&buf, src, emitOptions{transport: opts.transport})
		}
		diags = append(diags, eds...)
		if err != nil {
			o.why = err.Error()
			continue
		}
		if eds.HasErrors() {
			o.why = "the " + em.name + " writer reported errors"
			continue
		}
		if err := convertTarget(app, opts.target, em.name, &buf); err != nil {
			return err
		}
		o.data = buf.Bytes()
	}
	// An error about a part no requested output is built from blocks
	// nothing: it is reported as a warning saying so.
	for i, d := range diags {
		if p := diagPart(d, files, regions); d.Severity == model.SeverityError && p&wanted == 0 {
			nd := *d
			nd.Severity = model.SeverityWarning
			example := "corosync"
			if p == partConfig {
				example = "cib or crm"
			}
			nd.Summary += " (this blocks only the outputs built from " + p.String() + ", such as " + example + "; none was requested)"
			diags[i] = &nd
		}
	}
	var report bytes.Buffer
	writeDiagnostics(&report, diags, secrets)
	failed := slices.ContainsFunc(outs, func(o *output) bool { return o.why != "" })
	for _, o := range outs {
		name := o.em.name
		if toDir {
			name = o.em.file
		}
		switch {
		case o.why != "":
			fmt.Fprintf(&report, "hakit: %s not written: %s\n", name, o.why)
		case failed && toDir:
			fmt.Fprintf(&report, "hakit: %s not written: another output of this run failed\n", name)
		case opts.output != "":
			fmt.Fprintf(&report, "hakit: %s written\n", name)
		}
	}
	if failed && toDir {
		fmt.Fprintf(&report, "hakit: nothing written to %s (-o DIR writes all outputs or none)\n", opts.output)
	}
	_, _ = app.Stderr.Write(report.Bytes())
	if failed {
		return exitSilently(exitFindings)
	}
	if opts.output == "" {
		_, err := app.Stdout.Write(outs[0].data)
		return err
	}
	if !toDir {
		return writeOutput(opts.output, inputPaths, outs[0].em.mode(modern), copyFrom(outs[0].data))
	}
	return writeAll(opts.output, outs, modern, inputPaths, report.Bytes())
}

// emitSafely writes c with em, a panic in the writer turned into an error.
func emitSafely(em *emitter, w io.Writer, c *model.Cluster, transport string) (eds model.Diagnostics, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the %s writer failed: %v", em.name, r)
		}
	}()
	return em.emit(w, c, emitOptions{transport: transport})
}

// schemaChecks are the verify rules for what Pacemaker's schema refuses
// beyond the CIB parser's own HA01xx errors: references to ids that do not
// exist (IDREF), scores and rsc-patterns that are not of their type, a
// location without node or rule.
var schemaChecks = []string{"HA1301", "HA1302", "HA1303", "HA1307"}

// schemaCheck refuses to let the cib, crm and pcs outputs stand for a
// configuration Pacemaker's schema rejects: the configuration is rendered
// as a CIB and read back with the CIB parser (HA01xx errors, positions in
// that CIB), and the schema-level rules run on the model (positions in the
// inputs).
func schemaCheck(c *model.Cluster) (string, model.Diagnostics) {
	return schemaCheckCIB(c, nil)
}

// schemaCheckCIB is schemaCheck reading back cib, that CIB when the caller
// has it already (see emitcib.ConfigPart); nil writes it.
func schemaCheckCIB(c *model.Cluster, cib []byte) (string, model.Diagnostics) {
	if c == nil || c.Config == nil {
		return "", nil
	}
	// The rules read the model, the parser the CIB written from it: side
	// by side (neither changes the model).
	var rds model.Diagnostics
	done := make(chan struct{})
	go func() {
		defer close(done)
		cfg := &verify.Config{CLIDisable: []string{"HA*"}, CLIEnable: schemaChecks}
		rds = verify.Run(context.Background(), []*verify.Input{{Filename: "<converted>", Format: "cib", Cluster: c}}, cfg)
	}()
	if cib == nil {
		var b bytes.Buffer
		if err := emitcib.Emit(&b, &model.Cluster{CIB: c.CIB, Config: c.Config}, emitcib.Options{OmitStatus: true}); err != nil {
			<-done
			return "the configuration cannot be written as a CIB: " + err.Error(), nil
		}
		cib = b.Bytes()
	}
	_, ds := parsecib.Parse(cib, "<converted CIB>")
	<-done
	ds = append(ds, rds...)
	var errs model.Diagnostics
	var codes []string
	for _, d := range ds {
		if d.Severity == model.SeverityError && (strings.HasPrefix(d.Code, "HA01") || slices.Contains(schemaChecks, d.Code)) {
			errs = append(errs, d)
			if !slices.Contains(codes, d.Code) {
				codes = append(codes, d.Code)
			}
		}
	}
	if len(errs) == 0 {
		return "", nil
	}
	slices.Sort(codes)
	return "Pacemaker's schema would refuse the converted configuration (" + strings.Join(codes, ", ") + ")", errs
}

// mode is the file mode of em's output for c: 0600 when it holds secrets,
// a pcs script executable (0700 when it reads fence passwords).
func (em *emitter) mode(c *model.Cluster) os.FileMode {
	// yaml and json redact secrets; ha-cluster writes vault references.
	secret := hasSecrets(c) && em.name != "yaml" && em.name != "json" && em.name != "ha-cluster"
	switch {
	case em.name == "pcs" && secret:
		return 0o700
	case em.name == "pcs":
		return 0o755
	case secret:
		return 0o600
	}
	return 0o644
}

// writeAll writes every output, the corosync authkey and the report into
// dir; when one fails, the files of this run are removed again.
func writeAll(dir string, outs []*output, c *model.Cluster, inputs []string, report []byte) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return exitErr(exitUsage, err)
	}
	var written []string
	defer func() {
		if err != nil {
			for _, f := range written {
				os.Remove(f)
			}
		}
	}()
	put := func(path string, mode os.FileMode, data []byte) error {
		if _, err := os.Lstat(path); err == nil {
			// Replaced, not created: a failed run cannot restore it, so it
			// is not removed either.
		} else {
			defer func() { written = append(written, path) }()
		}
		return writeOutput(path, inputs, mode, copyFrom(data))
	}
	for _, o := range outs {
		if err := put(filepath.Join(dir, o.em.file), o.em.mode(c), o.data); err != nil {
			return err
		}
		if o.em.name == "corosync" {
			key, err := newAuthkey(dir, c)
			if err != nil {
				return err
			}
			if key != nil {
				if err := put(filepath.Join(dir, "authkey"), 0o400, key); err != nil {
					return err
				}
			}
		}
	}
	return put(filepath.Join(dir, "hakit-report.txt"), 0o644, report)
}

func copyFrom(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

// writeDiagnostics prints diagnostics one per line, sorted, in the text form
// file:line:col: severity: CODE: summary, each detail indented below its
// line, with secrets masked.
func writeDiagnostics(w io.Writer, ds model.Diagnostics, secrets []model.SecretAt) {
	ds = append(model.Diagnostics(nil), ds...)
	model.RedactDiagnostics(ds, secrets)
	ds.Sort()
	for _, d := range ds {
		fmt.Fprintln(w, d.Error())
		if d.Detail != "" {
			for _, l := range strings.Split(strings.TrimRight(d.Detail, "\n"), "\n") {
				if l != "" {
					l = "    " + l
				}
				fmt.Fprintln(w, l)
			}
		}
	}
}

// newAuthkey returns a new corosync authkey (256 random bytes) when a
// corosync.conf with crypto is written into dir and dir has no key yet (an
// existing key is never replaced), else nil.
func newAuthkey(dir string, c *model.Cluster) ([]byte, error) {
	if c.Membership == nil || c.Membership.Crypto == nil {
		return nil, nil
	}
	if cr := c.Membership.Crypto; cr.Cipher == "" || cr.Cipher == "none" {
		return nil, nil
	}
	if _, err := os.Lstat(filepath.Join(dir, "authkey")); err == nil {
		return nil, nil
	}
	key := make([]byte, 256)
	if _, err := rand.Read(key); err != nil {
		return nil, exitErr(exitUsage, fmt.Errorf("generating the corosync authkey: %w", err))
	}
	return key, nil
}

// convertTarget applies 'hakit fix --target' to a cib or crm output; other
// outputs are left as they are.
func convertTarget(app *App, target, format string, buf *bytes.Buffer) error {
	if target == "" {
		return nil
	}
	var res *fix.Result
	var err error
	switch format {
	case "cib":
		res, err = fix.CIB(buf.Bytes(), fix.Options{Target: target})
	case "crm":
		res, err = fix.CRM(buf.Bytes(), fix.Options{Target: target})
	default:
		return nil
	}
	if err != nil {
		return exitErr(exitFindings, fmt.Errorf("--target: %w", err))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(app.Stderr, "hakit: --target: output line %d: %s\n", n.Line, n.What)
	}
	buf.Reset()
	buf.Write(res.Out)
	return nil
}
