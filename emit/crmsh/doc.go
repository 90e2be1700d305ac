// Package crmsh writes hakit's model as crm shell configure statements in the
// layout of `crm configure show`: one statement per object, continuation
// lines introduced by " \" and indented with a tab, objects in crmsh's order.
// Whatever crm syntax cannot say is written with the `xml` escape, never
// dropped. It must not print, exit or read files.
//
// Xml escapes are printed as crm configure show prints them: the CIB's
// attribute order, defaults dropped (a resource set's sequential and
// require-all "true", a rule's boolean-op "and", a node's type "normal"). A
// heartbeat agent whose bare name crmsh would give another provider (drbd
// is linbit's) makes its primitive an xml escape, and a bundle holding a
// primitive is an xml escape with the primitive inside while the primitive
// is also written as a statement, as in crmsh (parsers/crmsh reads the two
// as one primitive, and refuses them when they differ).
//
// The text differs from crmsh's on purpose only where crmsh's would not load
// back to the same CIB: fencing levels whose ids or indexes are not the ones
// crmsh generates keep theirs through the xml escape (crmsh's
// fencing_topology form regenerates them); a defaults set whose id crmsh
// cannot write as "ID:" (a dot in it) keeps "$id=" (crmsh prints an xml
// <meta_attributes> that its own load refuses); type="string" is kept where
// the operation's default type is not string (crmsh drops it, which changes
// the comparison); values are written in full unless Options.Obscure says
// not (crmsh obscures passw* values, which would not load back).
package crmsh
