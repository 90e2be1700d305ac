package crmsh

import (
	"strings"
	"unicode/utf8"
)

// token is one shell word of a statement: its value after quote removal and
// the byte extent it had in the raw source.
type token struct {
	Val        string
	Start, End int
	Quoted     bool
}

// statement is one logical line (continuations joined).
type statement struct {
	Toks []token
	// Comments are the "#" lines that preceded the statement.
	Comments []string
	Start    int
}

// lexError is a lexical problem at a byte range.
type lexError struct {
	Code       string
	Msg        string
	Start, End int
}

// typographic quotes people paste from web pages and word processors.
var typoQuotes = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2033\u2032"

// lex splits src into statements. Errors carry the statement they spoiled:
// that statement is dropped and lexing resumes on the next line.
func lex(s string) ([]statement, []lexError) {
	var (
		stmts    []statement
		errs     []lexError
		comments []string
		// toks holds the tokens of all statements, each statement a
		// stretch of it: one allocation where there were a few per
		// statement (room for a token in 8 bytes; crm files have about
		// one in 10).
		toks = make([]token, 0, len(s)/8)
	)
	i := 0
	n := len(s)
	for i < n {
		// start of a physical line: skip blanks
		j := i
		for j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j >= n {
			break
		}
		if s[j] == '\n' {
			i = j + 1
			continue
		}
		if s[j] == '#' {
			e := strings.IndexByte(s[j:], '\n')
			if e < 0 {
				e = n - j
			}
			comments = append(comments, strings.TrimRight(s[j:j+e], " \t\r"))
			i = j + e
			continue
		}
		st := statement{Start: j, Comments: comments}
		comments = nil
		from := len(toks)
		next, lerr := lexLine(s, j, &toks)
		i = next
		if lerr != nil {
			toks = toks[:from]
			errs = append(errs, *lerr)
			continue
		}
		st.Toks = toks[from:len(toks):len(toks)]
		if len(st.Toks) > 0 {
			stmts = append(stmts, st)
		}
	}
	return stmts, errs
}

// continuation reports whether a backslash at i ends its physical line
// (trailing blanks allowed) and returns the offset after the newline.
func continuation(s string, i int) (int, bool) {
	j := i + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	if j >= len(s) {
		return j, true
	}
	if s[j] == '\n' {
		return j + 1, true
	}
	return 0, false
}

// skipIndent skips the leading blanks of a continued line.
func skipIndent(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// lexLine reads one logical line starting at i, appending its tokens to
// toks. It returns the offset after the line, or an error (after which the
// rest of the logical line is skipped; toks may then hold some of its
// tokens).
func lexLine(s string, i int, toks *[]token) (int, *lexError) {
	var (
		cur    strings.Builder
		in     bool // inside a token
		quoted bool
		// plain: the token so far is s[start:i] as it stands (no quote,
		// escape or continuation yet), so it needs no copy.
		plain bool
		start int
		n     = len(s)
		// first is where this line's tokens begin in toks.
		first = len(*toks)
	)
	flush := func(end int) {
		if in {
			v := s[start:end]
			if !plain {
				v = cur.String()
			}
			*toks = append(*toks, token{Val: v, Start: start, End: end, Quoted: quoted})
		}
		cur.Reset()
		in, quoted, plain = false, false, false
	}
	begin := func(at int) {
		if !in {
			in, start, plain = true, at, true
		}
	}
	// spill copies a plain token into cur before something that changes
	// its text.
	spill := func(at int) {
		if plain {
			cur.WriteString(s[start:at])
			plain = false
		}
	}
	skipRest := func(from int) int {
		// skip to the end of the logical line
		for k := from; k < n; k++ {
			if s[k] == '\\' {
				if nx, ok := continuation(s, k); ok {
					k = nx - 1
					continue
				}
			}
			if s[k] == '\n' {
				return k + 1
			}
		}
		return n
	}
	for i < n {
		c := s[i]
		switch {
		case c == '\n':
			flush(i)
			return i + 1, nil
		case c == ' ' || c == '\t' || c == '\r':
			flush(i)
			i++
		case c == '\\':
			if nx, ok := continuation(s, i); ok {
				// crmsh joins continued lines before splitting words:
				// the backslash and the next line's indent vanish.
				spill(i)
				i = skipIndent(s, nx)
				continue
			}
			begin(i)
			spill(i)
			if i+1 < n {
				r, sz := utf8.DecodeRuneInString(s[i+1:])
				cur.WriteRune(r)
				i += 1 + sz
			} else {
				i++
			}
		case c == '#' && !in && (i+1 >= n || s[i+1] == ' ' || s[i+1] == '\t' || s[i+1] == '\n' || s[i+1] == '\r') && len(*toks) > first:
			// trailing comment (hakit extension): to the end of the line
			flush(i)
			e := strings.IndexByte(s[i:], '\n')
			if e < 0 {
				return n, nil
			}
			return i + e + 1, nil
		case c == '\'' || c == '"':
			begin(i)
			spill(i)
			quoted = true
			q := c
			j := i + 1
			closed := false
			for j < n {
				d := s[j]
				if d == '\\' {
					if nx, ok := continuation(s, j); ok {
						j = skipIndent(s, nx)
						continue
					}
					if q == '"' && j+1 < n && (s[j+1] == '"' || s[j+1] == '\\') {
						cur.WriteByte(s[j+1])
						j += 2
						continue
					}
				}
				if d == '\n' {
					break
				}
				if d == q {
					closed = true
					break
				}
				cur.WriteByte(d)
				j++
			}
			if !closed {
				return skipRest(j), &lexError{Code: CodeUnterminated, Msg: "unterminated " + quoteName(q) + " quote (crmsh: No closing quotation)", Start: i, End: i + 1}
			}
			i = j + 1
		case c < utf8.RuneSelf:
			// (no typographic quote is ASCII)
			begin(i)
			if !plain {
				cur.WriteByte(c)
			}
			i++
		default:
			r, sz := utf8.DecodeRuneInString(s[i:])
			if strings.ContainsRune(typoQuotes, r) {
				return skipRest(i), &lexError{Code: CodeTypoQuote,
					Msg:   "typographic quote " + string(r) + " (pasted from a web page or word processor?); crm syntax quotes only with ASCII \" or '",
					Start: i, End: i + sz}
			}
			begin(i)
			if !plain {
				cur.WriteString(s[i : i+sz])
			}
			i += sz
		}
	}
	flush(n)
	// a continuation at the very end of the file
	if end := strings.TrimRight(s, " \t\r\n"); strings.HasSuffix(end, "\\") && !strings.HasSuffix(end, "\\\\") && len(*toks) > first {
		k := len(end) - 1
		return n, &lexError{Code: CodeUnterminated, Msg: "continuation backslash at the end of the file: the statement is never finished", Start: k, End: k + 1}
	}
	return n, nil
}

func quoteName(q byte) string {
	if q == '"' {
		return "double"
	}
	return "single"
}
