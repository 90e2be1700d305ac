// Package crmsh reads the crm shell configure language (crmsh 4.x, as
// `crm configure load update` reads it) into hakit's model, building the same
// CIB element structure and the same generated ids crmsh 4.4 builds.
//
// The lexer follows crmsh: backslash continuations are joined first, then each
// logical line is split the way Python's shlex does (single and double quotes,
// backslash escapes), and a line whose first character is '#' is a comment
// that belongs to the next statement. As an extension for hakit's testdata a
// lone "#" token after a statement starts a trailing comment; crmsh itself
// would read it as a token.
//
// The statement grammar is recursive descent over tokens, mirroring crmsh's
// own token-by-token matcher (whose grammar is context dependent: keywords are
// only keywords in some places, and some attributes are taken from the end of
// the statement first). Every statement is parsed on its own, so one bad
// statement gives one diagnostic and the rest of the file is still read.
//
// This package must not print, exit or panic on any input; it never runs
// crmsh and never looks at installed resource agents: a bare agent type is
// ocf:heartbeat:<type>, as crmsh resolves it when no other provider is known.
package crmsh
