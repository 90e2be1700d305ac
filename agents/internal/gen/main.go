package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"hakit/agents/internal/snapshot"
)

// packages whose versions the snapshot records.
var packages = []string{
	"resource-agents", "pacemaker-resource-agents", "fence-agents",
	"drbd-utils", "pacemaker", "pacemaker-cli-utils",
}

// daemons whose metadata holds cluster options, in the order they are read.
var optionDaemons = []string{"pacemaker-based", "pacemaker-controld", "pacemaker-schedulerd"}

type config struct {
	out       string
	ocfRoot   string
	fenceGlob string
	pcmkDirs  []string
	timeout   time.Duration
	jobs      int
	log       io.Writer // progress and skipped agents
}

func main() {
	var c config
	var pcmkDir string
	flag.StringVar(&c.out, "o", "snapshot.json", "output `file`; a .gz name is gzip-compressed")
	flag.StringVar(&c.ocfRoot, "ocf-root", "/usr/lib/ocf", "OCF_ROOT holding resource.d/<provider>/<type>")
	flag.StringVar(&c.fenceGlob, "fence", "/usr/sbin/fence_*", "glob of the fence agents")
	flag.StringVar(&pcmkDir, "pacemaker-dir", "", "directory of the Pacemaker daemons (default: /usr/lib/pacemaker or /usr/libexec/pacemaker)")
	flag.DurationVar(&c.timeout, "timeout", 10*time.Second, "time limit for one meta-data run")
	flag.IntVar(&c.jobs, "j", 4, "meta-data runs at once")
	flag.Parse()
	c.pcmkDirs = []string{"/usr/lib/pacemaker", "/usr/libexec/pacemaker"}
	c.log = os.Stderr
	if pcmkDir != "" {
		c.pcmkDirs = []string{pcmkDir}
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(c config) error {
	var f snapshot.File
	f.Info.OS = osName()
	f.Info.Packages = packageVersions()

	jobs, err := listAgents(c)
	if err != nil {
		return err
	}
	results := make([]result, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(c.jobs, 1))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = j.run(c.timeout)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.err != nil {
			f.Info.Skipped = append(f.Info.Skipped, jobs[i].id())
			fmt.Fprintf(c.log, "gen: skipped %s: %v\n", jobs[i].id(), r.err)
			continue
		}
		f.Agents = append(f.Agents, r.agent)
	}
	if len(f.Agents) == 0 {
		return errors.New("no agent metadata found; are resource-agents and fence-agents installed?")
	}

	f.Options, f.Fencer = daemonMetadata(c)
	if len(f.Options) == 0 {
		fmt.Fprintln(c.log, "gen: warning: no cluster options found; is pacemaker installed?")
	}
	if len(f.Fencer) == 0 {
		fmt.Fprintln(c.log, "gen: warning: no fencer parameters found; is pacemaker installed?")
	}

	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, &f); err != nil {
		return err
	}
	data := buf.Bytes()
	if strings.HasSuffix(c.out, ".gz") {
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression) // zero header: no name, no mtime
		zw.Write(data)
		if err := zw.Close(); err != nil {
			return fmt.Errorf("compress: %w", err)
		}
		data = z.Bytes()
	}
	if err := writeFile(c.out, data); err != nil {
		return err
	}
	fmt.Fprintf(c.log, "gen: wrote %s (%d bytes): %s, %d cluster options, %d fencer params, %d skipped\n",
		c.out, len(data), summary(f.Agents), len(f.Options), len(f.Fencer), len(f.Info.Skipped))
	return nil
}

// job is one agent to ask for its metadata.
type job struct {
	class, provider, typ string
	path                 string
	args                 []string
	env                  []string
}

type result struct {
	agent snapshot.Agent
	err   error
}

func (j job) id() string {
	if j.provider == "" {
		return j.class + ":" + j.typ
	}
	return j.class + ":" + j.provider + ":" + j.typ
}

func (j job) run(timeout time.Duration) result {
	out, err := metadata(timeout, j.env, j.path, j.args...)
	if err != nil {
		return result{err: err}
	}
	a, err := parseAgent(j.class, j.provider, j.typ, out)
	return result{agent: a, err: err}
}

// listAgents finds the OCF and fence agents, sorted by class, provider, type.
func listAgents(c config) ([]job, error) {
	var jobs []job
	env := []string{"OCF_ROOT=" + c.ocfRoot}
	base := filepath.Join(c.ocfRoot, "resource.d")
	providers, err := os.ReadDir(base)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("list OCF providers: %w", err)
	}
	for _, p := range providers {
		dir := filepath.Join(base, p.Name())
		if strings.HasPrefix(p.Name(), ".") || !isDir(dir) {
			continue
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("list OCF agents: %w", err)
		}
		for _, e := range ents {
			path := filepath.Join(dir, e.Name())
			if strings.HasPrefix(e.Name(), ".") || !isExecutable(path) {
				continue // .ocf-shellfuncs, drbd.shellfuncs.sh and the like
			}
			jobs = append(jobs, job{class: "ocf", provider: p.Name(), typ: e.Name(),
				path: path, args: []string{"meta-data"}, env: env})
		}
	}
	fences, err := filepath.Glob(c.fenceGlob)
	if err != nil {
		return nil, fmt.Errorf("list fence agents: %w", err)
	}
	for _, path := range fences {
		if !isExecutable(path) {
			continue
		}
		jobs = append(jobs, job{class: "stonith", typ: filepath.Base(path),
			path: path, args: []string{"-o", "metadata"}})
	}
	slices.SortFunc(jobs, func(a, b job) int {
		return cmp.Or(cmp.Compare(a.class, b.class), cmp.Compare(a.provider, b.provider), cmp.Compare(a.typ, b.typ))
	})
	return jobs, nil
}

// daemonMetadata reads the cluster options and the fencer's device
// parameters. Options several daemons share (no-quorum-policy,
// shutdown-lock) are kept once, with the daemons joined by commas.
func daemonMetadata(c config) ([]snapshot.Option, []snapshot.Param) {
	var opts []snapshot.Option
	for _, d := range optionDaemons {
		o, _, err := daemon(c, d)
		if err != nil {
			fmt.Fprintf(c.log, "gen: %s metadata: %v\n", d, err)
			continue
		}
		opts = mergeOptions(opts, o)
	}
	if len(opts) == 0 { // Pacemaker 3 dropped the daemons' metadata action
		out, err := metadata(c.timeout, nil, "crm_attribute", "--list-options=cluster", "--all", "--output-as=xml")
		if err == nil {
			o, _, err := parseDaemon("cluster-options", out)
			if err == nil {
				opts = mergeOptions(opts, o)
			}
		}
	}
	_, fencer, err := daemon(c, "pacemaker-fenced")
	if err != nil {
		fmt.Fprintf(c.log, "gen: pacemaker-fenced metadata: %v\n", err)
		out, err := metadata(c.timeout, nil, "crm_resource", "--list-options=fencing", "--all", "--output-as=xml")
		if err == nil {
			_, fencer, _ = parseDaemon("fencing", out)
		}
	}
	return opts, fencer
}

func daemon(c config, name string) ([]snapshot.Option, []snapshot.Param, error) {
	var errs []error
	for _, dir := range c.pcmkDirs {
		path := filepath.Join(dir, name)
		if !isExecutable(path) {
			continue
		}
		out, err := metadata(c.timeout, nil, path, "metadata")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		return parseDaemon(name, out)
	}
	if len(errs) == 0 {
		return nil, nil, fmt.Errorf("not found in %s", strings.Join(c.pcmkDirs, ", "))
	}
	return nil, nil, errors.Join(errs...)
}

func mergeOptions(have, add []snapshot.Option) []snapshot.Option {
	for _, o := range add {
		i := slices.IndexFunc(have, func(h snapshot.Option) bool { return h.Name == o.Name })
		if i < 0 {
			have = append(have, o)
			continue
		}
		if !slices.Contains(strings.Split(have[i].Daemon, ","), o.Daemon) {
			ds := append(strings.Split(have[i].Daemon, ","), o.Daemon)
			slices.Sort(ds)
			have[i].Daemon = strings.Join(ds, ",")
		}
	}
	return have
}

// metadata runs one command with a timeout, stdin from /dev/null, a C
// locale and extra environment, and returns its standard output.
func metadata(timeout time.Duration, env []string, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	ownGroup(cmd)
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("timed out after %s", timeout)
	}
	if err != nil {
		msg := clean(stderr.String())
		if len(msg) > 120 {
			msg = msg[:120] + "..."
		}
		if msg != "" {
			return nil, fmt.Errorf("%w: %s", err, msg)
		}
		return nil, err
	}
	return stdout.Bytes(), nil
}

func packageVersions() map[string]string {
	vs := map[string]string{}
	for _, p := range packages {
		out, err := exec.Command("dpkg-query", "-W", "-f", "${db:Status-Status} ${Version}", p).Output()
		if err != nil {
			continue
		}
		if v, ok := strings.CutPrefix(string(out), "installed "); ok && v != "" {
			vs[p] = v
		}
	}
	return vs
}

func osName() string {
	data, err := os.ReadFile("/etc/os-release")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}

func summary(as []snapshot.Agent) string {
	counts := map[string]int{}
	var keys []string
	for _, a := range as {
		k := a.Class
		if a.Provider != "" {
			k += ":" + a.Provider
		}
		if counts[k] == 0 {
			keys = append(keys, k)
		}
		counts[k]++
	}
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, counts[k]))
	}
	return fmt.Sprintf("%d agents (%s)", len(as), strings.Join(parts, ", "))
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".snapshot-*")
	if err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write snapshot: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
}
