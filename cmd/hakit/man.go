package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
			h := manHeader{title: "HAKIT", section: "1", date: date.Format("Jan 2006"), source: "hakit " + version, manual: "hakit manual"}
			if err := writeManTree(root, h, dir); err != nil {
				return exitErr(exitUsage, fmt.Errorf("writing man pages into %s: %w", dir, err))
			}
			return nil
		},
	}
}

// The man pages are written here as roff directly rather than through
// cobra/doc: cobra/doc renders the help text as Markdown (go-md2man and
// blackfriday), which links blackfriday's HTML-entity table and a second
// YAML library into every hakit run (0.4 ms of start-up, issue 16 item 5)
// and reads plain help text as Markdown: "<!-- hakit:ignore ... -->" in
// verify's help vanished from its page as an HTML comment. The layout (and
// the set of pages, one per available command) is cobra/doc's.

type manHeader struct{ title, section, date, source, manual string }

// manPageCmd reports whether c gets a page of its own.
func manPageCmd(c *cobra.Command) bool {
	return c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand()
}

// writeManTree writes the page of cmd and of every command below it into
// dir, named by the command path joined with "-" (hakit-verify.1).
func writeManTree(cmd *cobra.Command, h manHeader, dir string) error {
	for _, c := range cmd.Commands() {
		if !manPageCmd(c) {
			continue
		}
		if err := writeManTree(c, h, dir); err != nil {
			return err
		}
	}
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-")
	f, err := os.Create(filepath.Join(dir, name+"."+h.section))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	writeManPage(w, cmd, h)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// roffText escapes plain text for roff: backslashes, and a line starting
// with a control character (. or ') that roff would take for a request.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}

// writeManText writes help text as paragraphs: a blank line starts a new
// one (.PP) and indented lines (commands to type, lists) are set as they
// are written (.nf), indented.
func writeManText(w *bufio.Writer, text string) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			w.WriteString(".PP\n")
		}
		verbatim := false
		for _, l := range strings.Split(strings.Trim(para, "\n"), "\n") {
			indented := strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")
			if indented != verbatim {
				if indented {
					w.WriteString(".RS 4\n.nf\n")
				} else {
					w.WriteString(".fi\n.RE\n")
				}
				verbatim = indented
			}
			if indented {
				l = strings.TrimLeft(l, " \t")
			}
			w.WriteString(roffText(l) + "\n")
		}
		if verbatim {
			w.WriteString(".fi\n.RE\n")
		}
	}
}

func writeManFlags(w *bufio.Writer, flags *pflag.FlagSet) {
	first := true
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Deprecated != "" || f.Hidden {
			return
		}
		if !first {
			w.WriteString(".PP\n")
		}
		first = false
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			fmt.Fprintf(w, `\fB-%s\fP, \fB--%s\fP`, f.Shorthand, f.Name)
		} else {
			fmt.Fprintf(w, `\fB--%s\fP`, f.Name)
		}
		def := f.DefValue
		if f.Value.Type() == "string" {
			def = strconv.Quote(def)
		}
		if f.NoOptDefVal != "" {
			fmt.Fprintf(w, "[=%s]\n", roffText(def))
		} else {
			fmt.Fprintf(w, "=%s\n", roffText(def))
		}
		w.WriteString(".RS 4\n" + roffText(f.Usage) + "\n.RE\n")
	})
}

func writeManPage(w *bufio.Writer, cmd *cobra.Command, h manHeader) {
	cmd.InitDefaultHelpCmd()
	cmd.InitDefaultHelpFlag()
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-")
	fmt.Fprintf(w, ".nh\n.TH %q %q %q %q %q\n", h.title, h.section, h.date, h.source, h.manual)
	w.WriteString(".SH NAME\n" + roffText(name) + ` \- ` + roffText(cmd.Short) + "\n")
	w.WriteString(".SH SYNOPSIS\n\\fB" + roffText(cmd.UseLine()) + "\\fP\n")
	desc := cmd.Long
	if desc == "" {
		desc = cmd.Short
	}
	w.WriteString(".SH DESCRIPTION\n")
	writeManText(w, desc)
	if fs := cmd.NonInheritedFlags(); fs.HasAvailableFlags() {
		w.WriteString(".SH OPTIONS\n")
		writeManFlags(w, fs)
	}
	if fs := cmd.InheritedFlags(); fs.HasAvailableFlags() {
		w.WriteString(".SH OPTIONS INHERITED FROM PARENT COMMANDS\n")
		writeManFlags(w, fs)
	}
	if cmd.Example != "" {
		w.WriteString(".SH EXAMPLE\n.RS 4\n.nf\n" + roffText(cmd.Example) + "\n.fi\n.RE\n")
	}
	var see []string
	if cmd.HasParent() {
		see = append(see, fmt.Sprintf(`\fB%s(%s)\fP`, strings.ReplaceAll(cmd.Parent().CommandPath(), " ", "-"), h.section))
	}
	children := cmd.Commands()
	sort.Slice(children, func(i, j int) bool { return children[i].Name() < children[j].Name() })
	for _, c := range children {
		if manPageCmd(c) {
			see = append(see, fmt.Sprintf(`\fB%s-%s(%s)\fP`, name, c.Name(), h.section))
		}
	}
	if len(see) > 0 {
		w.WriteString(".SH SEE ALSO\n" + strings.Join(see, ", ") + "\n")
	}
}
