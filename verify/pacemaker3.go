package verify

// Pacemaker3Rules are the opt-in rules that --target pacemaker-3.0 enables:
// what Pacemaker 3.0 removed or renamed.
var Pacemaker3Rules = []string{"HA1009", "HA1610"}
