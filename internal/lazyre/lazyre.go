// Package lazyre compiles a package-level regular expression on its first
// use instead of at package initialisation, so that a hakit command pays
// only for the expressions of the parsers and rules it runs (issue 16,
// start-up within 1.5× a bare cobra program's).
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr on its first call and returns
// the same *regexp.Regexp on every call, from any goroutine. Like
// regexp.MustCompile it panics if expr does not compile, on that first
// call rather than at start-up.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Regexp is an expression compiled on its first use that keeps the
// *regexp.Regexp methods its callers use, so that a package's call sites
// need not change (emit/crmsh, whose call sites are being edited
// elsewhere). Add a method here when a caller needs another.
type Regexp struct{ re func() *regexp.Regexp }

// Lazy is New as a *Regexp.
func Lazy(expr string) *Regexp { return &Regexp{New(expr)} }

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool { return r.re().MatchString(s) }

// FindAllSubmatch is regexp.Regexp.FindAllSubmatch.
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte { return r.re().FindAllSubmatch(b, n) }
