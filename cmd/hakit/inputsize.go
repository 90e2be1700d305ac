package main

import (
	"github.com/spf13/cobra"

	"hakit/parsers"
)

// inputSizeFlag is --max-input-size: the bound on every input, whatever
// its format (parsers.MaxInputSize).
type inputSizeFlag struct{}

func (inputSizeFlag) String() string { return parsers.FormatSize(parsers.MaxInputSize) }
func (inputSizeFlag) Type() string   { return "size" }
func (inputSizeFlag) Set(s string) error {
	n, err := parsers.ParseSize(s)
	if err != nil {
		return err
	}
	parsers.MaxInputSize = n
	return nil
}

// addInputSizeFlag installs --max-input-size on root, starting each run
// from the default.
func addInputSizeFlag(root *cobra.Command) {
	parsers.MaxInputSize = parsers.DefaultMaxInputSize
	root.PersistentFlags().Var(inputSizeFlag{}, "max-input-size",
		"largest input hakit reads, per file or stream (bytes, or with K, M, G); larger input is refused")
}
