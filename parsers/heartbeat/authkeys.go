package heartbeat

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"hakit/model"
)

// AuthMethods are the HBauth plugins of heartbeat 3.0.6 and whether each
// needs a secret.
var AuthMethods = map[string]bool{"crc": false, "md5": true, "sha1": true}

func isMethod(m string) bool { _, ok := AuthMethods[m]; return ok }

// ParseAuthkeys parses an authkeys file whose mode is unknown (stdin, a
// test). See ParseAuthkeysMode.
func ParseAuthkeys(src []byte, filename string) (*model.Cluster, model.Diagnostics) {
	return ParseAuthkeysMode(src, filename, 0, false)
}

// ParseAuthkeysMode parses an authkeys file: "auth N" and "N method
// [secret]" lines. mode is the file's permission bits as read from the file
// system (hasMode false when unknown); the permission rule reads them from
// model.AuthKeys. Secrets go into model.Secret only.
func ParseAuthkeysMode(src []byte, filename string, mode fs.FileMode, hasMode bool) (*model.Cluster, model.Diagnostics) {
	f := newFile(src, filename)
	ak := &model.AuthKeys{Mode: uint32(mode.Perm()), HasMode: hasMode}
	ak.Range = f.rng(0, len(src))
	m := &model.Membership{Origin: "heartbeat", AuthKeys: ak}
	m.Range = ak.Range
	c := &model.Cluster{Membership: m}
	if !f.checkText("authkeys") {
		return c, f.diags
	}
	file, err := akParser().ParseString(filename, f.text)
	if err != nil {
		// The grammar reads every sequence of lines; this is a bug.
		f.errorf(0, 0, CodeAuthSyntax, "cannot read the file: %v", err)
		return c, f.diags
	}
	for _, t := range file.Tokens {
		off, num, rest := t.Pos.Offset, t.Pos.Line, t.Value
		for {
			line, after, nl := strings.Cut(rest, "\n")
			f.atLine(num, off, off+len(line))
			if s, e := trimSpan(src, off, off+len(line)); s < e && src[s] != '#' {
				if t.Type == akAuth {
					parseAuthLine(f, ak, s, e)
				} else {
					parseKeyLine(f, ak, s, e)
				}
			}
			if !nl {
				break
			}
			off, num, rest = off+len(line)+1, num+1, after
		}
	}
	return c, f.diags
}

// scanInt reads what C's "%d" reads at src[i:end]: blanks, a sign, digits.
// It returns the value, the extent of the number and whether one was read.
func scanInt(src []byte, i, end int) (n int, start, stop int, ok bool) {
	for i < end && strings.IndexByte(blankDelims, src[i]) >= 0 {
		i++
	}
	start = i
	if i < end && (src[i] == '+' || src[i] == '-') {
		i++
	}
	d := i
	for i < end && src[i] >= '0' && src[i] <= '9' {
		i++
	}
	if i == d {
		return 0, start, start, false
	}
	v, err := strconv.Atoi(string(src[start:i]))
	if err != nil {
		// out of int range: heartbeat's sscanf gives garbage; call it invalid
		return 0, start, i, false
	}
	return v, start, i, true
}

func parseAuthLine(f *file, ak *model.AuthKeys, s, e int) {
	if !strings.HasPrefix(f.text[s:e], "auth") {
		f.errorf(s, e, CodeAuthSyntax, "invalid authkeys line: a line starting with \"a\" must be \"auth N\"")
		return
	}
	n, ns, ne, ok := scanInt(f.src, s+4, e)
	if !ok {
		f.errorf(s, e, CodeAuthSyntax, "invalid auth line: expected \"auth N\" with N the index of a key below")
		return
	}
	if rs, re := trimSpan(f.src, ne, e); rs < re {
		f.warnf(rs, re, CodeLastWins, "text after \"auth %d\" is ignored by heartbeat", n)
	}
	ak.Active = n
	ak.ActiveRange = f.rng(ns, ne)
}

func parseKeyLine(f *file, ak *model.AuthKeys, s, e int) {
	n, _, ne, ok := scanInt(f.src, s, e)
	if !ok {
		// Never quote the line: it may hold a secret.
		f.errorf(s, e, CodeAuthSyntax, "invalid authkeys line: expected \"auth N\" or \"N method [secret]\"")
		return
	}
	toks := tokenize(f.text, ne, e, blankDelims)
	if len(toks) == 0 {
		f.errorf(s, e, CodeAuthSyntax, "authkeys key %d has no method (crc, md5 or sha1)", n)
		return
	}
	k := &model.AuthKey{Index: n, Method: toks[0].text}
	k.Range = f.rng(s, e)
	needsKey, known := AuthMethods[k.Method]
	if !known {
		// Quote the method only when it is a case variant of a real one: a
		// line that lacks its method has the secret in this place.
		if l := strings.ToLower(k.Method); isMethod(l) {
			f.errorf(toks[0].start, toks[0].end, CodeAuthSyntax, "authkeys key %d: unknown method %q: method names are lower-case (%s)", n, k.Method, l)
		} else {
			f.errorf(toks[0].start, toks[0].end, CodeAuthSyntax, "authkeys key %d: unknown method (heartbeat 3.0.6 has crc, md5 and sha1; is the method missing?)", n)
			k.Method = ""
		}
	}
	if len(toks) > 1 {
		k.Secret = model.NewSecret(toks[1].text)
		if len(toks) > 2 {
			f.warnf(toks[2].start, toks[len(toks)-1].end, CodeLastWins, "authkeys key %d: text after the secret is ignored by heartbeat (a secret cannot contain blanks)", n)
		}
	}
	switch {
	case known && needsKey && len(toks) < 2:
		f.errorf(s, e, CodeAuthSyntax, "authkeys key %d: method %s requires a secret", n, k.Method)
	case known && !needsKey && len(toks) > 1:
		f.errorf(toks[1].start, e, CodeAuthSyntax, "authkeys key %d: method crc takes no secret; heartbeat treats one as an error", n)
	}
	ak.Keys = append(ak.Keys, k)
}

// ReadAuthkeys reads and parses the authkeys file at path with its mode.
// A path that is a directory or cannot be read gives a diagnostic at the
// file, never an error.
func ReadAuthkeys(path string) (*model.Cluster, model.Diagnostics) {
	r := model.Range{Filename: path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 1}}
	var ds model.Diagnostics
	st, err := os.Stat(path)
	if err != nil {
		ds.Errorf(r, CodeUnreadable, "cannot read authkeys file %s: %s", path, describeErr(err))
		return nil, ds
	}
	if st.IsDir() {
		ds.Errorf(r, CodeUnreadable, "authkeys file %s is a directory, not a file", path)
		return nil, ds
	}
	src, err := os.ReadFile(path)
	if err != nil {
		ds.Errorf(r, CodeUnreadable, "cannot read authkeys file %s: %s", path, describeErr(err))
		return nil, ds
	}
	return ParseAuthkeysMode(src, path, st.Mode().Perm(), true)
}

func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}
