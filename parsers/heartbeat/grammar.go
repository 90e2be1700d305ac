package heartbeat

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of authkeys (heartbeat's authkeys(5)): an "auth N" line
// naming the active key, and key lines "N method [secret]", in any order,
// with comments and blank lines anywhere. The lexer (akLexer) reads a line
// at a time, as heartbeat does; lowering (authkeys.go) reads the number,
// the method and the secret of each line as heartbeat's sscanf does.
type akFile struct {
	Tokens []lexer.Token // its lines
	Lines  bool          `parser:"(Auth | Keys)*"`
}

// Token types of the authkeys lexer.
const (
	akEOF lexer.TokenType = lexer.EOF - iota
	akAuth
	akKeys
)

// akLexer is authkeys' lexer. heartbeat takes a line whose first byte after
// blanks is "a" for the auth line: an Auth token is that line. A Keys token
// is a run of other lines (key lines, comments: "#" first after blanks, and
// blank lines), without the run's last newline.
type akLexer struct{}

var akSymbols = map[string]lexer.TokenType{"EOF": akEOF, "Auth": akAuth, "Keys": akKeys}

func (akLexer) Symbols() map[string]lexer.TokenType { return akSymbols }

func (d akLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(src))
}

func (akLexer) LexString(filename string, src string) (lexer.Lexer, error) {
	return &akLex{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

type akLex struct {
	src string
	pos lexer.Position // of the next line
}

func (l *akLex) Next() (lexer.Token, error) {
	start := l.pos
	for l.pos.Offset < len(l.src) {
		line, _, nl := strings.Cut(l.src[l.pos.Offset:], "\n")
		auth := strings.HasPrefix(strings.TrimLeft(line, blankDelims), "a")
		if auth && l.pos.Offset > start.Offset {
			break // the run before this line first
		}
		l.pos.Offset += len(line)
		if nl {
			l.pos.Offset++
			l.pos.Line++
		}
		if auth {
			return lexer.Token{Type: akAuth, Value: line, Pos: start}, nil
		}
	}
	if l.pos.Offset == start.Offset {
		return lexer.EOFToken(l.pos), nil
	}
	return lexer.Token{Type: akKeys, Value: strings.TrimSuffix(l.src[start.Offset:l.pos.Offset], "\n"), Pos: start}, nil
}

var akParser = participle.MustBuild[akFile](participle.Lexer(akLexer{}))
