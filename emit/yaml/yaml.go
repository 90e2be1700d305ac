package yaml

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	emitjson "hakit/emit/json"
	"hakit/model"
)

// Options tune the output; they are emit/json's.
type Options = emitjson.Options

// Emit writes c as block-style YAML with the shape emit/json documents.
func Emit(w io.Writer, c *model.Cluster, opts Options) error {
	b, err := Marshal(c, opts)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("writing YAML: %w", err)
	}
	return nil
}

// Marshal returns the YAML form of v (a *model.Cluster or a model element).
// It marshals to JSON first and converts that to YAML nodes, so the two
// outputs have one shape.
func Marshal(v any, opts Options) ([]byte, error) {
	js, err := emitjson.Marshal(v, opts)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(js, &doc); err != nil {
		return nil, fmt.Errorf("converting JSON to YAML: %w", err)
	}
	block(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("encoding YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encoding YAML: %w", err)
	}
	return buf.Bytes(), nil
}

// block drops the flow and quoting styles the JSON text brought in, so the
// encoder writes block collections and quotes a scalar only when its plain
// form would read as something else.
// YAML 1.1 booleans (yes, off, ...) stay quoted so that older readers do
// not take a Pacemaker value for a boolean.
func block(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && yaml11Bool[n.Value] {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		block(c)
	}
}

var yaml11Bool = map[string]bool{}

func init() {
	for _, s := range []string{"y", "yes", "n", "no", "on", "off", "true", "false"} {
		yaml11Bool[s] = true
		yaml11Bool[strings.ToUpper(s)] = true
		yaml11Bool[strings.ToUpper(s[:1])+s[1:]] = true
	}
}
