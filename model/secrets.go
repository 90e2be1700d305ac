package model

import (
	"bytes"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// SecretAt is one secret an input holds and where: At is the range of the
// element that holds it (the nvpair, the authkeys line, the option), as the
// parser recorded it.
//
// What counts as a secret is decided by the format, field by field, never by
// searching text: every Secret field of the membership layer (authkeys
// secrets, corosync keys, fence-device and dlm/cluster.conf passwords, which
// their parsers put in a Secret) and the password parameters of Pacemaker
// resources (IsPassword names in a primitive's or template's instance
// attributes). Attributes of the status section (operation_key, ...) and
// names that merely end in "key" are not secrets.
type SecretAt struct {
	Value string
	At    Range
}

// SecretsAt returns every secret c holds with its range, sorted by file and
// position.
func SecretsAt(c *Cluster) []SecretAt {
	if c == nil {
		return nil
	}
	var out []SecretAt
	if c.Config != nil {
		visit := func(r *ResourceCommon) {
			for _, s := range r.InstanceAttrs {
				if s == nil {
					continue
				}
				for _, p := range s.Pairs {
					if p != nil && p.Value != "" && IsPassword(p.Name) {
						out = append(out, SecretAt{Value: p.Value, At: p.Range})
					}
				}
			}
		}
		Walk(c.Config.Resources, func(r, _ Resource) {
			if p, ok := r.(*Primitive); ok && p != nil {
				visit(&p.ResourceCommon)
			}
		})
	}
	if c.Membership != nil {
		walkSecrets(reflect.ValueOf(c.Membership), Range{}, &out)
	}
	slices.SortStableFunc(out, func(a, b SecretAt) int {
		if a.At.Filename != b.At.Filename {
			return strings.Compare(a.At.Filename, b.At.Filename)
		}
		return a.At.Start.Byte - b.At.Start.Byte
	})
	return out
}

// Secrets returns the distinct secret values c holds (see SecretsAt),
// longest first. Output paths redact by SecretsAt, not by these strings; the
// list serves tests and "does this need mode 0600" checks.
func Secrets(c *Cluster) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range SecretsAt(c) {
		if !seen[s.Value] {
			seen[s.Value] = true
			out = append(out, s.Value)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return out
}

// IsPassword reports whether a resource parameter of this name holds a
// password: passwd, password, *_password, the usual misspellings (pasword,
// passwrd) and secrets (secret_key, passphrase). Unlike IsSensitive it does
// not take every name ending in "key" for a secret.
func IsPassword(name string) bool {
	n := strings.ToLower(name)
	if n == "pwd" || strings.HasSuffix(n, "_pwd") {
		return true
	}
	for _, frag := range []string{"passw", "pasw", "pswd", "secret", "passphrase"} {
		if strings.Contains(n, frag) && !strings.HasSuffix(n, "_script") {
			return true
		}
	}
	return false
}

var (
	secretType = reflect.TypeFor[Secret]()
	baseType   = reflect.TypeFor[Base]()
)

func walkSecrets(v reflect.Value, at Range, out *[]SecretAt) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkSecrets(v.Elem(), at, out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkSecrets(v.Index(i), at, out)
		}
	case reflect.Struct:
		t := v.Type()
		if t == secretType {
			if s := v.Interface().(Secret); !s.IsZero() {
				*out = append(*out, SecretAt{Value: s.v, At: at})
			}
			return
		}
		if t == baseType {
			return
		}
		for i := range v.NumField() {
			f := t.Field(i)
			if f.Anonymous && f.Type == baseType {
				if r := v.Field(i).Interface().(Base).Range; !r.IsZero() {
					at = r
				}
			}
		}
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				walkSecrets(v.Field(i), at, out)
			}
		}
	}
}

// RedactDiagnostics removes secrets from the findings that are about them:
// a finding whose subject (or related position) overlaps the range of an
// element holding a secret has that secret replaced by "<redacted>" where
// the finding quotes it as a value — "secret", 'secret', `secret`,
// name=secret, (secret) — the ways messages quote values. Findings
// elsewhere, and the secret's letters inside ordinary words or names
// ("ocf:heartbeat:IPaddr2", "use password"), are left alone.
func RedactDiagnostics(ds Diagnostics, secrets []SecretAt) {
	if len(secrets) == 0 {
		return
	}
	idx := indexSecrets(secrets)
	for _, d := range ds {
		if d == nil {
			continue
		}
		var hit []string
		if d.Subject != nil {
			hit = idx.overlapping(*d.Subject, hit)
		}
		for _, r := range d.Related {
			hit = idx.overlapping(r.Subject, hit)
		}
		if len(hit) == 0 {
			continue
		}
		d.Summary = redactQuoted(d.Summary, hit)
		d.Detail = redactQuoted(d.Detail, hit)
		for i := range d.Related {
			d.Related[i].Message = redactQuoted(d.Related[i].Message, hit)
		}
	}
}

// RedactSource masks the secret values of file filename in src (a copy is
// returned when anything is masked): inside each secret's recorded element
// range, the value — the XML attribute value="..." when the element is XML,
// the whole-word occurrences otherwise — becomes asterisks of the same
// length in code points, so columns stay where they were.
func RedactSource(src []byte, filename string, secrets []SecretAt) []byte {
	out := src
	copied := false
	for _, s := range secrets {
		if s.At.Filename != filename || s.Value == "" {
			continue
		}
		lo, hi := s.At.Start.Byte, s.At.End.Byte
		if lo < 0 || hi > len(src) || lo >= hi {
			continue
		}
		if !copied {
			out = bytes.Clone(src)
			copied = true
		}
		maskIn(out[lo:hi], s.Value)
	}
	return out
}

func maskIn(b []byte, secret string) {
	found := false
	for _, form := range []string{xmlEscape(secret), secret} {
		for _, q := range []string{`"`, `'`} {
			pat := []byte("value=" + q + form + q)
			for i := 0; ; {
				j := bytes.Index(b[i:], pat)
				if j < 0 {
					break
				}
				start := i + j + len("value=") + 1
				stars(b[start : start+len(form)])
				found = true
				i = start + len(form)
			}
		}
	}
	if found {
		return
	}
	for _, form := range []string{secret, xmlEscape(secret)} {
		for _, w := range wordIndexes(string(b), form) {
			stars(b[w : w+len(form)])
		}
	}
}

// stars overwrites b with asterisks, one per code point, padding with
// spaces so the byte length stays.
func stars(b []byte) {
	n := utf8.RuneCount(b)
	for i := range b {
		if i < n {
			b[i] = '*'
		} else {
			b[i] = ' '
		}
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

const redactedWord = "<redacted>"

// redactQuoted replaces the quoted occurrences of each secret in s.
func redactQuoted(s string, secrets []string) string {
	for _, sec := range secrets {
		ws := quotedIndexes(s, sec)
		if len(ws) == 0 {
			continue
		}
		var b strings.Builder
		last := 0
		for _, w := range ws {
			b.WriteString(s[last:w])
			b.WriteString(redactedWord)
			last = w + len(sec)
		}
		b.WriteString(s[last:])
		s = b.String()
	}
	return s
}

// quotedIndexes returns the occurrences of w in s that a message quotes as
// a value: after a quote, '=' or '(' and before a quote, ')', punctuation,
// white space or the end.
func quotedIndexes(s, w string) []int {
	if w == "" {
		return nil
	}
	var out []int
	for i := 0; i <= len(s)-len(w); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			break
		}
		at, end := i+j, i+j+len(w)
		if at > 0 && strings.IndexByte("\"'`=(", s[at-1]) >= 0 &&
			(end == len(s) || strings.IndexByte("\"'`) \t\n,;:.", s[end]) >= 0) {
			out = append(out, at)
			i = end
		} else {
			i = at + 1
		}
	}
	return out
}

// wordIndexes returns the non-overlapping occurrences of w in s that are not
// part of a longer word (letters, digits, '_' on either side).
func wordIndexes(s, w string) []int {
	if w == "" {
		return nil
	}
	var out []int
	for i := 0; i <= len(s)-len(w); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			break
		}
		at := i + j
		end := at + len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:at])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (at == 0 || !isWordRune(before) || !isWordRune(firstRune(w))) &&
			(end == len(s) || !isWordRune(after) || !isWordRune(lastRune(w))) {
			out = append(out, at)
			i = end
		} else {
			i = at + 1
		}
	}
	return out
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

func isWordRune(r rune) bool {
	return r == '_' || (r >= '0' && r <= '9') || (r|0x20 >= 'a' && r|0x20 <= 'z') || r >= 0x80
}

// secretIndex finds the secrets whose element overlaps a range.
type secretIndex map[string][]SecretAt // by file, sorted by start

func indexSecrets(ss []SecretAt) secretIndex {
	idx := secretIndex{}
	for _, s := range ss {
		if s.Value != "" && !s.At.IsZero() {
			idx[s.At.Filename] = append(idx[s.At.Filename], s)
		}
	}
	for _, l := range idx {
		sort.SliceStable(l, func(i, j int) bool { return l[i].At.Start.Byte < l[j].At.Start.Byte })
	}
	return idx
}

func (idx secretIndex) overlapping(r Range, acc []string) []string {
	l := idx[r.Filename]
	if len(l) == 0 || r.Start.Line == 0 {
		return acc
	}
	lo, hi := r.Start.Byte, max(r.End.Byte, r.Start.Byte+1)
	// Only secrets starting before hi can overlap.
	n := sort.Search(len(l), func(i int) bool { return l[i].At.Start.Byte >= hi })
	for _, s := range l[:n] {
		if s.At.End.Byte > lo && !slices.Contains(acc, s.Value) {
			acc = append(acc, s.Value)
		}
	}
	return acc
}
