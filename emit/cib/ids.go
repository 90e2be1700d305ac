package cib

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"hakit/model"
)

// ids hands out ids for elements that have none. Generated ids follow the
// scheme of pcs for attribute sets, nvpairs and operations
// (<rsc>-instance_attributes, <rsc>-meta_attributes-<name>,
// <rsc>-<op>-interval-<interval>) and of crmsh for rules and expressions
// (<constraint>-rule, <rule>-expression), with -1, -2, ... appended when the
// id is taken, so every id in the document stays unique.
type ids struct {
	used map[string]bool
}

// newIDs records every id the model already uses.
func newIDs(c *model.Cluster) *ids {
	s := &ids{used: map[string]bool{}}
	s.collect(reflect.ValueOf(c))
	return s
}

var attrsType = reflect.TypeOf(model.Attrs(nil))

func (s *ids) collect(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			s.collect(v.Elem())
		}
	case reflect.Slice:
		if v.Type() == attrsType {
			for _, a := range v.Interface().(model.Attrs) {
				if a.Name == "id" {
					s.used[a.Value] = true
				}
			}
			return
		}
		for i := 0; i < v.Len(); i++ {
			s.collect(v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			if f.Name == "ID" && fv.Kind() == reflect.String {
				if id := fv.String(); id != "" {
					s.used[id] = true
				}
				continue
			}
			s.collect(fv)
		}
	}
}

// generate returns a fresh id based on base, made a valid XML ID.
func (s *ids) generate(base string) string {
	base = sanitizeID(base)
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return id
}

// sanitizeID turns s into an XML NCName: characters outside the name set
// become '-', and a leading non-letter gets an "id-" prefix.
func sanitizeID(s string) string {
	var b strings.Builder
	for i, r := range s {
		ok := unicode.IsLetter(r) || r == '_' || (i > 0 && (unicode.IsDigit(r) || r == '-' || r == '.'))
		if !ok && i > 0 {
			r = '-'
		}
		if !ok && i == 0 {
			b.WriteString("id-")
			if unicode.IsDigit(r) || r == '-' || r == '.' {
				b.WriteRune(r)
			}
			continue
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "id"
	}
	return b.String()
}
