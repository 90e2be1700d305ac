package verify

import "hakit/internal/suggest"

// Suggest returns the candidate closest to s, or "" when none is a likely
// typo (see suggest.Closest).
func Suggest(s string, candidates []string) string { return suggest.Closest(s, candidates) }

// Distance is the edit distance used by Suggest (see suggest.Distance).
func Distance(a, b string) int { return suggest.Distance(a, b) }
