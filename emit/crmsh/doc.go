// Package crmsh writes hakit's model as crm shell configure statements in the
// layout of `crm configure show`: one statement per object, continuation
// lines introduced by " \" and indented with a tab, objects in crmsh's order.
// Whatever crm syntax cannot say is written with the `xml` escape, never
// dropped. It must not print, exit or read files.
//
// Where printing as crm configure show does would not load back to the same
// CIB, the text differs on purpose: ids crmsh regenerates (fencing levels,
// resource sets) keep theirs through the xml escape; a heartbeat agent whose
// bare name crmsh would give another provider keeps "ocf:heartbeat:" (crmsh
// prints such a primitive as xml); a bundle holding a primitive is written
// as a bundle (crmsh prints it as xml and the primitive a second time);
// a defaults set whose id crmsh cannot write as "ID:" keeps "$id=" (crmsh
// prints xml); type="string" is kept where the operation's default type is
// not string; values are written in full unless Options.Obscure says not
// (crmsh obscures passw* values); xml escapes list attributes in hakit's
// order, not the source's.
package crmsh
