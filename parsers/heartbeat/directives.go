package heartbeat

import (
	"sort"

	"hakit/internal/suggest"
)

// class is how heartbeat 3.0.6 reads a directive's value.
type class int

const (
	// classOption: every token (split on blanks and commas) is applied on
	// its own.
	classOption class = iota
	// classWhole: the rest of the line, unsplit.
	classWhole
	// classMediaToken: a medium per token (bcast eth0 eth1).
	classMediaToken
	// classMediaLine: one medium per line, parsed by the plugin.
	classMediaLine
)

// valueKind is what an option directive's tokens must look like.
type valueKind int

const (
	vAny valueKind = iota
	vTime
	vBool
	vInt
	vEnum
	vFacility
	vPath
)

type directive struct {
	class class
	kind  valueKind
	// scalar directives keep their last value; several values in one line
	// are worth a warning.
	scalar bool
	// once directives are an error when repeated.
	once  bool
	enum  []string
	min   int
	max   int
	hasMx bool
}

// Directives is heartbeat 3.0.6's directive table (heartbeat/config.c and
// the HBcomm media plugins).
var directives = map[string]directive{
	// membership and timing
	"node":             {class: classOption},
	"autojoin":         {class: classOption, kind: vEnum, scalar: true, enum: []string{"none", "other", "any"}},
	"keepalive":        {class: classOption, kind: vTime, scalar: true},
	"deadtime":         {class: classOption, kind: vTime, scalar: true},
	"warntime":         {class: classOption, kind: vTime, scalar: true},
	"initdead":         {class: classOption, kind: vTime, scalar: true},
	"deadping":         {class: classOption, kind: vTime, scalar: true},
	"udpport":          {class: classOption, kind: vInt, scalar: true, min: 1, max: 65535, hasMx: true},
	"baud":             {class: classOption, kind: vEnum, scalar: true, once: true, enum: []string{"9600", "19200", "38400", "57600", "115200", "230400", "460800"}},
	"hopfudge":         {class: classOption, kind: vInt, scalar: true, min: 0, max: 255, hasMx: true},
	"max_rexmit_delay": {class: classOption, kind: vInt, scalar: true, min: 1},
	// resource management and pacemaker
	"auto_failback":       {class: classOption, kind: vEnum, scalar: true, enum: []string{"legacy", "true", "on", "yes", "y", "1", "false", "off", "no", "n", "0"}},
	"nice_failback":       {class: classOption, kind: vBool, scalar: true},
	"crm":                 {class: classOption, kind: vEnum, scalar: true, once: true, enum: pacemakerValues},
	"pacemaker":           {class: classOption, kind: vEnum, scalar: true, once: true, enum: pacemakerValues},
	"crm_daemon_dir":      {class: classOption, kind: vPath, scalar: true},
	"crmd_spawns_pengine": {class: classOption, kind: vBool, scalar: true},
	"watchdog":            {class: classOption, kind: vPath, scalar: true, once: true},
	"cluster":             {class: classOption, scalar: true},
	"quorum_server":       {class: classOption, scalar: true},
	// logging, runtime, misc
	"logfile":                 {class: classOption, kind: vPath, scalar: true},
	"debugfile":               {class: classOption, kind: vPath, scalar: true},
	"logfacility":             {class: classOption, kind: vFacility, scalar: true},
	"use_logd":                {class: classOption, kind: vBool, scalar: true},
	"conn_logd_time":          {class: classOption, kind: vInt, scalar: true, min: 1},
	"debug":                   {class: classOption, kind: vInt, scalar: true, min: 0, max: 255, hasMx: true},
	"compression":             {class: classOption, scalar: true},
	"compression_threshold":   {class: classOption, kind: vInt, scalar: true, min: 1},
	"traditional_compression": {class: classOption, kind: vBool, scalar: true},
	"msgfmt":                  {class: classOption, kind: vEnum, scalar: true, enum: []string{"classic", "netstring"}},
	"realtime":                {class: classOption, kind: vBool, scalar: true},
	"rtprio":                  {class: classOption, kind: vInt, scalar: true, min: 1, max: 99, hasMx: true},
	"hbgenmethod":             {class: classOption, kind: vEnum, scalar: true, enum: []string{"file", "time"}},
	"uuidfrom":                {class: classOption, kind: vEnum, scalar: true, enum: []string{"file", "nodename"}},
	"coredumps":               {class: classOption, kind: vBool, scalar: true},
	"coreroot":                {class: classOption, kind: vPath, scalar: true},
	"env":                     {class: classOption},
	"memreserve":              {class: classOption, kind: vInt, scalar: true, min: 1},
	"record_config_changes":   {class: classOption, kind: vBool, scalar: true},
	"record_pengine_inputs":   {class: classOption, kind: vBool, scalar: true},
	"enable_config_writes":    {class: classOption, kind: vBool, scalar: true},
	"log_badpack":             {class: classOption, kind: vBool, scalar: true},
	"syslogmsgfmt":            {class: classOption, kind: vBool, scalar: true},
	"use_apphbd":              {class: classOption, kind: vBool, scalar: true},
	"normalpoll":              {class: classOption, kind: vBool, scalar: true},
	// whole-line directives
	"stonith":      {class: classWhole},
	"stonith_host": {class: classWhole},
	"apiauth":      {class: classWhole},
	"respawn":      {class: classWhole},
	"failfast":     {class: classWhole},
	// media
	"bcast":      {class: classMediaToken},
	"serial":     {class: classMediaToken},
	"ping":       {class: classMediaToken},
	"ping6":      {class: classMediaToken},
	"hbaping":    {class: classMediaToken},
	"mcast":      {class: classMediaLine},
	"mcast6":     {class: classMediaLine},
	"ucast":      {class: classMediaLine},
	"ucast6":     {class: classMediaLine},
	"ping_group": {class: classMediaLine},
	"rds":        {class: classMediaLine},
	"tipc":       {class: classMediaLine},
}

var pacemakerValues = []string{"true", "on", "yes", "y", "1", "false", "off", "no", "n", "0",
	"respawn", "minimal", "manual", "ccm-only", "valgrind"}

// syslog facility names heartbeat accepts for logfacility.
var facilities = map[string]bool{
	"none": true, "auth": true, "authpriv": true, "cron": true, "daemon": true, "ftp": true,
	"kern": true, "lpr": true, "mail": true, "news": true, "syslog": true, "user": true,
	"uucp": true, "local0": true, "local1": true, "local2": true, "local3": true,
	"local4": true, "local5": true, "local6": true, "local7": true,
}

// KnownDirective reports whether name is in heartbeat 3.0.6's directive table.
func KnownDirective(name string) bool { _, ok := directives[name]; return ok }

// DirectiveNames lists the directive table, sorted.
func DirectiveNames() []string {
	out := make([]string, 0, len(directives))
	for n := range directives {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// IsMedium reports whether name is a media directive.
func IsMedium(name string) bool {
	d, ok := directives[name]
	return ok && (d.class == classMediaToken || d.class == classMediaLine)
}

// didYouMean returns the known directive closest to name (see
// suggest.Closest), or "".
func didYouMean(name string) string {
	return suggest.Closest(name, DirectiveNames())
}
