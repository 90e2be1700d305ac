package verify

import (
	"bytes"
	"strings"

	"hakit/model"
)

func init() {
	registerLazy(func() {
		Register(&Rule{ID: "HA5055", Title: "# inside a stonith_host line", Severity: model.SeverityError, Since: "0.1.0", Check: checkStonithHostHash,
			Doc: hbDoc("", "heartbeat reads `#` anywhere on an ha.cf line as the start of a comment. In a stonith_host "+
				"line the parameters end with the device's login and password, so a password containing `#` is cut "+
				"there: heartbeat passes the truncated password to the STONITH plugin, the device refuses the login and "+
				"fencing fails exactly when it is needed. Only a # inside a word is reported; one after a blank is a "+
				"comment its writer meant. The finding never quotes the line's parameters. Choose a "+
				"password without `#` (heartbeat has no quoting or escape for it).",
				"stonith_host * apcmaster 10.0.0.9 admin pass#word", "stonith_host * apcmaster 10.0.0.9 admin password")})
	})
}

func checkStonithHostHash(p *Pass) {
	srcOf := map[string][]byte{}
	for _, in := range p.Inputs {
		if in != nil {
			srcOf[in.Filename] = in.Src
		}
	}
	for _, c := range heartbeatClusters(p) {
		hb := c.hb()
		if hb == nil {
			continue
		}
		for _, d := range hb.Directives {
			if d == nil || d.Name != "stonith_host" {
				continue
			}
			src := srcOf[d.Range.Filename]
			s := d.Range.Start.Byte
			if src == nil || s < 0 || s >= len(src) {
				continue
			}
			line := src[s:]
			if i := bytes.IndexByte(line, '\n'); i >= 0 {
				line = line[:i]
			}
			hash := bytes.IndexByte(line, '#')
			if hash < 0 {
				continue
			}
			// Only a # inside a word of the parameters counts (after at
			// least the host, the device type and one parameter); a # after
			// a blank is a comment the writer meant.
			before := strings.Fields(string(line[:hash]))
			if len(before) < 4 || line[hash-1] == ' ' || line[hash-1] == '\t' {
				continue
			}
			cut := len(strings.TrimRight(string(line[hash:]), " \t\r"))
			at := model.NewLineIndex(src).Range(d.Range.Filename, s+hash, s+hash+1)
			p.Reportf(at, "stonith_host line has # inside a parameter: heartbeat reads the rest of the line (%d characters) as a comment, so the device's password is cut there and fencing logins fail", cut)
		}
	}
}
