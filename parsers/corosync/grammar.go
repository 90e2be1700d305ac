package corosync

import (
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of corosync.conf(5): the file is a list of items; an item is
// a section or lines; a section is "name {", its items, and "}"; lines are
// "key: value" lines, comments and the lines corosync rejects. The lexer
// (ccLexer) reads the file a line at a time, as exec/coroparse.c does; the
// grammar nests sections, and lowering (syntax.go) reads each line.
//
// corosync's own leniencies are part of the grammar, so that a broken file
// is read to its end and lowering reports each fault where it is: a "}"
// that closes no section is an item of the file, and a section whose "}"
// never comes ends with the file.
type ccFile struct {
	Body []*ccTop `parser:"@@*"`
}

type ccTop struct {
	Body  *ccBody     `parser:"  @@"`
	Stray lexer.Token `parser:"| @Close"`
}

type ccBody struct {
	Lines   lexer.Token `parser:"  @Lines"`
	Section *ccSection  `parser:"| @@"`
}

type ccSection struct {
	Open  lexer.Token   `parser:"@Open"`
	Body  []*ccBody     `parser:"@@*"`
	Close []lexer.Token `parser:"@Close?"`
}

// Token types of the corosync.conf lexer.
const (
	ccEOF lexer.TokenType = lexer.EOF - iota
	ccOpen
	ccClose
	ccLines
)

// Kinds of lines (lineKind), which lowering tells apart.
const (
	lineComment = iota
	lineKey
	lineAssign
	lineBare
)

// ccLexer is corosync.conf's lexer. coroparse.c decides what a line is by
// what it contains, in this order: a line that is blank or whose first
// non-blank byte is "#" is a comment; a "{" anywhere Opens a section (so
// "key: a{b" does); else a ":" anywhere makes a key; else a "}" anywhere
// Closes a section. An Open or Close token is its line without the
// newline; a Lines token is a run of the other lines (keys, comments,
// empty lines and the lines corosync rejects; see lineKind), without the
// run's last newline.
type ccLexer struct{}

func (ccLexer) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{"EOF": ccEOF, "Open": ccOpen, "Close": ccClose, "Lines": ccLines}
}

func (d ccLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(src))
}

func (ccLexer) LexString(filename string, src string) (lexer.Lexer, error) {
	return &ccLex{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

type ccLex struct {
	src string
	pos lexer.Position // of the next line
}

func (l *ccLex) Next() (lexer.Token, error) {
	start := l.pos
	for l.pos.Offset < len(l.src) {
		line, _, nl := strings.Cut(l.src[l.pos.Offset:], "\n")
		t := lineType(line)
		if t != ccLines && l.pos.Offset > start.Offset {
			break // the run before this line first
		}
		l.pos.Offset += len(line)
		if nl {
			l.pos.Offset++
			l.pos.Line++
			l.pos.Column = 1
		} else {
			l.pos.Column += utf8.RuneCountInString(line)
		}
		if t != ccLines {
			return lexer.Token{Type: t, Value: line, Pos: start}, nil
		}
	}
	if l.pos.Offset == start.Offset {
		return lexer.EOFToken(l.pos), nil
	}
	return lexer.Token{Type: ccLines, Value: strings.TrimSuffix(l.src[start.Offset:l.pos.Offset], "\n"), Pos: start}, nil
}

func lineType(line string) lexer.TokenType {
	switch {
	case lineKind(line) == lineComment:
		return ccLines
	case strings.IndexByte(line, '{') >= 0:
		return ccOpen
	case strings.IndexByte(line, ':') < 0 && strings.IndexByte(line, '}') >= 0:
		return ccClose
	}
	return ccLines
}

// lineKind is what a line that neither opens nor closes a section is.
func lineKind(line string) int {
	if text, _, _ := trimBlank(line); text == "" || text[0] == '#' {
		return lineComment
	}
	switch {
	case strings.IndexByte(line, ':') >= 0:
		return lineKey
	case strings.IndexByte(line, '=') >= 0:
		return lineAssign
	}
	return lineBare
}

// ccParser is built on first use: building a grammar is start-up cost.
var ccParser = sync.OnceValue(func() *participle.Parser[ccFile] {
	return participle.MustBuild[ccFile](participle.Lexer(ccLexer{}))
})
