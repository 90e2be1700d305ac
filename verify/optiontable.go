package verify

import (
	"sort"
	"strings"
	"sync"

	"hakit/agents"
)

// clusterOption is what the HA10xx rules know of one crm_config property.
type clusterOption struct {
	Name    string
	Type    string // boolean, integer, time, select, string, percentage
	Default string
	Values  []string
	// CaseSensitive selects are compared exactly (stonith-action); the
	// others case-insensitively, as Pacemaker does.
	CaseSensitive bool
	// Positive integers must be > 0 or INFINITY (stonith-max-attempts).
	Positive bool
	// Daemons that read the option; crm_verify validates only the
	// scheduler's.
	Daemon     string
	Deprecated bool
	// Pacemaker3 marks names and values Pacemaker 2 does not know.
	Pacemaker3 bool
}

// CheckedByCrmVerify reports whether crm_verify validates the option (it
// runs the scheduler's checks only).
func (o *clusterOption) CheckedByCrmVerify() bool {
	return strings.Contains(o.Daemon, "schedulerd")
}

// renamed3 maps the Pacemaker 2 names that Pacemaker 3 renamed to their new
// names (both are read by Pacemaker 3; Pacemaker 2 reads only the old one).
var renamed3 = map[string]string{
	"stonith-enabled": "fencing-enabled",
	"stonith-action":  "fencing-action",
	"stonith-timeout": "fencing-timeout",
	// Read as a deprecated alias of fencing-watchdog-timeout from 3.0.2.
	"stonith-watchdog-timeout": "fencing-watchdog-timeout",
	"stop-orphan-resources":    "stop-removed-resources",
	"stop-orphan-actions":      "cancel-removed-actions",
}

// legacyOption is a crm_config name of Pacemaker 1.x. Pacemaker renames it
// when it upgrades a pre-2.10 CIB (upgrade-2.10.xsl) or reads it as a
// deprecated alias; schemas pacemaker-3.0 and later reject the 1.x names.
type legacyOption struct {
	// Replacement is the current name, "" when the option was dropped.
	Replacement string
	// Where names the section the replacement lives in when it is not
	// crm_config ("rsc_defaults", "op_defaults", "alerts").
	Where string
	Note  string
}

var legacyOptions = map[string]legacyOption{
	"cluster_recheck_interval":            {Replacement: "cluster-recheck-interval"},
	"dc_deadtime":                         {Replacement: "dc-deadtime"},
	"default-action-timeout":              {Replacement: "timeout", Where: "op_defaults"},
	"default_action_timeout":              {Replacement: "timeout", Where: "op_defaults"},
	"default-migration-threshold":         {Replacement: "migration-threshold", Where: "rsc_defaults"},
	"default_migration_threshold":         {Replacement: "migration-threshold", Where: "rsc_defaults"},
	"default-resource-stickiness":         {Replacement: "resource-stickiness", Where: "rsc_defaults"},
	"default_resource_stickiness":         {Replacement: "resource-stickiness", Where: "rsc_defaults"},
	"default-resource-failure-stickiness": {Replacement: "migration-threshold", Where: "rsc_defaults"},
	"default_resource_failure_stickiness": {Replacement: "migration-threshold", Where: "rsc_defaults"},
	"election_timeout":                    {Replacement: "election-timeout"},
	"expected-quorum-votes":               {Note: "corosync 2 and later track quorum themselves"},
	"is-managed-default":                  {Replacement: "is-managed", Where: "rsc_defaults"},
	"is_managed_default":                  {Replacement: "is-managed", Where: "rsc_defaults"},
	"no_quorum_policy":                    {Replacement: "no-quorum-policy"},
	"notification-agent":                  {Where: "alerts", Note: "configure an alert agent instead"},
	"notification-recipient":              {Where: "alerts", Note: "configure an alert recipient instead"},
	"remove_after_stop":                   {Replacement: "remove-after-stop"},
	"shutdown_escalation":                 {Replacement: "shutdown-escalation"},
	"startup_fencing":                     {Replacement: "startup-fencing"},
	"stonith_action":                      {Replacement: "stonith-action"},
	"stonith_enabled":                     {Replacement: "stonith-enabled"},
	"stop_orphan_actions":                 {Replacement: "stop-orphan-actions"},
	"stop_orphan_resources":               {Replacement: "stop-orphan-resources"},
	"symmetric_cluster":                   {Replacement: "symmetric-cluster"},
	"transition_idle_timeout":             {Replacement: "cluster-delay"},
	"transition-idle-timeout":             {Replacement: "cluster-delay"},
	"crmd-integration-timeout":            {Replacement: "join-integration-timeout"},
	"crmd-finalization-timeout":           {Replacement: "join-finalization-timeout"},
	"crmd-transition-delay":               {Replacement: "transition-delay"},
}

// internalOption reports names the cluster or resource agents write into
// crm_config themselves; they are never reported as unknown.
func internalOption(name string) bool {
	return name == "last-lrm-refresh" || strings.HasSuffix(name, "_REPL_INFO")
}

// clusterOptions is the option table: the agents snapshot (Pacemaker
// 2.1.5's daemons' metadata) plus what newer Pacemaker releases added.
var clusterOptions = sync.OnceValue(func() map[string]*clusterOption {
	m := map[string]*clusterOption{}
	for _, o := range agents.ClusterOptions() {
		m[o.Name] = &clusterOption{
			Name: o.Name, Type: o.Type, Default: o.Default,
			Values: append([]string(nil), o.Values...), Daemon: o.Daemon, Deprecated: o.Deprecated,
		}
	}
	// Pacemaker 2.1.5 compares stonith-action exactly and the other selects
	// case-insensitively (checked with crm_verify).
	if o := m["stonith-action"]; o != nil {
		o.CaseSensitive = true
	}
	if o := m["no-quorum-policy"]; o != nil && !contains(o.Values, "fence") {
		o.Values = append(o.Values, "fence") // Pacemaker 3; see HA1008
	}
	if o := m["fence-reaction"]; o != nil && len(o.Values) == 0 {
		o.Type, o.Values = "select", []string{"stop", "panic"}
	}
	if o := m["stonith-max-attempts"]; o != nil {
		o.Positive = true
	}
	// Options of newer releases.
	add := func(o *clusterOption) {
		if _, ok := m[o.Name]; !ok {
			m[o.Name] = o
		}
	}
	add(&clusterOption{Name: "node-pending-timeout", Type: "time", Default: "0", Daemon: "pacemaker-schedulerd"})
	add(&clusterOption{Name: "fence-remote-without-quorum", Type: "boolean", Default: "false", Daemon: "pacemaker-schedulerd"})
	for old, nw := range renamed3 {
		if o := m[old]; o != nil {
			cp := *o
			cp.Name, cp.Pacemaker3 = nw, true
			add(&cp)
		}
	}
	return m
})

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// optionNames returns every known option name, for suggestions.
func optionNames() []string {
	var out []string
	for n := range clusterOptions() {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
