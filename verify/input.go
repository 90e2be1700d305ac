package verify

import "hakit/model"

func init() {
	registerLazy(func() {
		Register(&Rule{
			ID:       "HA0001",
			Title:    "Input no parser can read",
			Severity: model.SeverityError,
			Since:    "0.1.0",
			Doc: `Reported by the front door (package parsers) before any format's parser runs: the file is
empty, binary (it holds a NUL byte), not valid UTF-8, or of a format hakit cannot tell from its
name and content (name it with ` + "`--from`" + `). Nothing else is checked in such a file.

Every configuration format hakit reads is text. A binary file given by mistake (a core dump, a
compressed backup) or a file saved in Latin-1 would otherwise produce a cascade of confusing
syntax errors; this one finding names the real problem and its position.

Bad: an empty ` + "`cib.xml`" + `, or a crm file saved as Latin-1, where the é below is the single
byte 0xE9 (reported as ` + "`app.crm:1:14: error: HA0001: file is not valid UTF-8`" + `):

` + "```" + `
primitive café ocf:heartbeat:Dummy
` + "```" + `

Good: the same file saved as UTF-8 (é is the two bytes 0xC3 0xA9), or an id in plain ASCII:

` + "```" + `
primitive cafe ocf:heartbeat:Dummy
` + "```" + `
`,
		})
	})
}
