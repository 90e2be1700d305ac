package json

import (
	"bytes"
	"encoding"
	stdjson "encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"hakit/model"
)

// Field is one key of an Object, in output order.
type Field struct {
	Key   string
	Value any
}

// Object is a JSON object whose keys keep the model's field order.
type Object []Field

var (
	nvpairType  = reflect.TypeOf(model.NVPair{})
	rangeType   = reflect.TypeOf(model.Range{})
	opAttrsType = reflect.TypeOf(model.OpAttrs{})
	textType    = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
	jsonType    = reflect.TypeOf((*stdjson.Marshaler)(nil)).Elem()
)

// Tree turns v (normally a *model.Cluster) into the value Emit writes:
// Object, []any, string, bool, float64/int64 numbers, json.RawMessage or nil.
func Tree(v any, opts Options) any {
	t := &tree{opts: opts}
	out, _ := t.value(reflect.ValueOf(v))
	return out
}

type tree struct{ opts Options }

// value converts v; ok is false when v is empty in the omitempty sense.
func (t *tree) value(v reflect.Value) (out any, nonEmpty bool) {
	if !v.IsValid() {
		return nil, false
	}
	if v.Type() == rangeType {
		r := v.Interface().(model.Range)
		if t.opts.OmitRanges || r.IsZero() {
			return nil, false
		}
		return FormatRange(r), true
	}
	if v.Type() == opAttrsType {
		// An op's attributes are shown as the list they are.
		return t.value(reflect.ValueOf(v.Interface().(model.OpAttrs).List()))
	}
	if v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface && v.Type().Implements(jsonType) {
		raw, err := v.Interface().(stdjson.Marshaler).MarshalJSON()
		if err != nil {
			return fmt.Sprintf("<error: %v>", err), true
		}
		return stdjson.RawMessage(raw), !v.IsZero()
	}
	if v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface && v.Type().Implements(textType) {
		b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return fmt.Sprintf("<error: %v>", err), true
		}
		return string(b), len(b) > 0
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil, false
		}
		return t.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		inner, _ := t.value(v.Elem())
		obj, ok := inner.(Object)
		if !ok {
			return inner, true
		}
		kind := Kind(v.Elem().Interface())
		for i, f := range obj {
			if f.Key == "kind" {
				// The element's own kind attribute (an order's Mandatory,
				// Optional or Serialize) yields the key to the discriminator.
				obj[i].Key = kind + "_kind"
			}
		}
		return append(Object{{Key: "kind", Value: kind}}, obj...), true
	case reflect.Struct:
		obj := Object{}
		t.fields(v, &obj)
		if v.Type() == nvpairType {
			redactPair(v.Interface().(model.NVPair), obj)
		}
		return obj, true
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return []any{}, false
		}
		list := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			x, _ := t.value(v.Index(i))
			list = append(list, x)
		}
		return list, v.Len() > 0
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		obj := Object{}
		for _, k := range keys {
			x, _ := t.value(v.MapIndex(k))
			obj = append(obj, Field{Key: fmt.Sprint(k), Value: x})
		}
		return obj, v.Len() > 0
	case reflect.String:
		return v.String(), v.Len() > 0
	case reflect.Bool:
		return v.Bool(), v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int(), v.Int() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint(), v.Uint() != 0
	case reflect.Float32, reflect.Float64:
		return v.Float(), v.Float() != 0
	}
	return fmt.Sprint(v.Interface()), true
}

// fields appends the exported fields of struct v, flattening embedded
// structs the way encoding/json does.
func (t *tree) fields(v reflect.Value, obj *Object) {
	typ := v.Type()
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			t.fields(v.Field(i), obj)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(opts, "omitzero") && isZero(v.Field(i)) {
			continue
		}
		x, nonEmpty := t.value(v.Field(i))
		if strings.Contains(opts, "omitempty") && !nonEmpty {
			continue
		}
		if x == nil && f.Type == rangeType {
			continue // ranges are omitted, never null
		}
		*obj = append(*obj, Field{Key: name, Value: x})
	}
}

// redactPair hides the value of an attribute-set pair that holds a
// credential (a fence device's passwd, a key): the CIB keeps it in clear,
// JSON and YAML output never do.
func redactPair(p model.NVPair, obj Object) {
	if !model.IsSensitive(p.Name) {
		return
	}
	for i := range obj {
		if obj[i].Key == "value" && obj[i].Value != "" {
			obj[i].Value = model.NewSecret(p.Value).String()
		}
	}
}

func isZero(v reflect.Value) bool {
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
		return z.IsZero()
	}
	return v.IsZero()
}

// FormatRange writes r as "file:line:col-line:col".
func FormatRange(r model.Range) string {
	return fmt.Sprintf("%s:%d:%d-%d:%d", r.Filename, r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

// Kind names the concrete type behind one of the model's sealed interfaces.
func Kind(v any) string {
	switch x := v.(type) {
	case *model.Primitive:
		if x.IsTemplate {
			return "template"
		}
		return "primitive"
	case *model.Group:
		return "group"
	case *model.Clone:
		return "clone"
	case *model.Bundle:
		return "bundle"
	case *model.Location:
		return "location"
	case *model.Colocation:
		return "colocation"
	case *model.Order:
		return "order"
	case *model.Ticket:
		return "ticket"
	case *model.Expr:
		return "expression"
	case *model.DateExpr:
		return "date_expression"
	case *model.OpExpr:
		return "op_expression"
	case *model.RscExpr:
		return "rsc_expression"
	case *model.Rule:
		return "rule"
	}
	// A sealed interface of another part of the model: name the type.
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return strings.ToLower(t.Name())
}

// encode writes x as indented JSON.
func encode(buf *bytes.Buffer, x any, indent string) error {
	switch x := x.(type) {
	case Object:
		if len(x) == 0 {
			buf.WriteString("{}")
			return nil
		}
		buf.WriteString("{\n")
		for i, f := range x {
			buf.WriteString(indent + "  ")
			if err := scalar(buf, f.Key); err != nil {
				return err
			}
			buf.WriteString(": ")
			if err := encode(buf, f.Value, indent+"  "); err != nil {
				return err
			}
			if i < len(x)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	case []any:
		if len(x) == 0 {
			buf.WriteString("[]")
			return nil
		}
		buf.WriteString("[\n")
		for i, e := range x {
			buf.WriteString(indent + "  ")
			if err := encode(buf, e, indent+"  "); err != nil {
				return err
			}
			if i < len(x)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	case stdjson.RawMessage:
		var tmp bytes.Buffer
		if err := stdjson.Compact(&tmp, x); err != nil {
			return fmt.Errorf("encoding JSON: %w", err)
		}
		buf.Write(tmp.Bytes())
	default:
		return scalar(buf, x)
	}
	return nil
}

// scalar writes a string, number, bool or null without HTML escaping, so
// "<redacted>" and "a & b" stay readable.
func scalar(buf *bytes.Buffer, x any) error {
	var tmp bytes.Buffer
	enc := stdjson.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	buf.Write(bytes.TrimSuffix(tmp.Bytes(), []byte("\n")))
	return nil
}
