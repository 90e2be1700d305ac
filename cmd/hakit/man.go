package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newManCmd(app *App, root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write man pages for every command into DIR",
		Long: `man writes a man page (section 1) for hakit and for each of its commands into
DIR, created when missing: hakit.1, hakit-verify.1, hakit-convert.1, ... They are
generated from the same text as --help. Install them with
  sudo install -m 644 DIR/*.1 /usr/local/share/man/man1/
The page date is SOURCE_DATE_EPOCH when set (reproducible builds), else today.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return exitErr(exitUsage, err)
			}
			date := time.Now().UTC()
			if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
				if n, err := strconv.ParseInt(s, 10, 64); err == nil {
					date = time.Unix(n, 0).UTC()
				}
			}
			header := &doc.GenManHeader{
				Title:   "HAKIT",
				Section: "1",
				Source:  "hakit " + version,
				Manual:  "hakit manual",
				Date:    &date,
			}
			if err := doc.GenManTree(root, header, dir); err != nil {
				return exitErr(exitUsage, fmt.Errorf("writing man pages into %s: %w", dir, err))
			}
			return nil
		},
	}
}
