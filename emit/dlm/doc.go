// Package dlm writes a model.Membership's DLM block as /etc/dlm/dlm.conf:
// key=value options, then fence_all/unfence_all or the device sections
// (device, its connect lines, its unfence lines, a blank line), then
// lockspace blocks with their master lines, then node lines. Every line is
// written from column 1, since dlm_controld ignores indented lines.
//
// It writes what the model holds so parsers/dlm reads the same model back;
// it does not repair a configuration (that is convert's and verify's job),
// and never prints or exits.
package dlm
