package clusterconf

// Diagnostic codes the parser reports (registered in verify/clusterconf.go).
const (
	// CodeSyntax: not well-formed XML, or not a cluster.conf document.
	CodeSyntax = "HA6901"
	// CodeUnknownElement: an element cluster.conf does not define here; kept.
	CodeUnknownElement = "HA6902"
	// CodeAttrType: an attribute value of the wrong type (not a number, ...).
	CodeAttrType = "HA6903"
	// CodeMissingAttr: a required attribute is missing.
	CodeMissingAttr = "HA6904"
	// CodeDuplicateAttr: an attribute given twice on one element.
	CodeDuplicateAttr = "HA6905"
	// CodeVendor: a vendor extension or unknown rgmanager resource type
	// (Proxmox pvevm, ...), kept and reported.
	CodeVendor = "HA6906"
	// CodeNumericBool: a flag rgmanager reads with atoi written as a word
	// ("yes"), which it reads as 0.
	CodeNumericBool = "HA6907"
)
