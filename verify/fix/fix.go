// Package fix rewrites the mechanical upgrades hakit verify reports, in CIB
// XML and crm shell files, as text edits: everything it does not change —
// comments, order, ids, white space — stays byte for byte. Fixing twice is
// fixing once.
//
// What it rewrites:
//   - master resources into clones with promotable=true (HA1603, HA1610),
//     their master-max/master-node-max meta attributes into promoted-max and
//     promoted-node-max;
//   - the role names Master and Slave into Promoted and Unpromoted (HA1603),
//     in a CIB only when its schema knows them (pacemaker-3.7 and later; a
//     pacemaker-3.0 to 3.6 CIB is moved to pacemaker-3.7, an older one is left
//     alone with a note: upgrade it with cibadmin --upgrade first);
//   - stonith-action=poweroff into off (a deprecated alias 3.0 removed);
//   - for Pacemaker 3 targets, no-quorum-policy=suicide into fence;
//   - for the target pacemaker-3.0.2, the fencing cluster options Pacemaker
//     3.0.2 renamed (stonith-enabled to fencing-enabled, stonith-action,
//     stonith-timeout and stonith-watchdog-timeout likewise; HA1009).
//     Pacemaker 3.0.0 and 3.0.1 read only the old names (the new ones first
//     appear in the Pacemaker-3.0.2 tag's include/crm/common/options.h), so
//     the target pacemaker-3.0 leaves them alone.
package fix

import (
	"fmt"
	"sort"
	"strings"
)

// Targets are the releases Options.Target may name.
var Targets = []string{"pacemaker-2.1", "pacemaker-3.0", "pacemaker-3.0.2"}

// Options select what to rewrite.
type Options struct {
	// Target is the Pacemaker release to fix for; "pacemaker-3.0.2" adds
	// the option renames that Pacemaker before 3.0.2 does not read.
	Target string
}

func (o Options) pcmk3() bool { return o.Target == "pacemaker-3.0.2" }

// pcmk30 reports a Pacemaker 3 target: no-quorum-policy=fence exists from
// 3.0.0 (2.1 knows only suicide).
func (o Options) pcmk30() bool { return o.Target == "pacemaker-3.0" || o.pcmk3() }

// Change is one rewrite, for the report.
type Change struct {
	Line int
	What string
}

// Result is a fixed file.
type Result struct {
	Out     []byte
	Changes []Change
	// Notes are what could not be fixed mechanically, with a line.
	Notes []Change
}

// renamed3 maps the cluster options Pacemaker 3.0.2 renamed to their new
// names (it reads both).
var renamed3 = map[string]string{
	"stonith-enabled":          "fencing-enabled",
	"stonith-action":           "fencing-action",
	"stonith-timeout":          "fencing-timeout",
	"stonith-watchdog-timeout": "fencing-watchdog-timeout",
}

var legacyMeta = map[string]string{"master-max": "promoted-max", "master-node-max": "promoted-node-max"}

var legacyRoles = map[string]string{"master": "Promoted", "slave": "Unpromoted"}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
	what       string
}

// apply applies non-overlapping edits to src and records them as changes.
func apply(src []byte, edits []edit) ([]byte, []Change) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var sb strings.Builder
	var changes []Change
	last, line := 0, 1
	for _, e := range edits {
		if e.start < last {
			continue // overlapping: keep the first
		}
		line += strings.Count(string(src[last:e.start]), "\n")
		sb.Write(src[last:e.start])
		sb.WriteString(e.text)
		changes = append(changes, Change{Line: line, What: e.what})
		line += strings.Count(string(src[e.start:e.end]), "\n")
		last = e.end
	}
	sb.Write(src[last:])
	return []byte(sb.String()), changes
}

func (c Change) String() string { return fmt.Sprintf("%d: %s", c.Line, c.What) }
