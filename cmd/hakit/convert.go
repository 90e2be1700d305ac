package main

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"hakit/convert"
	"hakit/model"
	"hakit/parsers"
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
cluster.sh, corosync.conf, dlm.conf, ha_cluster.yml, cluster.yaml, cluster.json). Files holding secrets
are written 0600. An output is written to a temporary file and renamed, so a failed run
leaves nothing half-written, and an input is never overwritten.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.inputs = args
			return runConvert(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.from, "from", "", "input format (default: detected per file); one of "+strings.Join(parsers.Names(), ", "))
	f.StringVar(&opts.to, "to", "", "output format; one of "+strings.Join(emitterNames(), ", "))
	f.StringVarP(&opts.output, "output", "o", "", "write to this file, or into this directory")
	f.StringArrayVar(&opts.nodeAddrs, "node-addr", nil, "NAME=ADDR[,ADDR...]: a node's address per link, where the input has none (repeatable)")
	f.StringVar(&opts.transport, "transport", "knet", "corosync 3 transport for migrated clusters: knet, udpu or udp")
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

func runConvert(app *App, opts *convertOptions) error {
	em := emitterByName(opts.to)
	if em == nil {
		return exitErr(exitUsage, fmt.Errorf("unknown output format %q (valid: %s)", opts.to, strings.Join(emitterNames(), ", ")))
	}
	switch opts.transport {
	case "knet", "udpu", "udp":
	default:
		return exitErr(exitUsage, fmt.Errorf("unknown transport %q (valid: knet, udpu, udp)", opts.transport))
	}
	if opts.target != "" && !slices.Contains(fix.Targets, opts.target) {
		return exitErr(exitUsage, fmt.Errorf("--target: unknown release %q (valid: %s)", opts.target, strings.Join(fix.Targets, ", ")))
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
	for _, l := range loaded {
		clusters = append(clusters, l.Cluster)
		inputPaths = append(inputPaths, l.Input.Filename)
	}
	c := model.Merge(clusters...)
	secrets := model.SecretsAt(c)
	if diags.HasErrors() {
		writeDiagnostics(app.Stderr, diags, secrets)
		return exitSilently(exitFindings)
	}
	if em.modern {
		var cds model.Diagnostics
		c, cds = convert.Modernize(c, convert.Options{NodeAddrs: addrs, Transport: opts.transport})
		diags = append(diags, cds...)
		if cds.HasErrors() {
			writeDiagnostics(app.Stderr, diags, secrets)
			return exitSilently(exitFindings)
		}
	}
	var buf bytes.Buffer
	eds, err := em.emit(&buf, c, emitOptions{transport: opts.transport})
	if err != nil {
		writeDiagnostics(app.Stderr, diags, secrets)
		return exitErr(exitFindings, fmt.Errorf("writing %s: %w", em.name, err))
	}
	diags = append(diags, eds...)
	if err := convertTarget(app, opts.target, em.name, &buf); err != nil {
		return err
	}
	writeDiagnostics(app.Stderr, diags, secrets)
	if opts.output == "" {
		_, err := app.Stdout.Write(buf.Bytes())
		return err
	}
	mode := os.FileMode(0o644)
	if hasSecrets(c) && em.name != "yaml" && em.name != "json" {
		mode = 0o600
	}
	target := opts.output
	if st, err := os.Stat(target); (err == nil && st.IsDir()) || strings.HasSuffix(target, string(os.PathSeparator)) {
		if err := os.MkdirAll(target, 0o755); err != nil {
			return exitErr(exitUsage, err)
		}
		if len(diags) > 0 {
			var rep bytes.Buffer
			writeDiagnostics(&rep, diags, secrets)
			if err := writeOutput(filepath.Join(target, "hakit-report.txt"), inputPaths, 0o644, copyFrom(rep.Bytes())); err != nil {
				return err
			}
		}
		if err := writeAuthkey(target, c, em, inputPaths); err != nil {
			return err
		}
		target = filepath.Join(target, em.file)
	}
	return writeOutput(target, inputPaths, mode, copyFrom(buf.Bytes()))
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

// writeAuthkey writes a new corosync authkey (256 random bytes, mode 0400)
// into dir when a corosync.conf with crypto is written there and dir has no
// key yet. An existing key is never replaced.
func writeAuthkey(dir string, c *model.Cluster, em *emitter, inputs []string) error {
	if em.name != "corosync" || c.Membership == nil || c.Membership.Crypto == nil {
		return nil
	}
	if cr := c.Membership.Crypto; cr.Cipher == "" || cr.Cipher == "none" {
		return nil
	}
	path := filepath.Join(dir, "authkey")
	if _, err := os.Lstat(path); err == nil {
		return nil
	}
	key := make([]byte, 256)
	if _, err := rand.Read(key); err != nil {
		return exitErr(exitUsage, fmt.Errorf("generating the corosync authkey: %w", err))
	}
	return writeOutput(path, inputs, 0o400, copyFrom(key))
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
