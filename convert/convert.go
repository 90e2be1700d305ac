package convert

import (
	"sort"
	"sync"

	"hakit/model"
)

// Options steer a conversion.
type Options struct {
	// NodeAddrs gives node addresses the input lacks (heartbeat bcast/mcast
	// media name interfaces, not addresses): node name → address per link.
	NodeAddrs map[string][]string
	// Transport is the corosync 3 transport to produce: "knet" (default),
	// "udpu" or "udp".
	Transport string
}

// A Converter migrates one origin ("heartbeat", "cman", "corosync", ...). It
// returns a new cluster (never modifying c) and what it could not carry over.
type Converter func(c *model.Cluster, opts Options) (*model.Cluster, model.Diagnostics)

var (
	mu         sync.Mutex
	converters = map[string]Converter{}
)

// Register installs the converter for membership origin; each origin's file
// calls it from init.
func Register(origin string, f Converter) {
	mu.Lock()
	defer mu.Unlock()
	converters[origin] = f
}

// Origins lists the origins with a converter.
func Origins() []string {
	mu.Lock()
	defer mu.Unlock()
	out := make([]string, 0, len(converters))
	for k := range converters {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Modernize converts c to corosync 3 + Pacemaker when its membership comes
// from an origin with a converter; otherwise it returns c unchanged.
func Modernize(c *model.Cluster, opts Options) (*model.Cluster, model.Diagnostics) {
	if c == nil || c.Membership == nil {
		return c, nil
	}
	mu.Lock()
	f := converters[c.Membership.Origin]
	mu.Unlock()
	if f == nil {
		return c, nil
	}
	return f(c, opts)
}
