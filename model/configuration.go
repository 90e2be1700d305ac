package model

// Configuration is the configuration section of a CIB.
type Configuration struct {
	Base
	// ClusterOptions are the cluster_property_set elements of crm_config.
	ClusterOptions []*NVSet `json:"cluster_options,omitempty"`
	Nodes          []*Node  `json:"nodes,omitempty"`
	// Resources are the top-level resources and templates in document order.
	Resources       []Resource       `json:"resources,omitempty"`
	Constraints     []Constraint     `json:"constraints,omitempty"`
	RscDefaults     []*NVSet         `json:"rsc_defaults,omitempty"`
	OpDefaults      []*NVSet         `json:"op_defaults,omitempty"`
	FencingTopology *FencingTopology `json:"fencing_topology,omitempty"`
	Tags            []*Tag           `json:"tags,omitempty"`
	Alerts          []*Alert         `json:"alerts,omitempty"`
	ACLs            *ACLs            `json:"acls,omitempty"`
	// Sections records which optional sections were present in the input,
	// even empty ones, as element names ("crm_config", "rsc_defaults", ...),
	// so a writer can reproduce them.
	Sections []string `json:"sections,omitempty"`
}

// NVSet is an attribute set: instance_attributes, meta_attributes,
// utilization, cluster_property_set (crm_config), or attributes (legacy).
type NVSet struct {
	Base
	// Kind is the element name ("instance_attributes", "meta_attributes",
	// "utilization", "cluster_property_set", "attributes").
	Kind  string    `json:"kind"`
	ID    string    `json:"id,omitempty"`
	IDRef string    `json:"id_ref,omitempty"`
	Score string    `json:"score,omitempty"`
	Rule  *Rule     `json:"rule,omitempty"`
	Pairs []*NVPair `json:"pairs,omitempty"`
}

// Get returns the value of the first pair called name.
func (s *NVSet) Get(name string) (string, bool) {
	if s == nil {
		return "", false
	}
	for _, p := range s.Pairs {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// NVPair is one name/value pair of an attribute set.
type NVPair struct {
	Base
	ID    string `json:"id,omitempty"`
	IDRef string `json:"id_ref,omitempty"`
	Name  string `json:"name"`
	Value string `json:"value"`
	// NoValue is set when the pair had no value attribute at all (Pacemaker
	// reads that as unset, which differs from an empty string).
	NoValue bool `json:"no_value,omitempty"`
}

// Lookup finds name in the first set of sets (in order) that has it, ignoring
// rules; this is how a set list reads in the common case of no rules.
func Lookup(sets []*NVSet, name string) (string, bool) {
	for _, s := range sets {
		if v, ok := s.Get(name); ok {
			return v, true
		}
	}
	return "", false
}

// ClusterOption reads a cluster option from crm_config, ignoring rules.
func (c *Configuration) ClusterOption(name string) (string, bool) {
	if c == nil {
		return "", false
	}
	return Lookup(c.ClusterOptions, name)
}

// Node is a cluster node in the configuration's nodes section.
type Node struct {
	Base
	ID            string   `json:"id"`
	Uname         string   `json:"uname"`
	Type          string   `json:"type,omitempty"` // member, ping, remote; "normal" in old schemas
	Description   string   `json:"description,omitempty"`
	Score         string   `json:"score,omitempty"`
	InstanceAttrs []*NVSet `json:"instance_attributes,omitempty"`
	Utilization   []*NVSet `json:"utilization,omitempty"`
}

// Resource is a sealed sum type: *Primitive (also templates), *Group, *Clone,
// *Bundle.
type Resource interface {
	Element
	ResourceID() string
	isResource()
}

// ResourceCommon holds what every resource kind has.
type ResourceCommon struct {
	Base
	ID            string   `json:"id"`
	Description   string   `json:"description,omitempty"`
	MetaAttrs     []*NVSet `json:"meta_attributes,omitempty"`
	InstanceAttrs []*NVSet `json:"instance_attributes,omitempty"`
	Utilization   []*NVSet `json:"utilization,omitempty"`
}

// ResourceID returns the resource's id.
func (r *ResourceCommon) ResourceID() string { return r.ID }

// Meta reads a meta attribute of the resource itself, ignoring rules.
func (r *ResourceCommon) Meta(name string) (string, bool) { return Lookup(r.MetaAttrs, name) }

// Primitive is a primitive resource or, with IsTemplate, a resource template.
type Primitive struct {
	ResourceCommon
	// IsTemplate marks a <template> element.
	IsTemplate bool   `json:"template_element,omitempty"`
	Class      string `json:"class,omitempty"`
	Provider   string `json:"provider,omitempty"`
	Type       string `json:"type,omitempty"`
	// Template is the id of the template this primitive is built on.
	Template   string      `json:"template,omitempty"`
	Operations *Operations `json:"operations,omitempty"`
}

// Agent returns the agent specification, "class:provider:type" or
// "class:type".
func (p *Primitive) Agent() string {
	if p.Provider != "" {
		return p.Class + ":" + p.Provider + ":" + p.Type
	}
	if p.Class == "" {
		return p.Type
	}
	return p.Class + ":" + p.Type
}

// Operations is the operations element of a primitive.
type Operations struct {
	Base
	ID    string `json:"id,omitempty"`
	IDRef string `json:"id_ref,omitempty"`
	Ops   []*Op  `json:"ops,omitempty"`
}

// Op is one configured operation.
type Op struct {
	Base
	ID             string   `json:"id,omitempty"`
	IDRef          string   `json:"id_ref,omitempty"`
	Name           string   `json:"name"`
	Interval       string   `json:"interval"`
	Timeout        string   `json:"timeout,omitempty"`
	Description    string   `json:"description,omitempty"`
	StartDelay     string   `json:"start_delay,omitempty"`
	IntervalOrigin string   `json:"interval_origin,omitempty"`
	Enabled        string   `json:"enabled,omitempty"`
	RecordPending  string   `json:"record_pending,omitempty"`
	Role           string   `json:"role,omitempty"`
	Requires       string   `json:"requires,omitempty"`
	OnFail         string   `json:"on_fail,omitempty"`
	MetaAttrs      []*NVSet `json:"meta_attributes,omitempty"`
	InstanceAttrs  []*NVSet `json:"instance_attributes,omitempty"`
}

// Group is an ordered, colocated list of primitives.
type Group struct {
	ResourceCommon
	Members []*Primitive `json:"members"`
}

// Clone is a clone, a promotable clone, or a legacy master/slave resource.
type Clone struct {
	ResourceCommon
	// Element is "clone" or "master" (legacy master/slave).
	Element string `json:"element"`
	// Child is a *Primitive or a *Group.
	Child Resource `json:"child"`
}

// Promotable reports whether the clone has promoted/unpromoted roles.
func (c *Clone) Promotable() bool {
	if c.Element == "master" {
		return true
	}
	v, _ := c.Meta("promotable")
	return IsTrue(v)
}

// Bundle is a containerised resource (docker, podman or rkt).
type Bundle struct {
	ResourceCommon
	// Container is the docker/podman/rkt element.
	Container *BundlePart    `json:"container,omitempty"`
	Network   *BundleNetwork `json:"network,omitempty"`
	// Storage holds the storage-mapping elements.
	Storage     []*BundlePart `json:"storage,omitempty"`
	StorageBase *Base         `json:"storage_element,omitempty"`
	Primitive   *Primitive    `json:"primitive,omitempty"`
}

// BundlePart is a bundle sub-element held as its element name and attributes
// (docker/podman/rkt, port-mapping, storage-mapping).
type BundlePart struct {
	Base
	Element string `json:"element"`
	Attrs   Attrs  `json:"attrs,omitempty"`
}

// BundleNetwork is a bundle's network element.
type BundleNetwork struct {
	Base
	Attrs        Attrs         `json:"attrs,omitempty"`
	PortMappings []*BundlePart `json:"port_mappings,omitempty"`
}

func (*Primitive) isResource() {}
func (*Group) isResource()     {}
func (*Clone) isResource()     {}
func (*Bundle) isResource()    {}

// Constraint is a sealed sum type: *Location, *Colocation, *Order, *Ticket.
type Constraint interface {
	Element
	ConstraintID() string
	isConstraint()
}

// Location is an rsc_location constraint.
type Location struct {
	Base
	ID                string         `json:"id"`
	Rsc               string         `json:"rsc,omitempty"`
	RscPattern        string         `json:"rsc_pattern,omitempty"`
	Node              string         `json:"node,omitempty"`
	Score             string         `json:"score,omitempty"`
	Role              string         `json:"role,omitempty"`
	ResourceDiscovery string         `json:"resource_discovery,omitempty"`
	Rules             []*Rule        `json:"rules,omitempty"`
	Sets              []*ResourceSet `json:"sets,omitempty"`
}

// Colocation is an rsc_colocation constraint.
type Colocation struct {
	Base
	ID              string         `json:"id"`
	Rsc             string         `json:"rsc,omitempty"`
	WithRsc         string         `json:"with_rsc,omitempty"`
	RscRole         string         `json:"rsc_role,omitempty"`
	WithRscRole     string         `json:"with_rsc_role,omitempty"`
	RscInstance     string         `json:"rsc_instance,omitempty"`
	WithRscInstance string         `json:"with_rsc_instance,omitempty"`
	Score           string         `json:"score,omitempty"`
	NodeAttribute   string         `json:"node_attribute,omitempty"`
	Influence       string         `json:"influence,omitempty"`
	Sets            []*ResourceSet `json:"sets,omitempty"`
}

// Order is an rsc_order constraint.
type Order struct {
	Base
	ID            string         `json:"id"`
	First         string         `json:"first,omitempty"`
	Then          string         `json:"then,omitempty"`
	FirstAction   string         `json:"first_action,omitempty"`
	ThenAction    string         `json:"then_action,omitempty"`
	FirstInstance string         `json:"first_instance,omitempty"`
	ThenInstance  string         `json:"then_instance,omitempty"`
	Kind          string         `json:"kind,omitempty"`
	Score         string         `json:"score,omitempty"`
	Symmetrical   string         `json:"symmetrical,omitempty"`
	RequireAll    string         `json:"require_all,omitempty"`
	Sets          []*ResourceSet `json:"sets,omitempty"`
}

// Ticket is an rsc_ticket constraint.
type Ticket struct {
	Base
	ID         string         `json:"id"`
	Rsc        string         `json:"rsc,omitempty"`
	RscRole    string         `json:"rsc_role,omitempty"`
	Ticket     string         `json:"ticket"`
	LossPolicy string         `json:"loss_policy,omitempty"`
	Sets       []*ResourceSet `json:"sets,omitempty"`
}

func (c *Location) ConstraintID() string   { return c.ID }
func (c *Colocation) ConstraintID() string { return c.ID }
func (c *Order) ConstraintID() string      { return c.ID }
func (c *Ticket) ConstraintID() string     { return c.ID }
func (*Location) isConstraint()            {}
func (*Colocation) isConstraint()          {}
func (*Order) isConstraint()               {}
func (*Ticket) isConstraint()              {}

// ResourceSet is a resource_set inside a constraint.
type ResourceSet struct {
	Base
	ID         string   `json:"id,omitempty"`
	IDRef      string   `json:"id_ref,omitempty"`
	Sequential string   `json:"sequential,omitempty"`
	RequireAll string   `json:"require_all,omitempty"`
	Ordering   string   `json:"ordering,omitempty"`
	Action     string   `json:"action,omitempty"`
	Role       string   `json:"role,omitempty"`
	Score      string   `json:"score,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	Resources  []*IDRef `json:"resources"`
}

// IDRef is a reference to an object by id (resource_ref, obj_ref, role ref).
type IDRef struct {
	Base
	ID string `json:"id"`
}

// Rule is a rule with its expressions. Rules appear in locations, attribute
// sets and defaults.
type Rule struct {
	Base
	ID             string       `json:"id,omitempty"`
	IDRef          string       `json:"id_ref,omitempty"`
	Score          string       `json:"score,omitempty"`
	ScoreAttribute string       `json:"score_attribute,omitempty"`
	BooleanOp      string       `json:"boolean_op,omitempty"`
	Role           string       `json:"role,omitempty"`
	Expressions    []Expression `json:"expressions,omitempty"`
}

// Expression is a sealed sum type: *Expr, *DateExpr, *OpExpr, *RscExpr, *Rule.
type Expression interface {
	Element
	isExpression()
}

// Expr is a node attribute expression.
type Expr struct {
	Base
	ID          string `json:"id,omitempty"`
	IDRef       string `json:"id_ref,omitempty"`
	Attribute   string `json:"attribute"`
	Operation   string `json:"operation"`
	Value       string `json:"value,omitempty"`
	Type        string `json:"type,omitempty"`
	ValueSource string `json:"value_source,omitempty"`
}

// DateExpr is a date_expression (gt, lt, in_range, date_spec).
type DateExpr struct {
	Base
	ID        string    `json:"id,omitempty"`
	Operation string    `json:"operation"`
	Start     string    `json:"start,omitempty"`
	End       string    `json:"end,omitempty"`
	DateSpec  *DateSpec `json:"date_spec,omitempty"`
	Duration  *DateSpec `json:"duration,omitempty"`
}

// DateSpec is a date_spec or duration element; its fields (hours, monthdays,
// weekdays, yeardays, months, weeks, years, weekyears, moon, minutes, seconds)
// are kept in document order.
type DateSpec struct {
	Base
	ID     string `json:"id,omitempty"`
	Fields Attrs  `json:"fields,omitempty"`
}

// OpExpr is an op_expression (in op_defaults rules).
type OpExpr struct {
	Base
	ID       string `json:"id,omitempty"`
	Name     string `json:"name"`
	Interval string `json:"interval,omitempty"`
}

// RscExpr is an rsc_expression (in rsc/op_defaults rules).
type RscExpr struct {
	Base
	ID       string `json:"id,omitempty"`
	Class    string `json:"class,omitempty"`
	Provider string `json:"provider,omitempty"`
	Type     string `json:"type,omitempty"`
}

func (*Expr) isExpression()     {}
func (*DateExpr) isExpression() {}
func (*OpExpr) isExpression()   {}
func (*RscExpr) isExpression()  {}
func (*Rule) isExpression()     {}

// FencingTopology holds the fencing levels.
type FencingTopology struct {
	Base
	Levels []*FencingLevel `json:"levels,omitempty"`
}

// FencingLevel is one fencing-level element.
type FencingLevel struct {
	Base
	ID              string `json:"id"`
	Target          string `json:"target,omitempty"`
	TargetPattern   string `json:"target_pattern,omitempty"`
	TargetAttribute string `json:"target_attribute,omitempty"`
	TargetValue     string `json:"target_value,omitempty"`
	Index           string `json:"index"`
	Devices         string `json:"devices"`
}

// Tag names a set of objects.
type Tag struct {
	Base
	ID   string   `json:"id"`
	Refs []*IDRef `json:"refs"`
}

// Alert is an alert agent with its recipients.
type Alert struct {
	Base
	ID            string       `json:"id"`
	Path          string       `json:"path"`
	Description   string       `json:"description,omitempty"`
	Select        *AlertSelect `json:"select,omitempty"`
	MetaAttrs     []*NVSet     `json:"meta_attributes,omitempty"`
	InstanceAttrs []*NVSet     `json:"instance_attributes,omitempty"`
	Recipients    []*Recipient `json:"recipients,omitempty"`
}

// AlertSelect limits an alert to kinds of events (select_nodes,
// select_fencing, select_resources, select_attributes with attribute names).
type AlertSelect struct {
	Base
	// Kinds are the select_* element names present, in document order.
	Kinds []string `json:"kinds,omitempty"`
	// Attributes are the attribute elements of select_attributes.
	Attributes []*AlertAttribute `json:"attributes,omitempty"`
}

// AlertAttribute is an attribute element inside select_attributes.
type AlertAttribute struct {
	Base
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
}

// Recipient is an alert recipient.
type Recipient struct {
	Base
	ID            string   `json:"id"`
	Value         string   `json:"value"`
	Description   string   `json:"description,omitempty"`
	MetaAttrs     []*NVSet `json:"meta_attributes,omitempty"`
	InstanceAttrs []*NVSet `json:"instance_attributes,omitempty"`
}

// ACLs is the acls section (schema 2+: acl_target, acl_group, acl_role; the
// 1.x acl_user is kept as an ACLTarget with Element "acl_user").
type ACLs struct {
	Base
	Targets []*ACLTarget `json:"targets,omitempty"`
	Roles   []*ACLRole   `json:"roles,omitempty"`
}

// ACLTarget is an acl_target, acl_group or legacy acl_user.
type ACLTarget struct {
	Base
	Element string   `json:"element"`
	ID      string   `json:"id"`
	Name    string   `json:"name,omitempty"`
	Roles   []*IDRef `json:"roles,omitempty"`
	// Permissions are legacy (1.x) inline permissions of an acl_user.
	Permissions []*ACLPermission `json:"permissions,omitempty"`
}

// ACLRole is an acl_role with its permissions.
type ACLRole struct {
	Base
	ID          string           `json:"id"`
	Description string           `json:"description,omitempty"`
	Permissions []*ACLPermission `json:"permissions,omitempty"`
}

// ACLPermission is an acl_permission (or a legacy read/write/deny element,
// whose name is then the Kind and Element is set).
type ACLPermission struct {
	Base
	Element     string `json:"element,omitempty"`
	ID          string `json:"id,omitempty"`
	Kind        string `json:"kind"`
	Xpath       string `json:"xpath,omitempty"`
	Reference   string `json:"reference,omitempty"`
	ObjectType  string `json:"object_type,omitempty"`
	Attribute   string `json:"attribute,omitempty"`
	Description string `json:"description,omitempty"`
}

// ResourceRefs lists the resources (or tags, templates) constraint k names:
// its rsc, with-rsc, first and then, and its resource sets' members.
func ResourceRefs(k Constraint) []string {
	var refs []string
	var sets []*ResourceSet
	switch k := k.(type) {
	case *Location:
		refs, sets = append(refs, k.Rsc), k.Sets
	case *Colocation:
		refs, sets = append(refs, k.Rsc, k.WithRsc), k.Sets
	case *Order:
		refs, sets = append(refs, k.First, k.Then), k.Sets
	case *Ticket:
		refs, sets = append(refs, k.Rsc), k.Sets
	}
	for _, s := range sets {
		for _, r := range s.Resources {
			refs = append(refs, r.ID)
		}
	}
	out := refs[:0]
	for _, r := range refs {
		if r != "" {
			out = append(out, r)
		}
	}
	return out
}
