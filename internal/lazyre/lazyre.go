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
