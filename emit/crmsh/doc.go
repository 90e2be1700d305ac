// Package crmsh writes hakit's model as crm shell configure statements in the
// layout of `crm configure show`: one statement per object, continuation
// lines introduced by " \" and indented with a tab, objects in crmsh's order.
// Whatever crm syntax cannot say is written with the `xml` escape, never
// dropped. It must not print, exit or read files.
package crmsh
