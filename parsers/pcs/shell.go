package pcs

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"hakit/model"
)

// word is one shell word after quote removal, with its source range.
type word struct {
	s string
	r model.Range
}

// command is one simple command of the script.
type command struct {
	words    []word
	r        model.Range
	comments []string
}

// reader turns a shell script into simple commands.
type reader struct {
	file  string
	src   []byte
	li    *model.LineIndex
	diags *model.Diagnostics
	cmds  []*command
}

func (rd *reader) rng(start, end syntax.Pos) model.Range {
	s, e := int(start.Offset()), int(end.Offset())
	if s > len(rd.src) {
		s = len(rd.src)
	}
	if e < s {
		e = s
	}
	if e > len(rd.src) {
		e = len(rd.src)
	}
	return rd.li.Range(rd.file, s, e)
}

// read parses the script; a syntax error is reported and nothing is read.
func (rd *reader) read() {
	p := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash))
	f, err := p.Parse(bytes.NewReader(rd.src), rd.file)
	if err != nil {
		var pe syntax.ParseError
		var le syntax.LangError
		pos := syntax.Pos{}
		msg := err.Error()
		switch {
		case errors.As(err, &pe):
			pos, msg = pe.Pos, pe.Text
		case errors.As(err, &le):
			pos, msg = le.Pos, le.Feature+" is not supported"
		}
		r := rd.li.Range(rd.file, len(rd.src), len(rd.src))
		if pos.IsValid() {
			r = rd.rng(pos, pos)
		}
		rd.diags.Errorf(r, "HA3001", "shell syntax error: %s", msg)
		return
	}
	rd.stmts(f.Stmts)
}

func (rd *reader) stmts(ss []*syntax.Stmt) {
	for _, s := range ss {
		rd.stmt(s)
	}
}

func (rd *reader) stmt(s *syntax.Stmt) {
	if s == nil || s.Cmd == nil {
		return
	}
	switch c := s.Cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) == 0 {
			rd.diags.Infof(rd.rng(c.Pos(), c.End()), "HA3003", "shell variable assignment skipped")
			return
		}
		cmd := &command{r: rd.rng(s.Pos(), c.End())}
		for _, cm := range s.Comments {
			if cm.Hash.Offset() < c.Pos().Offset() && !strings.HasPrefix(strings.TrimSpace(cm.Text), "hakit:") && !strings.HasPrefix(cm.Text, "!") {
				cmd.comments = append(cmd.comments, strings.TrimSpace(cm.Text))
			}
		}
		if len(c.Assigns) > 0 && !(len(c.Assigns) == 1 && c.Assigns[0].Name != nil && c.Assigns[0].Name.Value == "CIB_file") {
			rd.diags.Infof(rd.rng(c.Assigns[0].Pos(), c.Assigns[len(c.Assigns)-1].End()), "HA3003", "environment assignment before the command is ignored")
		}
		for _, w := range c.Args {
			cmd.words = append(cmd.words, rd.word(w))
		}
		rd.cmds = append(rd.cmds, cmd)
	case *syntax.BinaryCmd:
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			rd.diags.Infof(rd.rng(s.Pos(), s.End()), "HA3015", "pipeline is not interpreted")
			return
		}
		rd.stmt(c.X)
		rd.stmt(c.Y)
	case *syntax.Block:
		rd.stmts(c.Stmts)
	case *syntax.Subshell:
		rd.stmts(c.Stmts)
	case *syntax.IfClause:
		// The commands of the first branch are read as if its condition
		// held (a script's optional part, such as "pcs cluster setup"
		// guarded by an argument); the condition and other branches are not.
		rd.diags.Infof(rd.rng(s.Pos(), c.ThenPos), "HA3015", "the commands after 'then' are read as if the condition held; the condition and any else branch are not interpreted")
		rd.stmts(c.Then)
	default:
		rd.diags.Infof(rd.rng(s.Pos(), s.End()), "HA3015", "shell construct (%s) is not interpreted", construct(c))
	}
}

func construct(c syntax.Command) string {
	switch c.(type) {
	case *syntax.IfClause:
		return "if"
	case *syntax.WhileClause:
		return "while"
	case *syntax.ForClause:
		return "for"
	case *syntax.CaseClause:
		return "case"
	case *syntax.FuncDecl:
		return "function"
	case *syntax.DeclClause:
		return "declaration"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", c), "*syntax.")
}

// word removes quotes; expansions are kept as written and reported.
func (rd *reader) word(w *syntax.Word) word {
	var b strings.Builder
	rd.parts(&b, w.Parts, false)
	wd := word{s: b.String(), r: rd.rng(w.Pos(), w.End())}
	if !xmlChars(wd.s) {
		// pcs would hand it to the CIB or corosync.conf, which cannot
		// hold it. (The value is not quoted: it may be a password.)
		rd.diags.Errorf(wd.r, "HA3009", "this argument holds a character XML and corosync.conf cannot carry (a control character or invalid UTF-8)")
	}
	return wd
}

// xmlChars reports whether s is UTF-8 made of characters XML 1.0 allows.
func xmlChars(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return utf8.ValidString(s)
}

func (rd *reader) raw(n syntax.Node) string {
	s, e := int(n.Pos().Offset()), int(n.End().Offset())
	if s > len(rd.src) || e > len(rd.src) || e < s {
		return ""
	}
	return string(rd.src[s:e])
}

func (rd *reader) parts(b *strings.Builder, ps []syntax.WordPart, dq bool) {
	for _, p := range ps {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(p.Value, dq))
		case *syntax.SglQuoted:
			if p.Dollar {
				b.WriteString(ansiC(p.Value))
			} else {
				b.WriteString(p.Value)
			}
		case *syntax.DblQuoted:
			rd.parts(b, p.Parts, true)
		case *syntax.ParamExp:
			name := ""
			if p.Param != nil {
				name = p.Param.Value
			}
			if name != "CIB_FILE" {
				// CIB_FILE names the CIB file of "pcs -f", whose name does
				// not matter to the configuration.
				rd.diags.Warnf(rd.rng(p.Pos(), p.End()), "HA3002", "shell variable %s is not expanded; its text is used as written", name)
			}
			b.WriteString(rd.raw(p))
		default:
			rd.diags.Warnf(rd.rng(p.Pos(), p.End()), "HA3002", "shell expansion %s is not expanded; its text is used as written", rd.raw(p))
			b.WriteString(rd.raw(p))
		}
	}
}

// unescape removes backslashes the way the shell does outside quotes (dq
// false) or inside double quotes.
func unescape(s string, dq bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch {
		case n == '\n':
			i++
		case !dq || n == '$' || n == '`' || n == '"' || n == '\\':
			b.WriteByte(n)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ansiC decodes the common escapes of $'...'.
func ansiC(s string) string {
	r := strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`, `\'`, "'", `\"`, `"`, `\r`, "\r")
	return r.Replace(s)
}
