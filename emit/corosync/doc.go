// Package corosync writes a model.Membership as corosync.conf.
//
// It is written for corosync 3 (knet by default) and writes faithfully what
// the model holds, so that parsers/corosync reads back the same model. It
// does not convert: converters (convert/corosync.go, the heartbeat and
// cluster.conf converters) build a "corosync-3 shaped" Membership and hand
// it here. It must not invent keys beyond "totem.version: 2" and must not
// print or exit.
//
// # The corosync-3 shape
//
// A Membership the emitter writes as a valid corosync 3 file has:
//
//   - Origin "corosync", Version "3".
//   - ClusterName (totem.cluster_name), ConfigVersion (totem.config_version)
//     and Transport (totem.transport; "" means corosync's default, knet;
//     Options.Transport, when set, replaces it).
//   - Corosync.TotemVersion: "" or "2"; written as "version: 2" (an older
//     dialect's model without it gets no version key, as it was read).
//   - Crypto: SecAuth, Model, Cipher, Hash, KeyFile and Key are written as
//     totem.secauth, crypto_model, crypto_cipher, crypto_hash, keyfile and
//     key when non-empty. A cipher other than "none" needs a hash other than
//     "none", and knet is the only transport with crypto.
//   - Totem: further totem keys (token, consensus, join, link_mode, ...) in
//     order, values as corosync reads them.
//   - Links: one totem.interface block per link, in order, with
//     "linknumber: Number" first and then the link's Options
//     (knet_link_priority, knet_transport, mcastport, ...). A Link whose
//     Extra has numbered_by=ringnumber writes ringnumber instead (old
//     dialects) and numbered_by=none writes no number key. Options named
//     "member.memberaddr" are written as 1.x member { memberaddr } blocks.
//   - Nodes: one nodelist.node block each with ringX_addr for every Addr
//     (X = Addr.Link), name, nodeid (when NodeID > 0), quorum_votes (when
//     Votes > 0), then the node's Options. corosync 3 needs a nodeid on every
//     node with knet (< 65536) and the same number of links on all nodes.
//   - Quorum: provider (corosync_votequorum), Options (expected_votes,
//     two_node, wait_for_all, ... as 0/1 integers), and Device written as
//     quorum.device { model; Options; net { Net }; heuristics { Heuristics } }.
//   - Sections: every other top-level section (logging with its
//     logger_subsys blocks, resources, system, nozzle, uidgid, ...), each
//     with its Options and nested Sections, in order.
//   - Corosync.TopLevel keys are written first, Corosync.NodelistOptions
//     inside nodelist, Corosync.Nested inside their parent section.
//
// Values are written as they are; a value or key that corosync cannot read
// back (a newline in it, a key with ':' or braces) is an error.
package corosync
