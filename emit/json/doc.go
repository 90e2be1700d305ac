// Package json writes the whole model as JSON, for scripts and for people who
// want to see what hakit understood.
//
// The shape: keys are the model's json struct tags, in the order the model
// declares its fields; embedded structs (model.Base, model.ResourceCommon) are
// flattened as encoding/json does, and fields tagged omitempty are left out
// when empty. Values of the model's sealed interfaces carry a "kind" key
// first:
//
//   - resources: "primitive", "template", "group", "clone" (also legacy
//     master, see its "element"), "bundle";
//   - constraints: "location", "colocation", "order", "ticket";
//   - rule expressions: "expression", "date_expression", "op_expression",
//     "rsc_expression", "rule".
//
// An element's own "kind" key yields to the discriminator and is written as
// "<kind>_kind": an order's Mandatory/Optional/Serialize is "order_kind".
//
// Every "range" is a string "file:line:col-line:col" (1-based, columns in
// code points), or absent with Options.OmitRanges. Secrets (model.Secret),
// and the values of attribute-set pairs whose name model.IsSensitive flags
// (a fence device's passwd), are written as "<redacted>"; severities as
// "info"/"warning"/"error".
//
//	{
//	  "sources": ["cib.xml"],
//	  "configuration": {
//	    "range": "cib.xml:3:3-40:19",
//	    "resources": [
//	      {"kind": "primitive", "range": "cib.xml:12:7-12:80", "id": "ip", "class": "ocf", ...}
//	    ]
//	  }
//	}
//
// The output is deterministic. emit/yaml writes the same shape as YAML. This
// package must not print, read files, or reveal a secret.
package json
