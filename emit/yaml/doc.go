// Package yaml writes the whole model as YAML in block style. It marshals the
// model with emit/json and converts the JSON to yaml.v3 nodes, so YAML and
// JSON output have exactly one shape, documented in emit/json: the model's
// json tags as keys, a "kind" key on resources, constraints and rule
// expressions, ranges as "file:line:col-line:col" strings (or omitted), and
// secrets as "<redacted>".
//
// This package must not print, read files, or reveal a secret.
package yaml
