package verify

// HA4124: secauth contradicted by crypto_cipher/crypto_hash under corosync
// 2.x (facts from corosync v2.4.5 exec/totemconfig.c totem_get_crypto:
// secauth only chooses the starting point, aes256/sha1 when on or unset,
// none/none when off; crypto_cipher and crypto_hash, when set, override it).

import (
	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA4124", Title: "secauth contradicted by crypto_cipher and crypto_hash", Severity: model.SeverityWarning, Since: "0.1.0",
			Doc: csDoc("Under corosync 2.x, secauth only sets the starting point (on: aes256 and sha1; off: none and none);\n"+
				"crypto_cipher and crypto_hash, where given, override it. So `secauth: on` with `crypto_cipher: none`\n"+
				"and `crypto_hash: none` runs the cluster unencrypted and unauthenticated, and `secauth: off` with a\n"+
				"cipher or hash turns crypto on, so every node needs /etc/corosync/authkey or corosync does not start.\n"+
				"secauth is deprecated since 2.x: keep only crypto_cipher and crypto_hash. (Under corosync 3 secauth is\n"+
				"ignored: HA4150.)",
				"totem {\n    version: 2\n    secauth: on\n    crypto_cipher: none\n    crypto_hash: none\n}",
				"totem {\n    version: 2\n    crypto_cipher: aes256\n    crypto_hash: sha1\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					k := m.Crypto
					if m.Version != "2" || k == nil || k.SecAuth == "" {
						return
					}
					at := keyAt(m, "totem.secauth", k.Range)
					switch {
					case k.SecAuth == "on" && k.Cipher == "none" && k.Hash == "none":
						p.Reportf(at, "secauth: on, but crypto_cipher: none and crypto_hash: none override it: corosync 2 neither encrypts nor authenticates")
					case k.SecAuth == "on" && k.Cipher == "none":
						p.Reportf(at, "secauth: on, but crypto_cipher: none overrides it: corosync 2 authenticates (crypto_hash) without encrypting")
					case k.SecAuth == "off" && (k.Cipher != "" && k.Cipher != "none" || k.Hash != "" && k.Hash != "none"):
						p.Reportf(at, "secauth: off, but crypto_cipher/crypto_hash override it: corosync 2 turns crypto on and needs the authkey on every node")
					}
				})
			}})
	})
}

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA4125", Title: "token shortened on a single knet link", Severity: model.SeverityInfo, Since: "0.1.0",
			Doc: csDoc("A knet cluster with one link sets token below corosync 3's default of 3000 ms. With a single link the\n"+
				"token is the only tolerance for a network stall (a switch reconverging, a VM paused for migration): a\n"+
				"stall longer than the token loses membership and the partition is fenced, and there is no second link\n"+
				"to carry the token meanwhile. Keep the default (or more, as cloud guides advise), or add a second link.\n"+
				"Information: a short token is a deliberate trade of failover speed against false failovers.",
				"totem {\n    transport: knet\n    token: 1000\n}\nnodelist {\n    node {\n        ring0_addr: 10.0.0.1\n    }\n}",
				"totem {\n    transport: knet\n    token: 3000\n}\nnodelist {\n    node {\n        ring0_addr: 10.0.0.1\n    }\n}"),
			Check: func(p *Pass) {
				eachCorosync(p, func(m *model.Membership) {
					if !isKnet(m) || len(m.Nodes) == 0 || linkCount(m) != 1 {
						return
					}
					tok, to := effectiveToken(m)
					if to != nil && tok < 3000 {
						p.Reportf(to.Range, "token %d ms on a single knet link, below corosync 3's default 3000 ms: a network stall longer than that loses membership, with no second link to carry the token", tok)
					}
				})
			}})
	})
}
