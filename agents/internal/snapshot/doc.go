// Package snapshot is the on-disk format of the agent metadata snapshot that
// package agents embeds and the generator (agents/internal/gen) writes.
//
// The format is JSON laid out one record per line, so that a regenerated
// snapshot diffs by agent. Encode is deterministic: it normalises the order
// (agents by class, provider, type; cluster options by name; parameters and
// actions stay in metadata order) and omits empty fields. The package does no
// I/O of its own beyond the reader and writer it is given.
package snapshot
