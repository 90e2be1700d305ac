package model

// Attr is one name="value" pair kept in document order.
type Attr struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Attrs is an ordered attribute list. Elements keep the attributes hakit has
// no typed field for in Base.Extra, so nothing read is lost on the way out.
type Attrs []Attr

// Get returns the value of name and whether it is present.
func (as Attrs) Get(name string) (string, bool) {
	for _, a := range as {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// Value returns the value of name, or "" when absent.
func (as Attrs) Value(name string) string { v, _ := as.Get(name); return v }

// Set replaces the value of name or appends it.
func (as *Attrs) Set(name, value string) {
	for i := range *as {
		if (*as)[i].Name == name {
			(*as)[i].Value = value
			return
		}
	}
	*as = append(*as, Attr{name, value})
}

// Delete removes name.
func (as *Attrs) Delete(name string) {
	out := (*as)[:0]
	for _, a := range *as {
		if a.Name != name {
			out = append(out, a)
		}
	}
	*as = out
}

// RawXML is an element hakit has no type for (a vendor extension, a newer
// schema's element, an XML escape in crm syntax). It is kept verbatim, reported
// by the parser that met it, and written back unchanged.
type RawXML struct {
	XML   string `json:"xml"`
	Range Range  `json:"range"`
}

// Base is embedded in every model element: where it came from and what of it
// hakit keeps without understanding.
type Base struct {
	Range Range `json:"range"`
	// Extra holds attributes without a typed field, in document order.
	Extra Attrs `json:"extra,omitempty"`
	// Unknown holds child elements without a type, in document order.
	Unknown []RawXML `json:"unknown,omitempty"`
	// Comments are the comments that preceded or sat inside the element
	// (crmsh keeps "# ..." lines before an object as XML comments inside it).
	Comments []string `json:"comments,omitempty"`
	// Layout is what the source's layout says beyond the content, so that
	// a document is written back as it was read; nil for most elements.
	Layout *Layout `json:"-"`
}

// Layout records the layout of an element read from XML.
type Layout struct {
	// CommentAt is, for each of Comments, the number of child elements that
	// preceded it, so that a comment inside a section is written back where
	// it was. Empty when unknown (comments go first).
	CommentAt []int
	// CommentIn is, for each of Comments, the child element it sat in when
	// that is not the element itself: a configuration keeps the comments
	// of its sections (<resources>, <constraints>, ...), which have no
	// model element, and names the section here ("" for its own).
	CommentIn []string
	// Empty names the typed attributes that were present with an empty
	// value (description=""): written back present, as they were read.
	Empty []string
	// Attrs names an element's attributes in document order, for an
	// <op> always (crm configure show prints an op's attributes as the
	// CIB has them) and elsewhere where the order is not the one emit/cib
	// writes (kept on the way out; crmsh's xml escapes show it). Nil
	// otherwise.
	Attrs []string
}

// Src returns the element's base; it lets code reach the range of any element
// behind an interface.
func (b *Base) Src() *Base { return b }

// Element is anything with a Base.
type Element interface{ Src() *Base }

// Secret holds a key, password or other credential. Its String, GoString,
// MarshalText and MarshalJSON forms are redacted, so a secret cannot reach a
// diagnostic, a log line or JSON/YAML output by accident. Emitters whose output
// format must carry it call Reveal.
type Secret struct{ v string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{v: s} }

// Reveal returns the secret itself. Only emitters whose format must carry the
// secret may call it.
func (s Secret) Reveal() string { return s.v }

// IsZero reports whether no secret is held.
func (s Secret) IsZero() bool { return s.v == "" }

const redacted = "<redacted>"

func (s Secret) String() string {
	if s.v == "" {
		return ""
	}
	return redacted
}

func (s Secret) GoString() string { return s.String() }

func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
