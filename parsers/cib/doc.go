// Package cib reads Pacemaker CIB XML into the shared model, losslessly: a
// whole <cib> (with or without <status>) or a bare <configuration>, from the
// pacemaker-1.0 schema to pacemaker-3.10 and documents without a schema.
//
// Known attributes become typed model fields; unknown attributes go to
// Base.Extra, unknown elements to Base.Unknown (verbatim) and comments to
// Base.Comments, so emit/cib can write back everything that was read. The
// parser reports malformed XML, a root that is not a CIB, unknown elements and
// attributes, duplicate attributes and ids, dangling id references and missing
// required attributes as HA01xx diagnostics (see verify/cib.go).
//
// The tree comes from beevik/etree; positions from a second encoding/xml pass
// keyed by InputOffset, since etree records none. Entities are never expanded
// (encoding/xml does not read DTDs), depth and element count are capped.
//
// This package must not print, exit, panic, or judge Pacemaker semantics (a
// colocation with a missing resource is a verify rule's business, not the
// parser's).
package cib
