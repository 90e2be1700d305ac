package model

// Cluster is the whole of what hakit knows about one cluster: the Pacemaker
// configuration and status (a CIB) and the membership layer beneath it. Any
// part may be missing: a corosync.conf fills only Membership, a crm script only
// Config.
type Cluster struct {
	// Sources lists the files this cluster was read from, in the order given.
	Sources []string `json:"sources,omitempty"`
	// CIB holds the attributes of the <cib> element (validate-with, epoch,
	// admin_epoch, num_updates, crm_feature_set, have-quorum, dc-uuid, ...),
	// in document order. Nil when the input was not a CIB.
	CIB        *CIBHeader     `json:"cib,omitempty"`
	Config     *Configuration `json:"configuration,omitempty"`
	Status     *Status        `json:"status,omitempty"`
	Membership *Membership    `json:"membership,omitempty"`
}

// CIBHeader is the <cib> element itself.
type CIBHeader struct {
	Base
	// Attrs are all attributes of <cib>, in document order.
	Attrs Attrs `json:"attrs,omitempty"`
}

// ValidateWith returns the schema the CIB names, e.g. "pacemaker-3.9".
func (h *CIBHeader) ValidateWith() string {
	if h == nil {
		return ""
	}
	return h.Attrs.Value("validate-with")
}

// EnsureConfig returns c.Config, creating it when absent.
func (c *Cluster) EnsureConfig() *Configuration {
	if c.Config == nil {
		c.Config = &Configuration{}
	}
	return c.Config
}

// EnsureMembership returns c.Membership, creating it when absent.
func (c *Cluster) EnsureMembership() *Membership {
	if c.Membership == nil {
		c.Membership = &Membership{}
	}
	return c.Membership
}
