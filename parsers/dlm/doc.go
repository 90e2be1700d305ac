// Package dlm reads /etc/dlm/dlm.conf with dlm_controld 4.x's semantics and
// lowers it into model.Membership (Origin "dlm") with its DLM block: the
// key=value options, device/connect/unfence fencing sections (parallel
// devices named "name:N"), fence_all/unfence_all, lockspace/master lines
// and node lines. Device sections are also listed as FenceDevices.
//
// dlm_controld is lenient in surprising ways (indented lines and unknown
// keys ignored, "enable_fencing=yes" read as 0, a line without "=" taking a
// stale value); every such quirk is reported as a diagnostic in the HA45xx
// family. Unknown keys are kept in the model and reported by the rule
// HA4513, not by the parser.
//
// The syntax layer (grammar.go) is a participle/v2 grammar of dlm.conf(5)'s
// blocks over a lexer that types each line by its first word, as
// dlm_controld does; lowering (parse.go) reads the words of each line.
//
// The package never prints, never exits and never panics.
package dlm
