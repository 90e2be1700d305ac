package model

import "strings"

// Membership is the layer beneath Pacemaker: who the members are, how they
// talk, how they decide quorum and how they authenticate. Corosync (0.80 to
// 3.x), heartbeat (ha.cf, authkeys), CMAN (cluster.conf) and dlm.conf all lower
// into it. The common part is typed; what only one origin has lives in the
// origin's own block (Corosync, Heartbeat, CMAN, DLM), defined in a file of its
// own beside this one.
type Membership struct {
	Base
	// Origin names the format this was read from: "corosync", "heartbeat",
	// "cman", "pcs", "dlm".
	Origin string `json:"origin"`
	// Version is the origin's dialect: for corosync "0.80", "1", "2", "3".
	Version       string `json:"version,omitempty"`
	ClusterName   string `json:"cluster_name,omitempty"`
	ConfigVersion string `json:"config_version,omitempty"`
	// Transport is knet, udp, udpu or iba for corosync; cman's transport
	// names map onto these.
	Transport string        `json:"transport,omitempty"`
	Nodes     []*MemberNode `json:"nodes,omitempty"`
	Links     []*Link       `json:"links,omitempty"`
	// Totem holds totem keys without a typed field (token, consensus, join,
	// token_coefficient, netmtu, ...), values as written (milliseconds).
	Totem  Options `json:"totem,omitempty"`
	Crypto *Crypto `json:"crypto,omitempty"`
	Quorum *Quorum `json:"quorum,omitempty"`
	// AuthKeys is heartbeat's authkeys file.
	AuthKeys *AuthKeys `json:"authkeys,omitempty"`
	// FenceDevices are fence devices defined below Pacemaker (cluster.conf
	// fencedevices, dlm.conf device lines).
	FenceDevices []*FenceDevice `json:"fence_devices,omitempty"`
	// Sections are the remaining sections (corosync logging, resources,
	// system, nozzle, uidgid, service, amf, aisexec, ...), kept generically.
	Sections []*Section `json:"sections,omitempty"`

	Corosync  *Corosync  `json:"corosync,omitempty"`
	Heartbeat *Heartbeat `json:"heartbeat,omitempty"`
	CMAN      *CMAN      `json:"cman,omitempty"`
	DLM       *DLM       `json:"dlm,omitempty"`
}

// Option is one key and value with its position. A sensitive value (a
// password or key) is held in Secret and Value is empty.
type Option struct {
	Base
	Name   string `json:"name"`
	Value  string `json:"value,omitempty"`
	Secret Secret `json:"secret,omitzero"`
}

// Options is an ordered option list.
type Options []*Option

// Get returns the last option called name (later keys win, as in corosync).
func (os Options) Get(name string) (*Option, bool) {
	for i := len(os) - 1; i >= 0; i-- {
		if os[i].Name == name {
			return os[i], true
		}
	}
	return nil, false
}

// Value returns the value of the last option called name, or "".
func (os Options) Value(name string) string {
	if o, ok := os.Get(name); ok {
		return o.Value
	}
	return ""
}

// IsSensitive reports whether an option or parameter of this name carries a
// secret (passwords, keys), so parsers can put its value in a Secret and
// output paths can redact it. It also catches the usual misspellings
// (pasword, passwrd), since a misspelt parameter still holds the password.
func IsSensitive(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "key", "passwd", "password", "secret", "authkey", "pwd":
		return true
	}
	for _, frag := range []string{"passw", "pasw", "passwd", "pswd", "secret", "passphrase"} {
		if strings.Contains(n, frag) && !strings.HasSuffix(n, "_script") {
			return true
		}
	}
	return strings.HasSuffix(n, "_key") && !strings.HasSuffix(n, "_pub_key")
}

// Section is a generic section with options and nested sections.
type Section struct {
	Base
	Name     string     `json:"name"`
	Options  Options    `json:"options,omitempty"`
	Sections []*Section `json:"sections,omitempty"`
}

// MemberNode is a member of the cluster as the membership layer sees it.
type MemberNode struct {
	Base
	Name string `json:"name,omitempty"`
	// NodeID is the numeric node id; 0 when not given.
	NodeID uint32 `json:"nodeid,omitempty"`
	// Votes is the node's quorum votes; 0 when not given (default 1).
	Votes int `json:"votes,omitempty"`
	// Addrs are the node's addresses, one per link.
	Addrs []*NodeAddr `json:"addrs,omitempty"`
	// Options are further per-node keys (altname, ...).
	Options Options `json:"options,omitempty"`
	// NodeIDAt is where NodeID is written (the "nodeid:" key), for findings
	// about it; zero when unknown.
	NodeIDAt Range `json:"-"`
}

// NodeAddr is a node's address on one link (ring).
type NodeAddr struct {
	Base
	Link int    `json:"link"`
	Addr string `json:"addr"`
}

// Link is one communication path: a corosync knet link or totem interface
// (ring), a heartbeat medium, a cman multicast setting.
type Link struct {
	Base
	// Number is the link (ring) number.
	Number int `json:"number"`
	// Medium is the heartbeat medium (bcast, mcast, ucast, serial, ...) or
	// "" for corosync.
	Medium string `json:"medium,omitempty"`
	// Interface is the network interface (heartbeat media) when known.
	Interface string `json:"interface,omitempty"`
	// Options are the link's keys: bindnetaddr, mcastaddr, mcastport, ttl,
	// broadcast, knet_link_priority, knet_transport, ...
	Options Options `json:"options,omitempty"`
}

// Crypto is how the membership traffic is authenticated and encrypted.
type Crypto struct {
	Base
	Cipher  string `json:"cipher,omitempty"`
	Hash    string `json:"hash,omitempty"`
	Model   string `json:"model,omitempty"`
	SecAuth string `json:"secauth,omitempty"`
	KeyFile string `json:"keyfile,omitempty"`
	// Key is an inline key (corosync totem.key).
	Key Secret `json:"key,omitzero"`
}

// Quorum is how membership decides quorum.
type Quorum struct {
	Base
	Provider string `json:"provider,omitempty"`
	// Options are votequorum keys: expected_votes, two_node, wait_for_all,
	// last_man_standing, auto_tie_breaker, ...
	Options Options  `json:"options,omitempty"`
	Device  *QDevice `json:"device,omitempty"`
	// QDisk is CMAN's quorum disk (qdiskd), which corosync 3 no longer has.
	QDisk *QDisk `json:"qdisk,omitempty"`
}

// QDevice is corosync-qdevice's configuration (quorum.device).
type QDevice struct {
	Base
	Model      string  `json:"model,omitempty"`
	Options    Options `json:"options,omitempty"`
	Net        Options `json:"net,omitempty"`
	Heuristics Options `json:"heuristics,omitempty"`
}

// QDisk is a CMAN quorum disk with its heuristics.
type QDisk struct {
	Base
	// Options are the quorumd attributes (device, label, interval, tko,
	// votes, min_score, master_wins, allow_kill, reboot, ...).
	Options    Options           `json:"options,omitempty"`
	Heuristics []*QDiskHeuristic `json:"heuristics,omitempty"`
}

// QDiskHeuristic is one qdiskd heuristic (program, score, interval, tko).
type QDiskHeuristic struct {
	Base
	Options Options `json:"options,omitempty"`
}

// AuthKeys is heartbeat's authkeys file.
type AuthKeys struct {
	Base
	// Active is the index named by "auth N" (0 when missing).
	Active      int        `json:"active"`
	ActiveRange Range      `json:"active_range"`
	Keys        []*AuthKey `json:"keys,omitempty"`
	// Mode is the file's permission bits as read from the file system;
	// HasMode is false when the bytes came from elsewhere (stdin, a test).
	Mode    uint32 `json:"mode,omitempty"`
	HasMode bool   `json:"has_mode,omitempty"`
}

// AuthKey is one "N method [secret]" line.
type AuthKey struct {
	Base
	Index  int    `json:"index"`
	Method string `json:"method"`
	Secret Secret `json:"secret,omitzero"`
}

// FenceDevice is a fence device defined in the membership layer.
type FenceDevice struct {
	Base
	Name  string `json:"name"`
	Agent string `json:"agent,omitempty"`
	// Args are the device's arguments; sensitive ones hold a Secret.
	Args Options `json:"args,omitempty"`
}
