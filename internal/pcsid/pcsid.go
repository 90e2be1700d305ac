// Package pcsid holds pcs's rules for the ids it generates, shared by the pcs
// parser (which generates them as pcs does) and the pcs emitter (which
// predicts them).
package pcsid

import "strings"

// Sanitize drops the characters an id cannot hold, as pcs's sanitize_id
// does: the first character must be a letter or '_', the others letters,
// digits, '_', '.' or '-'.
func Sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		letter := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
		if b.Len() == 0 {
			if letter {
				b.WriteRune(r)
			}
			continue
		}
		if letter || r < 128 && (r >= '0' && r <= '9' || r == '.' || r == '-') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
