package heartbeat

// Diagnostic codes reported by this package's parsers. Each is registered as
// a verify.Rule (with Check == nil) in verify/heartbeat.go.
const (
	// CodeUnknownDirective: an ha.cf directive heartbeat does not know.
	CodeUnknownDirective = "HA5001"
	// CodeBadTime: a value that is not heartbeat time syntax.
	CodeBadTime = "HA5002"
	// CodeBadValue: a malformed directive value (count, number, boolean,
	// enumeration, mcast fields).
	CodeBadValue = "HA5003"
	// CodeRepeated: a directive heartbeat allows only once.
	CodeRepeated = "HA5004"
	// CodeOrder: an order-dependent directive after what it should precede.
	CodeOrder = "HA5005"
	// CodeLastWins: a single-valued directive given several values.
	CodeLastWins = "HA5006"
	// CodeAuthSyntax: a malformed authkeys line or method.
	CodeAuthSyntax = "HA5010"
	// CodeHaresSyntax: a malformed haresources line.
	CodeHaresSyntax = "HA5020"
	// CodeHostsSyntax: a malformed hosts file line.
	CodeHostsSyntax = "HA5030"
	// CodeUnreadable: the file could not be read (a directory, permission
	// denied), holds no text, or is no heartbeat file; the front door's
	// generic code (parsers.CodeUnreadable), which this package cannot
	// import.
	CodeUnreadable = "HA0001"
)
