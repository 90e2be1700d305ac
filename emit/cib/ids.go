package cib

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
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

var (
	attrsType   = reflect.TypeOf(model.Attrs(nil))
	opAttrsType = reflect.TypeOf(model.OpAttrs{})
)

// walkField is a field of a struct type that collect looks at: an ID
// string, or a value that may hold ids.
type walkField struct {
	index int
	id    bool
}

// walkFields caches, per struct type, the fields collect looks at, so that
// walking a model costs no reflection on field names (reflect's Field
// builds a StructField each call: most of the time of an emit otherwise).
var walkFields sync.Map // reflect.Type -> []walkField

func fieldsOf(t reflect.Type) []walkField {
	if fs, ok := walkFields.Load(t); ok {
		return fs.([]walkField)
	}
	var fs []walkField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		switch k := f.Type.Kind(); {
		case f.Name == "ID" && k == reflect.String:
			fs = append(fs, walkField{index: i, id: true})
		case (k == reflect.Pointer || k == reflect.Interface || k == reflect.Slice || k == reflect.Struct) && mayHoldIDs(f.Type, nil):
			fs = append(fs, walkField{index: i})
		}
	}
	walkFields.Store(t, fs)
	return fs
}

// mayHoldIDs reports whether a value of type t can hold an id collect
// records, so that fields which cannot (ranges, comments, layout) are not
// walked. An interface may hold anything; a type met again while it is
// being looked at counts as holding ids, which only walks more.
func mayHoldIDs(t reflect.Type, seen map[reflect.Type]bool) bool {
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if t == attrsType {
			return true
		}
		return mayHoldIDs(t.Elem(), seen)
	case reflect.Struct:
		if t == opAttrsType || seen[t] {
			return true
		}
		if seen == nil {
			seen = map[reflect.Type]bool{}
		}
		seen[t] = true
		defer delete(seen, t)
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.IsExported() && (f.Name == "ID" && f.Type.Kind() == reflect.String || mayHoldIDs(f.Type, seen)) {
				return true
			}
		}
	}
	return false
}

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
		if t == opAttrsType {
			// An op's attributes: its id (the first, as the list has it).
			if id, ok := v.Interface().(model.OpAttrs).Get("id"); ok {
				s.used[id] = true
			}
			return
		}
		for _, f := range fieldsOf(t) {
			fv := v.Field(f.index)
			if f.id {
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
