package heartbeat

import (
	"io"
	"strings"
	"sync"
	"unicode/utf8"

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

// akParser is built on first use: building a grammar is start-up cost.
var akParser = sync.OnceValue(func() *participle.Parser[akFile] {
	return participle.MustBuild[akFile](participle.Lexer(akLexer{}))
})

// The grammar of haresources (heartbeat's haresources(5)): each line is a
// node's name and the resources it runs first, "node resource..."; a
// resource is "script::arg::arg..." or an IP address. A line continues on
// the next when it ends in "\"; "#" starts a comment anywhere (comment
// lines before a resource line are kept with it). The lexer (hrLexer) cuts
// comments and continuations as ResourceManager does; lowering
// (haresources.go) reads the words of a line and each resource.
type hrFile struct {
	Tokens []lexer.Token // its lines' tokens
	Lines  bool          `parser:"( Comment | Backslash | Line Continued* Dangling? )*"`
}

// Token types of the haresources lexer.
const (
	hrEOF lexer.TokenType = lexer.EOF - iota
	hrComment
	hrLine
	hrContinued
	hrDangling
	hrBackslash
)

var hrSymbols = map[string]lexer.TokenType{"EOF": hrEOF, "Comment": hrComment, "Line": hrLine,
	"Continued": hrContinued, "Dangling": hrDangling, "Backslash": hrBackslash}

// hrLexer is haresources' lexer; it reads a physical line at a time. A
// Comment is the text from "#" of a line with nothing before it, outside a
// resource line. A Line is the words of the physical line that starts a
// resource line (from its first word to its last, without a comment and
// the "\" that continues it), Continued the words of a physical line that
// continues one. Dangling is the "\" that continues the last line of the
// file onto nothing, Backslash the same "\" alone outside a resource line.
type hrLexer struct{}

func (hrLexer) Symbols() map[string]lexer.TokenType { return hrSymbols }

func (d hrLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(src))
}

func (hrLexer) LexString(filename string, src string) (lexer.Lexer, error) {
	return &hrLex{src: src, file: filename, line: 1}, nil
}

type hrLex struct {
	src, file string
	off, line int  // the next line: its first byte and number
	inLine    bool // a resource line goes on
	queue     [3]lexer.Token
	n, next   int // tokens in queue, the next to return
}

func (l *hrLex) pos(lineStart, off int) lexer.Position {
	return lexer.Position{Filename: l.file, Offset: off, Line: l.line, Column: 1 + utf8.RuneCountInString(l.src[lineStart:off])}
}

func (l *hrLex) Next() (lexer.Token, error) {
	for l.next == l.n {
		if l.off >= len(l.src) {
			return lexer.EOFToken(lexer.Position{Filename: l.file, Offset: len(l.src), Line: l.line}), nil
		}
		l.scanLine()
	}
	l.next++
	return l.queue[l.next-1], nil
}

func (l *hrLex) add(t lexer.Token) {
	l.queue[l.n] = t
	l.n++
}

// scanLine reads the next physical line into the queue.
func (l *hrLex) scanLine() {
	l.n, l.next = 0, 0
	start := l.off
	line, _, nl := strings.Cut(l.src[start:], "\n")
	l.off += len(line)
	if nl {
		l.off++
	}
	last := l.off >= len(l.src)
	end := start + len(strings.TrimSuffix(line, "\r"))
	lineEnd := end
	if j := strings.IndexByte(l.src[start:lineEnd], '#'); j >= 0 {
		end = start + j
		if strings.TrimLeft(l.src[start:end], blankDelims) == "" && !l.inLine {
			l.add(lexer.Token{Type: hrComment, Value: l.src[end:lineEnd], Pos: l.pos(start, end)})
		}
	}
	s, e := trimSpan(l.src, start, end)
	cont := e > s && l.src[e-1] == '\\'
	if cont {
		e--
	}
	dangling := hrBackslash
	if l.inLine {
		dangling = hrDangling
	}
	if ws, we := trimSpan(l.src, s, e); ws < we {
		dangling = hrDangling
		t := hrContinued
		if !l.inLine {
			t, l.inLine = hrLine, true
		}
		l.add(lexer.Token{Type: t, Value: l.src[ws:we], Pos: l.pos(start, ws)})
	}
	if cont && last {
		l.add(lexer.Token{Type: dangling, Value: "\\", Pos: l.pos(start, e)})
	}
	if !cont {
		l.inLine = false
	}
	l.line++
}

// hrParser is built on first use: building a grammar is start-up cost.
var hrParser = sync.OnceValue(func() *participle.Parser[hrFile] {
	return participle.MustBuild[hrFile](participle.Lexer(hrLexer{}))
})
