package verify

import "hakit/model"

// Codes the engine itself reports.
const (
	CodeInternal               = "HA1900"
	CodeSuppressionNoReason    = "HA1901"
	CodeSuppressionUnused      = "HA1902"
	CodeSuppressionUnknownRule = "HA1903"
)

func init() {
	registerLazy(func() {
		Register(
			&Rule{
				ID:       CodeInternal,
				Title:    "A rule failed while checking",
				Severity: model.SeverityError,
				Since:    "0.1.0",
				Doc: `A rule stopped with an internal error (a bug in hakit, not in your configuration).
The other rules ran normally; the failing rule's findings may be incomplete. The
finding's detail holds the start of the stack trace: please report it together with
the input that triggered it. Disable the rule with ` + "`--disable ID`" + ` until it is fixed.

No testdata: a correct rule never reports this, so no input file can trigger it; the
engine's unit test provokes it with a rule that panics.

Bad (a rule that panics on some input is reported as):

` + "```" + `
cib.xml: error: HA1900: rule HA1234 failed: runtime error: index out of range
` + "```" + `

Good: every rule completes, nothing is reported.

` + "```" + `
$ hakit verify cib.xml
` + "```" + `
`,
			},
			&Rule{
				ID:       CodeSuppressionNoReason,
				Title:    "Suppression without a reason",
				Severity: model.SeverityWarning,
				Since:    "0.1.0",
				Doc: `An inline suppression (` + "`# hakit:ignore ID reason`" + `, or
` + "`<!-- hakit:ignore ID reason -->`" + ` in XML) or an ` + "`ignore:`" + ` entry of
.hakit.yaml must say why the finding is acceptable, so the next reader can judge
whether it still is. A suppression without a reason, or naming no rule, still
suppresses, but is itself reported.

A suppression covers findings of the named rules (IDs or globs, comma-separated) on
its own line and, when the comment stands alone on its line, on the next line.

Bad:

` + "```xml" + `
<!-- hakit:ignore HA1003 -->
<nvpair id="opt-x" name="site-owner" value="ops"/>
` + "```" + `

Good:

` + "```xml" + `
<!-- hakit:ignore HA1003 read by our monitoring, not by Pacemaker -->
<nvpair id="opt-x" name="site-owner" value="ops"/>
` + "```" + `
`,
			},
			&Rule{
				ID:       CodeSuppressionUnused,
				Title:    "Suppression matches no finding",
				Severity: model.SeverityInfo,
				Since:    "0.1.0",
				Doc: `An inline suppression or an ` + "`ignore:`" + ` entry of .hakit.yaml no longer
suppresses anything: the problem was fixed, or the comment moved away from the line
it was meant for. Remove it, so it cannot hide a new finding later. Suppressions of
disabled rules are not reported.

Bad:

` + "```xml" + `
<!-- hakit:ignore HA1003 fixed long ago -->
<nvpair id="opt-nqp" name="no-quorum-policy" value="stop"/>
` + "```" + `

Good:

` + "```xml" + `
<nvpair id="opt-nqp" name="no-quorum-policy" value="stop"/>
` + "```" + `
`,
			},
			&Rule{
				ID:       CodeSuppressionUnknownRule,
				Title:    "Suppression names an unknown rule",
				Severity: model.SeverityWarning,
				Since:    "0.1.0",
				Doc: `An inline suppression or an ` + "`ignore:`" + ` entry names a rule ID that does not
exist (a typo, or a rule of a newer hakit). It suppresses nothing. ` + "`hakit rules`" + `
lists the IDs.

Bad:

` + "```xml" + `
<!-- hakit:ignore HA1O03 letter O instead of zero -->
` + "```" + `

Good:

` + "```xml" + `
<!-- hakit:ignore HA1003 read by our monitoring, not by Pacemaker -->
` + "```" + `
`,
			},
		)
	})
}
