package json

import (
	"bytes"
	"fmt"
	"io"

	"hakit/model"
)

// Options tune the output.
type Options struct {
	// OmitRanges leaves out every "range" key (positions in the input).
	OmitRanges bool
}

// Emit writes c as indented JSON (2 spaces), ending in a newline.
func Emit(w io.Writer, c *model.Cluster, opts Options) error {
	b, err := Marshal(c, opts)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}

// Marshal returns the JSON form of v (a *model.Cluster or any model
// element), indented, with a final newline.
func Marshal(v any, opts Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := encode(&buf, Tree(v, opts), ""); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
