package dlm

import (
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of dlm.conf(5): a file is lines; a line is an option
// ("key=value"), a node line, or starts one of the blocks below; blank,
// indented and comment lines may come anywhere. A device section is a
// device line and its connect and unfence lines, to a blank line; fence_all
// may be followed by unfence_all; a lockspace block is a lockspace line and
// its master lines. The lexer (dlmLexer) reads a line at a time, as
// dlm_controld does, and types each line by its first word; lowering
// (parse.go) reads the words of each line and keeps dlm_controld's quirks.
//
// Lines out of place (a connect line after a blank line, a master line
// after an option) are lines of their own, which lowering reports, so that
// a broken file is read to its end.
type dlmFile struct {
	Tokens []lexer.Token // its lines (runs of them), read by items
	Items  bool          `parser:"( Blank | Device (Connect | Unfence | Comment)* | Option | Comment | Lockspace (Master | Comment)* | FenceAll UnfenceAll? | Node | Indented | Connect | Unfence | Master | UnfenceAll )*"`
}

// A dlmItem is an item of the grammar: a device section, a fence_all line
// with its unfence_all, a lockspace block, or a line.
type dlmItem struct {
	kind lexer.TokenType // of its first token
	toks []lexer.Token
}

// items splits the file's tokens into the grammar's items, as the grammar
// matched them (each repetition takes all it can).
func items(toks []lexer.Token) []dlmItem {
	var out []dlmItem
	for i := 0; i < len(toks); {
		j := i + 1
		switch toks[i].Type {
		case tokDevice:
			for j < len(toks) && (toks[j].Type == tokConnect || toks[j].Type == tokUnfence || toks[j].Type == tokComment) {
				j++
			}
		case tokLockspace:
			for j < len(toks) && (toks[j].Type == tokMaster || toks[j].Type == tokComment) {
				j++
			}
		case tokFenceAll:
			if j < len(toks) && toks[j].Type == tokUnfenceAll {
				j++
			}
		}
		out = append(out, dlmItem{toks[i].Type, toks[i:j]})
		i = j
	}
	return out
}

// Token types of the dlm.conf lexer.
const (
	dlmEOF lexer.TokenType = lexer.EOF - iota
	tokBlank
	tokComment
	tokIndented
	tokOption
	tokDevice
	tokConnect
	tokUnfence
	tokFenceAll
	tokUnfenceAll
	tokLockspace
	tokMaster
	tokNode
)

// lineWords are the line families' first words, which are not options,
// and their tokens.
var lineWords = map[string]lexer.TokenType{"device": tokDevice, "connect": tokConnect, "unfence": tokUnfence,
	"fence_all": tokFenceAll, "unfence_all": tokUnfenceAll, "lockspace": tokLockspace, "master": tokMaster, "node": tokNode}

// dlmLexer is dlm.conf's lexer. It types each line as dlm_controld reads
// it: Blank (nothing but white space), Comment ("#" in column 1), Indented
// (a blank in column 1: dlm_controld reads nothing from it), else by its
// first word up to a blank or "=" (device, connect, unfence, fence_all,
// unfence_all, lockspace, master, node), and Option for any other word. A
// token is a line without its newline, or, for the lines that do not start
// a block, a run of lines of one type (see runs).
type dlmLexer struct{}

func (dlmLexer) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{"EOF": dlmEOF, "Blank": tokBlank, "Comment": tokComment,
		"Indented": tokIndented, "Option": tokOption, "Device": tokDevice, "Connect": tokConnect,
		"Unfence": tokUnfence, "FenceAll": tokFenceAll, "UnfenceAll": tokUnfenceAll,
		"Lockspace": tokLockspace, "Master": tokMaster, "Node": tokNode}
}

func (d dlmLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(src))
}

func (dlmLexer) LexString(filename string, src string) (lexer.Lexer, error) {
	return &dlmLex{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

type dlmLex struct {
	src string
	pos lexer.Position // of the next line
}

// run reports whether a run of lines of type t is one token (the lines
// that do not start a block).
func run(t lexer.TokenType) bool {
	switch t {
	case tokDevice, tokFenceAll, tokUnfenceAll, tokLockspace:
		return false
	}
	return true
}

func (l *dlmLex) Next() (lexer.Token, error) {
	start := l.pos
	typ := lexer.TokenType(0)
	for l.pos.Offset < len(l.src) {
		line, _, nl := strings.Cut(l.src[l.pos.Offset:], "\n")
		t := lineType(line)
		if typ != 0 && (t != typ || !run(t)) {
			break
		}
		typ = t
		l.pos.Offset += len(line)
		if nl {
			l.pos.Offset++
			l.pos.Line++
		}
	}
	if typ == 0 {
		return lexer.EOFToken(l.pos), nil
	}
	v := l.src[start.Offset:l.pos.Offset]
	if l.pos.Offset > start.Offset && v[len(v)-1] == '\n' {
		v = v[:len(v)-1]
	}
	return lexer.Token{Type: typ, Value: v, Pos: start}, nil
}

// eachLine calls f with each line of t (a run of lines).
func eachLine(t lexer.Token, f func(lexer.Token)) {
	pos, rest := t.Pos, t.Value
	for {
		line, after, nl := strings.Cut(rest, "\n")
		f(lexer.Token{Type: t.Type, Value: line, Pos: pos})
		if !nl {
			return
		}
		pos.Offset += len(line) + 1
		pos.Line++
		rest = after
	}
}

// firstLine is the first line of t.
func firstLine(t lexer.Token) lexer.Token {
	t.Value, _, _ = strings.Cut(t.Value, "\n")
	return t
}

func lineType(line string) lexer.TokenType {
	line = strings.TrimRight(line, "\r")
	switch {
	case strings.TrimSpace(line) == "":
		return tokBlank
	case line[0] == '#':
		return tokComment
	case line[0] == ' ' || line[0] == '\t':
		return tokIndented
	}
	first := strings.TrimLeft(line, "\r") // as words() reads it
	if i := strings.IndexAny(first, " \t\r="); i >= 0 {
		first = first[:i]
	}
	if t, ok := lineWords[first]; ok {
		return t
	}
	return tokOption
}

// dlmParser is built on first use: building a grammar is start-up cost.
var dlmParser = sync.OnceValue(func() *participle.Parser[dlmFile] {
	return participle.MustBuild[dlmFile](participle.Lexer(dlmLexer{}))
})
