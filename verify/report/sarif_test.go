package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestSARIFSchema validates the SARIF output against the SARIF 2.1.0 JSON
// schema (testdata/sarif-schema-2.1.0-rtm.5.json, see SARIF-SCHEMA.md) with
// a small JSON Schema draft-04 checker covering the keywords that schema
// uses (type, properties, additionalProperties, required, enum, items,
// minItems, uniqueItems, minimum, maximum, pattern, $ref, anyOf, oneOf;
// format is not checked).
func TestSARIFSchema(t *testing.T) {
	raw, err := os.ReadFile("testdata/sarif-schema-2.1.0-rtm.5.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	for _, variant := range []string{"full", "empty"} {
		r := sampleReport()
		if variant == "empty" {
			r.Findings = nil
		}
		var out bytes.Buffer
		if err := (sarifWriter{}).Write(&out, &bytes.Buffer{}, r); err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		v := &validator{root: schema}
		v.check(schema, doc, "$")
		for _, e := range v.errs {
			t.Errorf("%s: %s", variant, e)
		}
		// The properties the brief and GitHub code scanning rely on.
		run := doc.(map[string]any)["runs"].([]any)[0].(map[string]any)
		if run["columnKind"] != "unicodeCodePoints" {
			t.Errorf("columnKind = %v", run["columnKind"])
		}
		if variant == "full" {
			res := run["results"].([]any)[0].(map[string]any)
			loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
			if loc["artifactLocation"].(map[string]any)["uri"] != "cib.xml" {
				t.Errorf("uri = %v", loc["artifactLocation"])
			}
			reg := loc["region"].(map[string]any)
			for _, k := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
				if _, ok := reg[k]; !ok {
					t.Errorf("region lacks %s", k)
				}
			}
			rule := run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)[0].(map[string]any)
			for _, k := range []string{"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"} {
				if _, ok := rule[k]; !ok {
					t.Errorf("rule lacks %s", k)
				}
			}
		}
	}
}

// TestValidatorCatchesErrors makes sure the checker is not vacuous.
func TestValidatorCatchesErrors(t *testing.T) {
	raw, err := os.ReadFile("testdata/sarif-schema-2.1.0-rtm.5.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"runs": []}`,
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [], "extra": 1}`,
	} {
		var doc any
		if err := json.Unmarshal([]byte(bad), &doc); err != nil {
			t.Fatal(err)
		}
		v := &validator{root: schema}
		v.check(schema, doc, "$")
		if len(v.errs) == 0 {
			t.Errorf("no error for %s", bad)
		}
	}
}

type validator struct {
	root map[string]any
	errs []string
}

func (v *validator) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

func (v *validator) resolve(ref string) map[string]any {
	if !strings.HasPrefix(ref, "#/") {
		v.errorf(ref, "unsupported $ref")
		return nil
	}
	var cur any = v.root
	for _, p := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	m, _ := cur.(map[string]any)
	return m
}

// valid reports whether doc matches schema without recording errors.
func (v *validator) valid(schema map[string]any, doc any, path string) bool {
	sub := &validator{root: v.root}
	sub.check(schema, doc, path)
	return len(sub.errs) == 0
}

func jsonType(doc any) string {
	switch x := doc.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func (v *validator) check(schema map[string]any, doc any, path string) {
	if schema == nil {
		return
	}
	if ref, ok := schema["$ref"].(string); ok {
		v.check(v.resolve(ref), doc, path)
		return
	}
	if t, ok := schema["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		got := jsonType(doc)
		ok := false
		for _, want := range types {
			if want == got || want == "number" && got == "integer" {
				ok = true
			}
		}
		if !ok {
			v.errorf(path, "type %s, want %v", got, types)
			return
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if reflect.DeepEqual(e, doc) {
				found = true
			}
		}
		if !found {
			v.errorf(path, "%v not in enum %v", doc, enum)
		}
	}
	if alts, ok := schema["anyOf"].([]any); ok {
		n := 0
		for _, s := range alts {
			if v.valid(s.(map[string]any), doc, path) {
				n++
			}
		}
		if n == 0 {
			v.errorf(path, "matches no anyOf alternative")
		}
	}
	if one, ok := schema["oneOf"].([]any); ok {
		n := 0
		for _, s := range one {
			if v.valid(s.(map[string]any), doc, path) {
				n++
			}
		}
		if n != 1 {
			v.errorf(path, "matches %d oneOf alternatives, want 1", n)
		}
	}
	switch x := doc.(type) {
	case float64:
		if m, ok := schema["minimum"].(float64); ok && x < m {
			v.errorf(path, "%v < minimum %v", x, m)
		}
		if m, ok := schema["maximum"].(float64); ok && x > m {
			v.errorf(path, "%v > maximum %v", x, m)
		}
	case string:
		if p, ok := schema["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err == nil && !re.MatchString(x) {
				v.errorf(path, "%q does not match %s", x, p)
			}
		}
	case []any:
		if m, ok := schema["minItems"].(float64); ok && float64(len(x)) < m {
			v.errorf(path, "%d items < minItems %v", len(x), m)
		}
		if u, ok := schema["uniqueItems"].(bool); ok && u {
			seen := map[string]bool{}
			for _, it := range x {
				b, _ := json.Marshal(it)
				if seen[string(b)] {
					v.errorf(path, "duplicate item %s", b)
				}
				seen[string(b)] = true
			}
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, it := range x {
				v.check(items, it, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					v.errorf(path, "missing required property %s", r)
				}
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k].(map[string]any); ok {
				v.check(ps, x[k], path+"."+k)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					v.errorf(path, "property %s not allowed", k)
				}
			case map[string]any:
				v.check(ap, x[k], path+"."+k)
			}
		}
	}
}
