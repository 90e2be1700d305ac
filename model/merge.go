package model

import "slices"

// Merge combines clusters read from several files of one cluster (a CIB and
// its corosync.conf; ha.cf, authkeys and haresources) into one view. The
// result shares elements with its inputs. Lists are concatenated in input
// order; for single-valued parts the first input that has one wins, except
// that Membership parts are filled field by field (authkeys from one file,
// nodes from another).
func Merge(clusters ...*Cluster) *Cluster {
	out := &Cluster{}
	for _, c := range clusters {
		if c == nil {
			continue
		}
		out.Sources = append(out.Sources, c.Sources...)
		if out.CIB == nil {
			out.CIB = c.CIB
		}
		if out.Status == nil {
			out.Status = c.Status
		}
		if c.Config != nil {
			if out.Config == nil {
				cp := *c.Config
				clipConfig(&cp)
				out.Config = &cp
			} else {
				mergeConfig(out.Config, c.Config)
			}
		}
		if c.Membership != nil {
			if out.Membership == nil {
				cp := *c.Membership
				cp.Totem = slices.Clip(cp.Totem)
				cp.FenceDevices = slices.Clip(cp.FenceDevices)
				cp.Sections = slices.Clip(cp.Sections)
				out.Membership = &cp
			} else {
				mergeMembership(out.Membership, c.Membership)
			}
		}
	}
	return out
}

// clipConfig caps the slices of a copied configuration, so that appending the
// next input's elements never writes into the first input's arrays.
func clipConfig(c *Configuration) {
	c.ClusterOptions = slices.Clip(c.ClusterOptions)
	c.Nodes = slices.Clip(c.Nodes)
	c.Resources = slices.Clip(c.Resources)
	c.Constraints = slices.Clip(c.Constraints)
	c.RscDefaults = slices.Clip(c.RscDefaults)
	c.OpDefaults = slices.Clip(c.OpDefaults)
	c.Tags = slices.Clip(c.Tags)
	c.Alerts = slices.Clip(c.Alerts)
}

func mergeConfig(dst, src *Configuration) {
	dst.ClusterOptions = append(dst.ClusterOptions, src.ClusterOptions...)
	dst.Nodes = append(dst.Nodes, src.Nodes...)
	dst.Resources = append(dst.Resources, src.Resources...)
	dst.Constraints = append(dst.Constraints, src.Constraints...)
	dst.RscDefaults = append(dst.RscDefaults, src.RscDefaults...)
	dst.OpDefaults = append(dst.OpDefaults, src.OpDefaults...)
	dst.Tags = append(dst.Tags, src.Tags...)
	dst.Alerts = append(dst.Alerts, src.Alerts...)
	if dst.FencingTopology == nil {
		dst.FencingTopology = src.FencingTopology
	} else if src.FencingTopology != nil {
		ft := *dst.FencingTopology
		ft.Levels = append(append([]*FencingLevel(nil), ft.Levels...), src.FencingTopology.Levels...)
		dst.FencingTopology = &ft
	}
	if dst.ACLs == nil {
		dst.ACLs = src.ACLs
	}
}

func mergeMembership(dst, src *Membership) {
	if dst.Origin == "" {
		dst.Origin = src.Origin
	}
	if dst.Version == "" {
		dst.Version = src.Version
	}
	if dst.ClusterName == "" {
		dst.ClusterName = src.ClusterName
	}
	if dst.ConfigVersion == "" {
		dst.ConfigVersion = src.ConfigVersion
	}
	if dst.Transport == "" {
		dst.Transport = src.Transport
	}
	if len(dst.Nodes) == 0 {
		dst.Nodes = src.Nodes
	}
	if len(dst.Links) == 0 {
		dst.Links = src.Links
	}
	dst.Totem = append(dst.Totem, src.Totem...)
	dst.FenceDevices = append(dst.FenceDevices, src.FenceDevices...)
	dst.Sections = append(dst.Sections, src.Sections...)
	if dst.Crypto == nil {
		dst.Crypto = src.Crypto
	}
	if dst.Quorum == nil {
		dst.Quorum = src.Quorum
	}
	if dst.AuthKeys == nil {
		dst.AuthKeys = src.AuthKeys
	}
	if dst.Corosync == nil {
		dst.Corosync = src.Corosync
	}
	dst.Heartbeat = MergeHeartbeat(dst.Heartbeat, src.Heartbeat)
	if dst.CMAN == nil {
		dst.CMAN = src.CMAN
	}
	if dst.DLM == nil {
		dst.DLM = src.DLM
	}
}
