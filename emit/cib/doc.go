// Package cib writes the model as Pacemaker CIB XML: the whole <cib> with its
// header, configuration and (unless Options.OmitStatus) status, 2-space
// indented, deterministic: sections in schema order, elements in model order,
// known attributes in Pacemaker's usual order followed by Base.Extra. Every id
// is kept, and so is every unknown attribute (Base.Extra) and unknown element
// (Base.Unknown, written back with its inner content as it was read).
//
// Elements without an id get one as pcs names them for attribute sets,
// nvpairs and operations, and as crmsh names rules and expressions:
//
//	<rsc>-instance_attributes, <rsc>-meta_attributes, <rsc>-utilization
//	<set>-<name>                      nvpair (pcs: d1-instance_attributes-fake)
//	<rsc>-<op>-interval-<interval>    op (pcs; crmsh writes <rsc>-<op>-<interval>)
//	cib-bootstrap-options, rsc-options, op-options, nodes-<id>
//	location-<rsc>, colocation-<rsc>-<with>, order-<first>-<then>,
//	ticket-<ticket>-<rsc>             constraints (pcs)
//	<constraint>-rule, <rule>-expression, <constraint>-set
//	fl-<target>-<index>               fencing level (pcs)
//
// made valid XML IDs and unique in the document by a -1, -2, ... suffix.
// A model without a CIB header is written in the shape of `cibadmin --empty`
// naming Options.ValidateWith (default DefaultValidateWith).
//
// This package must not print, read files, or change the model it is given.
package cib
