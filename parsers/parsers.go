// Package parsers is the front door to hakit's input formats: their names,
// detection by file name and content, and one registry. Each format lives in
// a package of its own below this one (parsers/cib, parsers/crmsh, ...) with
// Parse(src []byte, filename string) (*model.Cluster, model.Diagnostics).
//
// This package reads files (ReadFile, Expand) but never prints and never
// exits.
package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"hakit/model"
)

// Input is one file's bytes with what the file system said of it.
type Input struct {
	Filename string
	Src      []byte
	// Mode is the file's permission bits; HasMode is false for stdin.
	Mode    fs.FileMode
	HasMode bool
}

// Format is one input format.
type Format struct {
	// Name is the --from name ("cib", "crm", "pcs", "corosync", "dlm",
	// "heartbeat", "cluster.conf").
	Name    string
	Aliases []string
	Summary string
	// Detect scores how likely in is of this format: 0 never, 100 certain.
	// Detection by name scores 60-90, by content up to 100.
	Detect func(in *Input) int
	Parse  func(in *Input) (*model.Cluster, model.Diagnostics)
}

var formats []*Format

// register adds a format; called from the init of registry.go.
func register(f *Format) { formats = append(formats, f) }

// Formats returns the registered formats sorted by name.
func Formats() []*Format {
	out := append([]*Format(nil), formats...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names lists the valid format names.
func Names() []string {
	var ns []string
	for _, f := range Formats() {
		ns = append(ns, f.Name)
	}
	return ns
}

// ByName finds a format by name or alias. An unknown name is an error that
// lists the valid ones.
func ByName(name string) (*Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
		for _, a := range f.Aliases {
			if a == name {
				return f, nil
			}
		}
	}
	return nil, fmt.Errorf("unknown format %q (valid: %s)", name, strings.Join(Names(), ", "))
}

// Detect picks the format of in by name and content. A score of 100 is
// certain: the formats after it are not asked (no later one could win, and
// some detectors read the whole input — on a 190 MB CIB they cost half a
// second and as many megabytes).
func Detect(in *Input) (*Format, error) {
	var best *Format
	bestScore := 0
	for _, f := range Formats() {
		if f.Detect == nil {
			continue
		}
		if s := f.Detect(in); s > bestScore {
			best, bestScore = f, s
			if s >= 100 {
				break
			}
		}
	}
	if best == nil {
		return nil, fmt.Errorf("%s: cannot tell the format from the name or the content; name it with --from (valid: %s)",
			in.Filename, strings.Join(Names(), ", "))
	}
	return best, nil
}

// DefaultMaxInputSize is the default of MaxInputSize: room for a CIB of
// 10,000 resources on 32 nodes with its operation history (about 190 MB).
const DefaultMaxInputSize = 512 << 20

// MaxInputSize bounds what hakit reads from one input, file or stream, of
// any format. The command line raises it with --max-input-size.
var MaxInputSize int64 = DefaultMaxInputSize

// chunkSize is the block in which inputs are read: a stream of NUL bytes
// (/dev/zero) or any binary stream stops after its first block.
const chunkSize = 64 << 10

// ReadError is an input that could not be read at all (missing, a
// directory, unreadable, too large): exit code 2 territory.
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// ErrTooLarge is the error of an input larger than MaxInputSize.
var ErrTooLarge = errors.New("input too large")

type tooLargeError struct{ limit int64 }

func (e tooLargeError) Error() string {
	return fmt.Sprintf("larger than the input limit of %s: not a configuration file, or raise the limit with --max-input-size", FormatSize(e.limit))
}
func (e tooLargeError) Is(target error) bool { return target == ErrTooLarge }

// ReadFile reads path into an Input, in bounded blocks (see Read).
func ReadFile(path string) (*Input, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &ReadError{path, unwrapPathError(err)}
	}
	if st.IsDir() {
		return nil, &ReadError{path, fmt.Errorf("is a directory")}
	}
	if st.Mode().IsRegular() && st.Size() > MaxInputSize {
		return nil, &ReadError{path, tooLargeError{MaxInputSize}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &ReadError{path, unwrapPathError(err)}
	}
	defer f.Close()
	hint := int64(0)
	if st.Mode().IsRegular() {
		hint = st.Size()
	}
	src, err := read(f, hint)
	if err != nil {
		return nil, &ReadError{path, unwrapPathError(err)}
	}
	return &Input{Filename: path, Src: src, Mode: st.Mode().Perm(), HasMode: true}, nil
}

// Read reads a stream (standard input, a pipe, a device) into an Input
// named filename, with the limits every input has: at most MaxInputSize
// bytes, read in blocks of 64 KiB, and no more blocks once one holds a NUL
// byte — such input is binary, which CheckText then reports with its
// position, so /dev/zero costs one block.
func Read(r io.Reader, filename string) (*Input, error) {
	src, err := read(r, 0)
	if err != nil {
		return nil, &ReadError{filename, err}
	}
	return &Input{Filename: filename, Src: src}, nil
}

func read(r io.Reader, hint int64) ([]byte, error) {
	size := int64(chunkSize)
	if hint > 0 {
		size = min(hint+1, MaxInputSize+1)
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		end := min(cap(buf), len(buf)+chunkSize)
		n, err := r.Read(buf[len(buf):end])
		if n > 0 {
			block := buf[len(buf) : len(buf)+n]
			buf = buf[:len(buf)+n]
			if int64(len(buf)) > MaxInputSize {
				return nil, tooLargeError{MaxInputSize}
			}
			if bytes.IndexByte(block, 0) >= 0 {
				return buf, nil
			}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// ParseSize reads a size as --max-input-size takes it: a number of bytes
// with an optional unit K, M, G (powers of 1024; KiB, MB, ... accepted).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, t[:len(t)-1]
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, t[:len(t)-1]
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, t[:len(t)-1]
	}
	n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("invalid size %q: want a positive number of bytes with an optional K, M or G (e.g. 512M)", s)
	}
	return n * mult, nil
}

// FormatSize writes n bytes the way ParseSize reads them.
func FormatSize(n int64) string {
	switch {
	case n%(1<<30) == 0:
		return fmt.Sprintf("%dG", n>>30)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%dM", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%dK", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// CheckText reports input that no text format can be: empty, binary (NUL
// bytes) or invalid UTF-8. The diagnostic carries code HA0001.
func CheckText(in *Input) *model.Diagnostic {
	at := func(off int, msg string) *model.Diagnostic {
		r := model.NewLineIndex(in.Src).Range(in.Filename, off, off)
		return &model.Diagnostic{Severity: model.SeverityError, Code: CodeUnreadable, Summary: msg, Subject: &r}
	}
	if len(bytes.TrimSpace(in.Src)) == 0 {
		return at(0, "file is empty")
	}
	if i := bytes.IndexByte(in.Src, 0); i >= 0 {
		return at(i, "file is binary (NUL byte), not a configuration file")
	}
	if !utf8.Valid(in.Src) {
		off := 0
		for off < len(in.Src) {
			r, n := utf8.DecodeRune(in.Src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return at(off, "file is not valid UTF-8")
	}
	return nil
}

// CodeUnreadable is the code of content no parser can read.
const CodeUnreadable = "HA0001"

// Parse parses in as format f, or as the detected format when f is nil.
func Parse(in *Input, f *Format) (*Format, *model.Cluster, model.Diagnostics) {
	if d := CheckText(in); d != nil {
		return f, nil, model.Diagnostics{d}
	}
	if f == nil {
		var err error
		if f, err = Detect(in); err != nil {
			r := model.Range{Filename: in.Filename}
			return nil, nil, model.Diagnostics{{Severity: model.SeverityError, Code: CodeUnreadable, Summary: err.Error(), Subject: &r}}
		}
	}
	c, ds := f.Parse(in)
	if c != nil && len(c.Sources) == 0 {
		c.Sources = []string{in.Filename}
	}
	return f, c, ds
}

// Expand turns directory arguments into the files in them (one level, sorted;
// hidden files and test sidecars — *.want, *.golden — skipped); other paths
// pass through.
func Expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, &ReadError{p, err}
		}
		n := len(out)
		for _, e := range ents {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") || HasExt(e.Name(), ".want", ".golden") {
				continue
			}
			out = append(out, filepath.Join(p, e.Name()))
		}
		if len(out) == n {
			return nil, &ReadError{p, errors.New("is a directory without input files")}
		}
	}
	return out, nil
}

// HasExt reports whether name ends in one of exts (case-insensitive).
func HasExt(name string, exts ...string) bool {
	l := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// XMLRoot returns the name of the root element when src looks like XML (after
// an optional BOM, XML declaration, comments, processing instructions and a
// doctype), or "" when it does not start like XML.
func XMLRoot(src []byte) string {
	s := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			i := bytes.Index(s, []byte("?>"))
			if i < 0 {
				return ""
			}
			s = s[i+2:]
		case bytes.HasPrefix(s, []byte("<!--")):
			i := bytes.Index(s, []byte("-->"))
			if i < 0 {
				return ""
			}
			s = s[i+3:]
		case bytes.HasPrefix(s, []byte("<!")):
			i := bytes.IndexByte(s, '>')
			if i < 0 {
				return ""
			}
			s = s[i+1:]
		case bytes.HasPrefix(s, []byte("<")):
			s = s[1:]
			end := bytes.IndexAny(s, " \t\r\n/>")
			if end < 0 {
				end = len(s)
			}
			return string(s[:end])
		default:
			return ""
		}
	}
}
