package model

// The types of the CMAN block (cluster.conf's cman-, fence- and
// rgmanager-specific parts); model.CMAN in origins.go holds them.

// CMANElement is a cluster.conf element kept generically: its name, its
// attributes as options (with positions) and its children. It holds the
// sections hakit reads but does not interpret further (<cman>'s
// <multicast>, <fence_daemon>, <dlm>, <gfs_controld>, <logging>, <events>).
type CMANElement struct {
	Base
	// Element is the element name.
	Element string `json:"element"`
	// Attrs are the element's attributes in document order.
	Attrs    Options        `json:"attrs,omitempty"`
	Children []*CMANElement `json:"children,omitempty"`
}

// Attr returns the value of attribute name, or "".
func (e *CMANElement) Attr(name string) string {
	if e == nil {
		return ""
	}
	return e.Attrs.Value(name)
}

// CMANNode is a clusternode's fencing: its methods (in order, which is the
// order fenced tries them) and its unfence devices.
type CMANNode struct {
	Base
	Name string `json:"name"`
	// Methods are the fence methods in document order.
	Methods []*FenceMethod `json:"methods,omitempty"`
	// FenceRange is the range of the <fence> element, zero when absent.
	FenceRange Range `json:"fence_range,omitzero"`
	// Unfence are the devices of <unfence>, in order.
	Unfence []*FenceDeviceRef `json:"unfence,omitempty"`
}

// FenceMethod is one <method>: every device in it must succeed.
type FenceMethod struct {
	Base
	Name    string            `json:"name,omitempty"`
	Devices []*FenceDeviceRef `json:"devices,omitempty"`
}

// FenceDeviceRef is a <device> inside a method or unfence: the name of a
// fencedevice and the node-specific agent arguments (port, action, ...);
// sensitive ones hold a Secret.
type FenceDeviceRef struct {
	Base
	Name string  `json:"name"`
	Args Options `json:"args,omitempty"`
}

// RGManager is cluster.conf's <rm> tree, kept natively.
type RGManager struct {
	Base
	// Attrs are <rm>'s attributes (log_level, central_processing, disabled, ...).
	Attrs           Options           `json:"attrs,omitempty"`
	FailoverDomains []*FailoverDomain `json:"failover_domains,omitempty"`
	// Resources are the shared definitions of <resources>.
	Resources []*RGResource `json:"resources,omitempty"`
	// Services are the top-level <service>, <vm> and vendor elements
	// (Proxmox <pvevm>, ...) in document order.
	Services []*RGResource `json:"services,omitempty"`
	// Other are further children of <rm> (<events>, <dependencies>).
	Other []*CMANElement `json:"other,omitempty"`
}

// FailoverDomain is a <failoverdomain>. The flags are kept as written;
// rgmanager reads them with atoi (only numbers count, "yes" is false).
type FailoverDomain struct {
	Base
	Name       string                `json:"name"`
	Attrs      Options               `json:"attrs,omitempty"`
	Ordered    bool                  `json:"ordered,omitempty"`
	Restricted bool                  `json:"restricted,omitempty"`
	NoFailback bool                  `json:"nofailback,omitempty"`
	Nodes      []*FailoverDomainNode `json:"nodes,omitempty"`
}

// FailoverDomainNode is a <failoverdomainnode>; Priority is 0 when not
// given (1 is the highest priority, 100 the lowest).
type FailoverDomainNode struct {
	Base
	Name     string `json:"name"`
	Priority int    `json:"priority,omitempty"`
}

// RGResource is an rgmanager resource: a definition in <resources>, a
// service, a vm, a vendor element or a resource nested in a service. Type is
// the element name (ip, fs, service, vm, pvevm, ...); Attrs are all its
// attributes including ref and the special __independent_subtree etc.
type RGResource struct {
	Base
	Type  string  `json:"type"`
	Attrs Options `json:"attrs,omitempty"`
	// Ref is the ref attribute: the primary attribute of a definition in
	// <resources> this element instantiates.
	Ref      string        `json:"ref,omitempty"`
	Children []*RGResource `json:"children,omitempty"`
	// Vendor marks elements no rgmanager schema defines (Proxmox pvevm,
	// ...): kept and reported, never dropped.
	Vendor bool `json:"vendor,omitempty"`
}

// Attr returns the value of attribute name, or "".
func (r *RGResource) Attr(name string) string {
	if r == nil {
		return ""
	}
	return r.Attrs.Value(name)
}

// Primary returns the resource's primary attribute value (address for ip,
// name otherwise), or Ref when the element is a reference.
func (r *RGResource) Primary() string {
	if r.Ref != "" {
		return r.Ref
	}
	if r.Type == "ip" {
		return r.Attr("address")
	}
	return r.Attr("name")
}
