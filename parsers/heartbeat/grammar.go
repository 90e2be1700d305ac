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

// The grammar of ha.cf (heartbeat's ha.cf(5)): a file is directive lines,
// each a directive's name and its values ("keepalive 2", "node a b",
// "mcast eth0 239.0.0.1 694 1 0"), each with the comment and blank lines
// before it, then the comment and blank lines after the last directive.
// "#" starts a comment anywhere on a line (so no value holds one), and no
// line continues on the next. (heartbeat reads a line with fgets into a
// buffer of MAXLINE, 5120 bytes, and takes what is left of a longer line
// for a line of its own; hakit reads the whole line.) A line whose name is
// not in heartbeat's directive table is Unknown: heartbeat refuses to
// start ("Illegal directive").
//
// The lexer (hcLexer) cuts each line as heartbeat's parse_config does and
// hands the grammar a run of lines of one kind as one token; lowering
// (hacf.go) reads each line's values the way the directive table
// (directives.go) says heartbeat does: an option applies each value on its
// own, a whole-line directive takes the rest of the line, a per-value
// medium makes a medium of each value, a whole-line medium is one medium
// its plugin reads. The table, not the grammar, tells those kinds apart,
// and a run is one token, because participle costs more a token (a parse
// context for each repetition and each alternative it tries, a few values)
// than lowering costs a line: a token a line, or a run a kind, made the
// grammar 1.2-1.4x slower than heartbeat's line scanner on sample-sized
// files.
type hcFile struct {
	Tokens []lexer.Token // its lines
	Lines  bool          `parser:"( Directives | Unknown )* Comments?"`
}

// Token types of the ha.cf lexer.
const (
	hcEOF lexer.TokenType = lexer.EOF - iota
	hcDirectives
	hcUnknown
	hcComments
)

var hcSymbols = map[string]lexer.TokenType{"EOF": hcEOF, "Directives": hcDirectives,
	"Unknown": hcUnknown, "Comments": hcComments}

// hcLexer is ha.cf's lexer; it reads a line at a time. A token is a run of
// directive lines whose names heartbeat knows (Directives) or does not
// (Unknown), with the comment and blank lines before each of them, without
// the run's last newline; Comments is the comment and blank lines after the
// last directive.
type hcLexer struct{}

func (hcLexer) Symbols() map[string]lexer.TokenType { return hcSymbols }

func (d hcLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(src))
}

func (hcLexer) LexString(filename string, src string) (lexer.Lexer, error) {
	return &hcLex{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

type hcLex struct {
	src string
	pos lexer.Position // of the next line
	// directives counts the directive lines read so far
	directives int
}

// hcType is the token type of a directive named name.
func hcType(name string) lexer.TokenType {
	if _, ok := directives[name]; ok || name == "udp" { // bcast's old name
		return hcDirectives
	}
	return hcUnknown
}

func (l *hcLex) Next() (lexer.Token, error) {
	start := l.pos
	typ := hcComments
	after := start // the run's end: after its last directive line
	for l.pos.Offset < len(l.src) {
		line, _, nl := strings.Cut(l.src[l.pos.Offset:], "\n")
		if s, e, name, _ := hcLine(line); s < e {
			t := hcType(line[s:name])
			if typ == hcComments {
				typ = t
			} else if t != typ {
				break
			}
			l.directives++
			after = l.pos
			after.Offset += len(line)
			if nl {
				after.Offset++
				after.Line++
			}
		}
		l.pos.Offset += len(line)
		if nl {
			l.pos.Offset++
			l.pos.Line++
		}
	}
	if typ != hcComments {
		l.pos = after // the comments before the next run are its own
	}
	if l.pos.Offset == start.Offset {
		return lexer.EOFToken(l.pos), nil
	}
	return lexer.Token{Type: typ, Value: strings.TrimSuffix(l.src[start.Offset:l.pos.Offset], "\n"), Pos: start}, nil
}

// hcLine cuts an ha.cf line (without its newline) as heartbeat does: the
// directive part ends at "#" (and at a CR ending the line); s, e is its
// extent without blanks, name ends the name (at a blank or a comma), and
// lineEnd is the line's end without the CR.
func hcLine(line string) (s, e, name, lineEnd int) {
	lineEnd = len(line)
	if lineEnd > 0 && line[lineEnd-1] == '\r' {
		lineEnd--
	}
	e = lineEnd
	if i := strings.IndexByte(line[:lineEnd], '#'); i >= 0 {
		e = i
	}
	s, e = trimSpan(line, 0, e)
	name = s
	for name < e && !isBlank(line[name]) && line[name] != ',' {
		name++
	}
	return s, e, name, lineEnd
}

// hcParser is built on first use: building a grammar is start-up cost.
var hcParser = sync.OnceValue(func() *participle.Parser[hcFile] {
	return participle.MustBuild[hcFile](participle.Lexer(hcLexer{}))
})
