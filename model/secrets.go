package model

import (
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// Secrets returns every secret value c holds: the Secret fields (authkeys,
// corosync keys, fence arguments) and the values of attributes, options and
// name/value pairs whose name IsSensitive (a fence device's password in a
// CIB is a plain nvpair). Output paths that must not reveal them — findings,
// reports, source snippets — pass their text through Redact with this list.
func Secrets(c *Cluster) []string {
	seen := map[string]bool{}
	walkSecrets(reflect.ValueOf(c), seen)
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	// Longest first, so that a secret containing another is replaced whole.
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return out
}

var (
	secretType = reflect.TypeFor[Secret]()
	nvpairType = reflect.TypeFor[NVPair]()
	optionType = reflect.TypeFor[Option]()
	attrType   = reflect.TypeFor[Attr]()
)

func walkSecrets(v reflect.Value, seen map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkSecrets(v.Elem(), seen)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkSecrets(v.Index(i), seen)
		}
	case reflect.Struct:
		switch v.Type() {
		case secretType:
			if s := v.Interface().(Secret); !s.IsZero() {
				seen[s.v] = true
			}
			return
		case nvpairType:
			if p := v.Addr().Interface().(*NVPair); IsSensitive(p.Name) && p.Value != "" {
				seen[p.Value] = true
			}
		case optionType:
			if o := v.Addr().Interface().(*Option); IsSensitive(o.Name) && o.Value != "" {
				seen[o.Value] = true
			}
		case attrType:
			if a := v.Interface().(Attr); IsSensitive(a.Name) && a.Value != "" {
				seen[a.Value] = true
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkSecrets(v.Field(i), seen)
			}
		}
	}
}

// Redact replaces every occurrence of each secret in s by asterisks of the
// same length in code points, so that columns in a redacted line stay where
// they were.
func Redact(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, strings.Repeat("*", utf8.RuneCountInString(sec)))
		}
	}
	return s
}
