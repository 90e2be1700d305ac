package verify

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"hakit/model"
)

// ConfigFileName is the name of the configuration file looked up from the
// current directory upward.
const ConfigFileName = ".hakit.yaml"

// Config is what the engine needs to know besides the inputs: which rules
// run, at what severity, and which findings are suppressed. The zero value
// (or nil) runs every rule at its default severity.
//
// The configuration file, .hakit.yaml:
//
//	enable: [HA1003]            # IDs or globs (HA1*), re-enabling what disable turned off
//	disable: ["HA2*", HA1902]   # IDs or globs
//	severity: {HA1003: error}   # info, warning, error, or off (= disable)
//	fail-on: warning            # info, warning or error (default error)
//	ignore:
//	  - rule: HA1001            # ID or glob
//	    path: "lab/*.xml"       # glob on the input path; ** spans directories
//	    reason: lab clusters have no fencing hardware
//
// Rules marked Off run only when an enable pattern (or --enable) names
// them. When an ID matches several enable/disable patterns, the most specific
// pattern wins (an exact ID beats HA1*, which beats HA*); between equally
// specific patterns the command line beats the file and disable beats enable.
type Config struct {
	// Path is the file the configuration was read from, "" if none.
	Path string
	// Enable and Disable come from the file; CLIEnable and CLIDisable from
	// --enable and --disable, which take precedence over the file.
	Enable, Disable       []string
	CLIEnable, CLIDisable []string
	// Severity overrides a rule's severity; keys are IDs or globs.
	Severity map[string]string
	// FailOn is the lowest severity that makes `hakit verify` exit 1; zero
	// means error.
	FailOn model.Severity
	// Ignore suppresses findings by rule and path.
	Ignore []*Ignore
	// CheckModes makes file-mode rules (HA5011) errors wherever the file
	// lies (--check-modes): the files given are the installed ones.
	CheckModes bool
	// Target is the Pacemaker release the configuration must run on
	// (--target), e.g. "pacemaker-3.0"; "" means what the CIB declares.
	Target string
}

// Ignore is one entry of the configuration's ignore list.
type Ignore struct {
	Rule   string
	Path   string
	Reason string
	// Range is where the entry sits in the configuration file.
	Range model.Range
}

type configFile struct {
	Enable   []string          `yaml:"enable"`
	Disable  []string          `yaml:"disable"`
	Severity map[string]string `yaml:"severity"`
	FailOn   string            `yaml:"fail-on"`
	Ignore   []struct {
		Rule   string `yaml:"rule"`
		Path   string `yaml:"path"`
		Reason string `yaml:"reason"`
	} `yaml:"ignore"`
}

// FindConfig looks for ConfigFileName in dir and its parents and returns
// its path, or "" when there is none.
func FindConfig(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", ConfigFileName, err)
	}
	for {
		p := filepath.Join(dir, ConfigFileName)
		st, err := os.Stat(p)
		if err == nil && !st.IsDir() {
			return p, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("finding %s: %w", ConfigFileName, err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// LoadConfig reads a configuration file. Unknown keys, bad severities and
// entries naming no rule are errors: a configuration that silently does
// nothing is worse than one that fails.
func LoadConfig(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	return ParseConfig(src, path)
}

// ParseConfig reads a configuration from src; path names it in errors and
// in findings about it.
func ParseConfig(src []byte, path string) (*Config, error) {
	cfg := &Config{Path: path}
	if len(bytes.TrimSpace(src)) == 0 {
		return cfg, nil
	}
	var cf configFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&cf); err != nil {
		return nil, fmt.Errorf("%s: %s", path, configError(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cfg.Enable, cfg.Disable, cfg.Severity = cf.Enable, cf.Disable, cf.Severity
	if cf.FailOn != "" {
		s, err := model.ParseSeverity(cf.FailOn)
		if err != nil {
			return nil, fmt.Errorf("%s: fail-on: %w", path, err)
		}
		cfg.FailOn = s
	}
	items := ignoreNodes(&doc)
	for i, e := range cf.Ignore {
		ig := &Ignore{Rule: e.Rule, Path: e.Path, Reason: strings.TrimSpace(e.Reason), Range: model.Range{Filename: path}}
		if i < len(items) {
			n := items[i]
			ig.Range.Start = model.Pos{Line: n.Line, Column: n.Column}
			ig.Range.End = model.Pos{Line: n.Line, Column: n.Column + 1}
		}
		if ig.Rule == "" {
			return nil, fmt.Errorf("%s:%d: ignore entry has no rule", path, ig.Range.Start.Line)
		}
		cfg.Ignore = append(cfg.Ignore, ig)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

var configKeys = []string{"enable", "disable", "severity", "fail-on", "ignore"}

// configError rewords yaml's decoding errors for people: unknown keys are
// named with the valid ones, Go type names are left out.
func configError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if i := strings.Index(l, " not found in type "); i >= 0 && strings.Contains(l, "field ") {
			f := l[strings.Index(l, "field ")+len("field ") : i]
			prefix := l[:strings.Index(l, "field ")]
			where := "ignore entries take rule, path and reason"
			if !strings.Contains(l[i:], "struct") {
				where = "valid: " + strings.Join(configKeys, ", ")
			}
			l = fmt.Sprintf("%sunknown key %q (%s)", prefix, f, where)
			if s := Suggest(f, append(configKeys, "rule", "path", "reason")); s != "" {
				l += fmt.Sprintf("; did you mean %s?", s)
			}
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "; ")
}

// ignoreNodes returns the nodes of the items of the top-level "ignore"
// sequence, for their line numbers.
func ignoreNodes(doc *yaml.Node) []*yaml.Node {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "ignore" && m.Content[i+1].Kind == yaml.SequenceNode {
			return m.Content[i+1].Content
		}
	}
	return nil
}

// Validate checks that every pattern names a well-formed ID or glob, that
// exact IDs are registered, and that severities are valid.
func (c *Config) Validate() error {
	if c == nil {
		return nil
	}
	check := func(what string, pats []string) error {
		for _, p := range pats {
			if err := checkPattern(p); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
		}
		return nil
	}
	for _, x := range []struct {
		what string
		pats []string
	}{{"enable", c.Enable}, {"disable", c.Disable}, {"--enable", c.CLIEnable}, {"--disable", c.CLIDisable}} {
		if err := check(x.what, x.pats); err != nil {
			return err
		}
	}
	keys := make([]string, 0, len(c.Severity))
	for k := range c.Severity {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := checkPattern(k); err != nil {
			return fmt.Errorf("severity: %w", err)
		}
		if v := c.Severity[k]; !strings.EqualFold(v, "off") {
			if _, err := model.ParseSeverity(v); err != nil {
				return fmt.Errorf("severity of %s: unknown severity %q (valid: info, warning, error, off)", k, v)
			}
		}
	}
	for _, ig := range c.Ignore {
		if err := checkPattern(ig.Rule); err != nil {
			return fmt.Errorf("ignore: %w", err)
		}
		if ig.Path != "" {
			if _, err := filepath.Match(strings.ReplaceAll(ig.Path, "**", "*"), ""); err != nil {
				return fmt.Errorf("ignore: bad path pattern %q: %w", ig.Path, err)
			}
		}
	}
	return nil
}

// checkPattern accepts a registered ID or a glob.
func checkPattern(p string) error {
	if p == "" {
		return errors.New("empty rule pattern")
	}
	if isGlob(p) {
		if _, err := filepath.Match(p, ""); err != nil {
			return fmt.Errorf("bad rule pattern %q: %w", p, err)
		}
		return nil
	}
	if _, ok := Lookup(strings.ToUpper(p)); !ok {
		msg := fmt.Sprintf("unknown rule %q", p)
		if s := suggestRule(p); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		return errors.New(msg + "; 'hakit rules' lists them")
	}
	return nil
}

func suggestRule(p string) string {
	var ids []string
	for _, r := range Rules() {
		ids = append(ids, r.ID)
	}
	return Suggest(strings.ToUpper(p), ids)
}

func isGlob(p string) bool { return strings.ContainsAny(p, "*?[") }

// matchRule reports whether pattern (an ID or a glob) matches id.
func matchRule(pattern, id string) bool {
	pattern = strings.ToUpper(pattern)
	if !isGlob(pattern) {
		return pattern == id
	}
	ok, _ := filepath.Match(pattern, id)
	return ok
}

// specificity ranks patterns: the more literal characters, the more
// specific; an exact ID beats every glob.
func specificity(pattern string) int {
	if !isGlob(pattern) {
		return 1000
	}
	n := 0
	for _, r := range pattern {
		if r != '*' && r != '?' && r != '[' && r != ']' {
			n++
		}
	}
	return n
}

// Enabled reports whether findings with code id are reported.
func (c *Config) Enabled(id string) bool {
	def := true
	if r, ok := Lookup(id); ok && r.Off {
		def = false
	}
	if c == nil {
		return def
	}
	if v, ok := c.severityFor(id); ok && strings.EqualFold(v, "off") {
		return false
	}
	best, bestRank, enabled := -1, -1, def
	consider := func(pats []string, on bool, rank int) {
		for _, p := range pats {
			if !matchRule(p, id) {
				continue
			}
			s := specificity(p)
			if s > best || (s == best && rank > bestRank) {
				best, bestRank, enabled = s, rank, on
			}
		}
	}
	// rank orders equally specific patterns: CLI over file, disable over
	// enable.
	consider(c.Enable, true, 0)
	consider(c.Disable, false, 1)
	consider(c.CLIEnable, true, 2)
	consider(c.CLIDisable, false, 3)
	return enabled
}

// severityFor returns the configured severity of id (most specific key).
func (c *Config) severityFor(id string) (string, bool) {
	if c == nil || len(c.Severity) == 0 {
		return "", false
	}
	best, val, found := -1, "", false
	keys := make([]string, 0, len(c.Severity))
	for k := range c.Severity {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if matchRule(k, id) && specificity(k) > best {
			best, val, found = specificity(k), c.Severity[k], true
		}
	}
	return val, found
}

// SeverityOf returns the severity findings of id are reported at when they
// were found at def.
func (c *Config) SeverityOf(id string, def model.Severity) model.Severity {
	if v, ok := c.severityFor(id); ok {
		if s, err := model.ParseSeverity(v); err == nil {
			return s
		}
	}
	return def
}

// FailLevel is the severity at which `hakit verify` fails (default error).
func (c *Config) FailLevel() model.Severity {
	if c == nil || c.FailOn == 0 {
		return model.SeverityError
	}
	return c.FailOn
}

// Failing reports whether any finding is at or above level.
func Failing(ds model.Diagnostics, level model.Severity) bool {
	for _, d := range ds {
		if d.Severity >= level {
			return true
		}
	}
	return false
}

// matchPath matches an ignore entry's path glob against a finding's file:
// against the path as given, and, for a pattern without a slash, against
// its base name too. "**" matches any number of directories.
func matchPath(pattern, file string) bool {
	if pattern == "" {
		return true
	}
	file = filepath.ToSlash(filepath.Clean(file))
	pattern = filepath.ToSlash(pattern)
	if !strings.Contains(pattern, "/") {
		if ok, _ := filepath.Match(pattern, filepath.Base(file)); ok {
			return true
		}
	}
	return globMatch(strings.Split(pattern, "/"), strings.Split(file, "/"))
}

func globMatch(pat, parts []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(parts); i++ {
				if globMatch(pat[1:], parts[i:]) {
					return true
				}
			}
			return false
		}
		if len(parts) == 0 {
			return false
		}
		if ok, _ := filepath.Match(pat[0], parts[0]); !ok {
			return false
		}
		pat, parts = pat[1:], parts[1:]
	}
	return len(parts) == 0
}
