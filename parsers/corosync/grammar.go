package corosync

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of corosync.conf(5) as exec/coroparse.c reads it: a file is
// lines; a line is an item, a comment or nothing. An item is what its
// punctuation makes it (see ccLexer for which byte that is): "key: value"
// sets a key, "name {" opens a section, "}" ends one, and "key = value",
// which corosync rejects, is kept so that lowering can say what was meant;
// a line of text alone is a bare word (a section name whose "{" is on the
// next line, or junk). Nesting is not in the grammar: corosync keeps a
// stack of open sections, and so does lowering (syntax.go), which is how an
// unbalanced brace is reported with the rest of the file still read.
type ccFile struct {
	Lines []*ccLine `parser:"@@*"`
}

type ccLine struct {
	Punct   string `parser:"(  Text? @(':' | '{' | '}' | '=') Text?"`
	Comment bool   `parser:" | @Comment"`
	Bare    bool   `parser:" | @Text )?"`

	EOL lexer.Token `parser:"@EOL"`
}

// Token types of the corosync.conf lexer.
const (
	ccEOF lexer.TokenType = lexer.EOF - iota
	ccComment
	ccText
	ccPunct
	ccEOL
)

// ccLexer is corosync.conf's lexer. A line whose first non-blank byte is
// "#" (or a line of blanks) is one Comment token. Elsewhere one byte of the
// line is punctuation and the text on either side of it Text, blanks
// included (coroparse.c trims them from names and values, lowering does
// too): the first "{" of the line if it has one, else its first ":", else
// its first "}" — the order in which coroparse.c looks for them, so that
// "key: a{b" opens a section as it does for corosync — and else its first
// "=" (no corosync syntax, reported). Every line ends with an EOL token,
// the last one empty when the file does not end with a newline.
type ccLexer struct{}

func (ccLexer) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{"EOF": ccEOF, "Comment": ccComment, "Text": ccText, "Punct": ccPunct, "EOL": ccEOL}
}

func (d ccLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexBytes(filename, src)
}

func (ccLexer) LexBytes(filename string, src []byte) (lexer.Lexer, error) {
	return &ccLex{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}, bol: true}, nil
}

type ccLex struct {
	src   []byte
	pos   lexer.Position
	bol   bool // at the beginning of a line
	punct int  // the offset of the line's punctuation, or -1
	done  bool
}

func (l *ccLex) tok(t lexer.TokenType, n int) lexer.Token {
	v := string(l.src[l.pos.Offset : l.pos.Offset+n])
	tk := lexer.Token{Type: t, Value: v, Pos: l.pos}
	l.pos.Offset += n
	if t == ccEOL && n > 0 {
		l.pos.Line++
		l.pos.Column = 1
		l.bol = true
	} else {
		l.pos.Column += utf8.RuneCountInString(v)
	}
	return tk
}

func (l *ccLex) Next() (lexer.Token, error) {
	rest := l.src[l.pos.Offset:]
	if len(rest) == 0 {
		if !l.bol && !l.done {
			l.done = true
			return l.tok(ccEOL, 0), nil
		}
		return lexer.EOFToken(l.pos), nil
	}
	if rest[0] == '\n' {
		return l.tok(ccEOL, 1), nil
	}
	eol := bytes.IndexByte(rest, '\n')
	if eol < 0 {
		eol = len(rest)
	}
	line := rest[:eol]
	if l.bol {
		l.bol = false
		l.punct = -1
		if isComment(line) {
			return l.tok(ccComment, eol), nil
		}
		for _, c := range []byte("{:}=") {
			if i := bytes.IndexByte(line, c); i >= 0 {
				l.punct = l.pos.Offset + i
				break
			}
		}
	}
	switch {
	case l.pos.Offset == l.punct:
		return l.tok(ccPunct, 1), nil
	case l.punct > l.pos.Offset:
		return l.tok(ccText, l.punct-l.pos.Offset), nil
	}
	return l.tok(ccText, eol), nil
}

// isComment reports whether line is blank or a comment ("#" first after
// corosync's blanks).
func isComment(line []byte) bool {
	for i := 0; i < len(line); {
		switch {
		case line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\f' || line[i] == '\v':
			i++
		case bytes.HasPrefix(line[i:], []byte(nbsp)):
			i += len(nbsp)
		default:
			return line[i] == '#'
		}
	}
	return true
}

var ccParser = participle.MustBuild[ccFile](participle.Lexer(ccLexer{}))
