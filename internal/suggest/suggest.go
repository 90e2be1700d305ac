// Package suggest finds the likely intended word for a misspelt one: the
// "did you mean" of every parser and rule. It is the one implementation of
// edit distance in hakit.
package suggest

import "strings"

// Closest returns the candidate closest to s by Damerau-Levenshtein
// distance (optimal string alignment, case-insensitive), or "" when none is
// close enough to be a likely typo: at most a third of the length of s, and
// at most 3 edits.
func Closest(s string, candidates []string) string {
	limit := min(3, max(1, len([]rune(s))/3))
	best, bestD := "", limit+1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if d := Distance(ls, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal-string-alignment edit distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent code
// points each cost 1.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
