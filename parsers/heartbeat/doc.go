// Package heartbeat reads Heartbeat's configuration files into the model:
// ha.cf (membership, media, timing, mode; heartbeat 3.0.6's directive table
// and quirks), authkeys (with its file mode), the v1 haresources file, and an
// /etc/hosts-style file that gives node addresses for conversion.
//
// ha.cf and authkeys lower into model.Membership (Origin "heartbeat");
// haresources and hosts into the native types of model/heartbeat.go, hung off
// Membership.Heartbeat. Producing a Pacemaker configuration is the job of
// package convert, not of this one.
//
// ha.cf, authkeys and haresources are read with participle/v2 grammars
// (grammar.go) over lexers that read a line at a time as heartbeat does;
// the hosts file with a hand-written line scanner (hosts.go).
//
// Parsers here never print, never exit, never panic, and never put a secret
// from authkeys (or stonith_host parameters) anywhere but a model.Secret.
package heartbeat
