package main

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"hakit/agents/internal/snapshot"
)

const ocf11 = `<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="Demo" version="2.1">
<version>1.1</version>
<longdesc lang="en">Long
text.</longdesc>
<shortdesc lang="de">Beispiel</shortdesc>
<shortdesc lang="en">
  Example   agent
  second line
</shortdesc>
<parameters>
<parameter name="state" unique-group="state">
<shortdesc lang="en">State file</shortdesc>
<content type="string" default="/run/x.state"/>
</parameter>
<parameter name="old" reloadable="1">
<deprecated><replaced-with name="new"/><desc lang="en">use new</desc></deprecated>
<shortdesc lang="en">Old name</shortdesc>
<content type="integer"/>
</parameter>
<parameter name="unit" required="1" unique="0">
<longdesc lang="en">Unit to use</longdesc>
<shortdesc lang="en"></shortdesc>
<content type="select" default="G"><option value="K"/><option value="G"/></content>
</parameter>
<parameter name="legacy">
<shortdesc lang="en">Legacy knob (deprecated)</shortdesc>
</parameter>
<parameter name="quiet">
<shortdesc lang="en">Suppress deprecation warning</shortdesc>
</parameter>
</parameters>
<actions>
<action name="start" timeout="20s"/>
<action name="monitor" depth="0" timeout="20s" interval="10s" role="Promoted" start-delay="5s"/>
<action name="meta-data" timeout="5s"/>
</actions>
</resource-agent>`

func TestParseOCF11(t *testing.T) {
	a, err := parseAgent("ocf", "test", "Demo", []byte(ocf11))
	if err != nil {
		t.Fatal(err)
	}
	want := snapshot.Agent{
		Class: "ocf", Provider: "test", Type: "Demo", Version: "2.1", OCFVersion: "1.1",
		ShortDesc: "Example agent",
		Params: []snapshot.Param{
			{Name: "state", Type: "string", Default: "/run/x.state", ShortDesc: "State file", UniqueGroup: "state"},
			{Name: "old", Type: "integer", ShortDesc: "Old name", Deprecated: "new", Reloadable: true},
			{Name: "unit", Type: "select", Default: "G", ShortDesc: "Unit to use", Required: true, Values: []string{"K", "G"}},
			{Name: "legacy", ShortDesc: "Legacy knob (deprecated)", Deprecated: "yes"},
			{Name: "quiet", ShortDesc: "Suppress deprecation warning"},
		},
		Actions: []snapshot.Action{
			{Name: "start", Timeout: "20s"},
			{Name: "monitor", Timeout: "20s", Interval: "10s", Role: "Promoted", Depth: "0", StartDelay: "5s"},
			{Name: "meta-data", Timeout: "5s"},
		},
	}
	if !equalAgent(a, want) {
		t.Errorf("parseAgent =\n%+v\nwant\n%+v", a, want)
	}
}

const fence = `Some junk a wrapper printed
<?xml version="1.0" ?>
<resource-agent name="fence_demo" shortdesc="Fence agent for demo" >
<longdesc>fence_demo is an I/O Fencing agent.</longdesc>
<parameters>
	<parameter name="ip" unique="0" required="1" obsoletes="ipaddr">
		<getopt mixed="-a, --ip=[ip]" />
		<content type="string"  />
		<shortdesc lang="en">IP address or hostname of fencing device</shortdesc>
	</parameter>
	<parameter name="ipaddr" unique="0" required="1" deprecated="1">
		<content type="string"  />
		<shortdesc lang="en">IP address or hostname of fencing device</shortdesc>
	</parameter>
	<parameter name="port" unique="0" required="0" deprecated="1">
		<content type="string"  />
	</parameter>
</parameters>
<actions>
	<action name="on" automatic="0"/>
	<action name="monitor" />
</actions>
</resource-agent>`

func TestParseFence(t *testing.T) {
	a, err := parseAgent("stonith", "", "fence_demo", []byte(fence))
	if err != nil {
		t.Fatal(err)
	}
	want := snapshot.Agent{
		Class: "stonith", Type: "fence_demo", ShortDesc: "Fence agent for demo",
		Params: []snapshot.Param{
			{Name: "ip", Type: "string", ShortDesc: "IP address or hostname of fencing device", Required: true},
			{Name: "ipaddr", Type: "string", ShortDesc: "IP address or hostname of fencing device", Required: true, Deprecated: "ip"},
			{Name: "port", Type: "string", Deprecated: "yes"},
		},
		Actions: []snapshot.Action{{Name: "on"}, {Name: "monitor"}},
	}
	if !equalAgent(a, want) {
		t.Errorf("parseAgent =\n%+v\nwant\n%+v", a, want)
	}
}

const daemonXML = `<?xml version="1.0"?>
<resource-agent name="pacemaker-schedulerd" version="2.0.1">
  <version>1.0</version>
  <parameters>
    <parameter name="no-quorum-policy">
      <longdesc lang="en">What to do when the cluster does not have quorum  Allowed values: stop, freeze, ignore, demote, suicide</longdesc>
      <shortdesc lang="en">What to do when the cluster does not have quorum</shortdesc>
      <content type="enum" default="stop"/>
    </parameter>
    <parameter name="stonith-enabled">
      <shortdesc lang="en">*** Advanced Use Only *** Whether nodes may be fenced as part of recovery</shortdesc>
      <content type="boolean" default="true"/>
    </parameter>
    <parameter name="election-timeout">
      <longdesc lang="en">Declare an election failed if it is not decided within this much time.</longdesc>
      <shortdesc lang="en">*** Advanced Use Only ***</shortdesc>
      <content type="time" default="2min"/>
    </parameter>
    <parameter name="remove-after-stop">
      <shortdesc lang="en">*** Deprecated *** Whether to remove stopped resources</shortdesc>
      <content type="boolean" default="false"/>
    </parameter>
    <parameter name="new-style" advanced="1" generated="0">
      <deprecated/>
      <shortdesc lang="en">Flags as attributes</shortdesc>
      <content type="select" default="b"><option value="a"/><option value="b"/></content>
    </parameter>
  </parameters>
</resource-agent>`

func TestParseDaemon(t *testing.T) {
	opts, params, err := parseDaemon("pacemaker-schedulerd", []byte(daemonXML))
	if err != nil {
		t.Fatal(err)
	}
	d := "pacemaker-schedulerd"
	want := []snapshot.Option{
		{Name: "no-quorum-policy", Type: "enum", Default: "stop", ShortDesc: "What to do when the cluster does not have quorum", Daemon: d,
			Values: []string{"stop", "freeze", "ignore", "demote", "suicide"}},
		{Name: "stonith-enabled", Type: "boolean", Default: "true", ShortDesc: "Whether nodes may be fenced as part of recovery", Daemon: d, Advanced: true},
		{Name: "election-timeout", Type: "time", Default: "2min", ShortDesc: "Declare an election failed if it is not decided within this much time.", Daemon: d, Advanced: true},
		{Name: "remove-after-stop", Type: "boolean", Default: "false", ShortDesc: "Whether to remove stopped resources", Daemon: d, Deprecated: true},
		{Name: "new-style", Type: "select", Default: "b", ShortDesc: "Flags as attributes", Daemon: d, Values: []string{"a", "b"}, Advanced: true, Deprecated: true},
	}
	if !slices.EqualFunc(opts, want, equalOption) {
		t.Errorf("options =\n%+v\nwant\n%+v", opts, want)
	}
	if len(params) != len(want) || params[3].Deprecated != "yes" || !params[1].Advanced {
		t.Errorf("params = %+v", params)
	}
}

func TestParseWrapped(t *testing.T) {
	wrapped := `<pacemaker-result api-version="2.30" request="crm_attribute --list-options=cluster">` +
		strings.TrimPrefix(daemonXML, `<?xml version="1.0"?>`) + `<status code="0" message="OK"/></pacemaker-result>`
	opts, _, err := parseDaemon("cluster-options", []byte(wrapped))
	if err != nil || len(opts) != 5 {
		t.Errorf("parseDaemon(wrapped) = %d options, %v", len(opts), err)
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := parseAgent("ocf", "p", "t", []byte("usage: foo <nodename>\n")); err == nil {
		t.Error("usage text parsed as metadata")
	}
	if _, err := parseAgent("ocf", "p", "t", []byte("")); !errors.Is(err, errNoMetadata) {
		t.Errorf("empty output: err = %v, want errNoMetadata", err)
	}
	if _, err := parseAgent("ocf", "p", "t", []byte(`<resource-agent name="t"><parameters>`)); err == nil {
		t.Error("truncated XML parsed")
	}
}

func TestShort(t *testing.T) {
	long := strings.Repeat("word ", 60)
	for in, want := range map[string]string{
		"":                       "",
		"\n\n  a   b \n c":       "a b",
		"one line.":              "one line.",
		long:                     strings.TrimSpace(long[:maxDesc]) + "...",
		strings.Repeat("x", 200): strings.Repeat("x", maxDesc) + "...",
		strings.Repeat("é", 100): strings.Repeat("é", maxDesc/2) + "...",
	} {
		if got := short(in); got != want {
			t.Errorf("short(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAllowedValues(t *testing.T) {
	got := allowedValues(`How to determine... Allowed values: dynamic-list (query the device via the 'list' command), static-list (check the pcmk_host_list attribute), "none"`)
	if want := []string{"dynamic-list", "static-list", "none"}; !slices.Equal(got, want) {
		t.Errorf("allowedValues = %q, want %q", got, want)
	}
	if got := allowedValues("no list here"); got != nil {
		t.Errorf("allowedValues = %q, want nil", got)
	}
}

func TestMergeOptions(t *testing.T) {
	a := []snapshot.Option{{Name: "no-quorum-policy", Daemon: "pacemaker-schedulerd"}, {Name: "x", Daemon: "pacemaker-schedulerd"}}
	b := []snapshot.Option{{Name: "no-quorum-policy", Daemon: "pacemaker-controld"}, {Name: "y", Daemon: "pacemaker-controld"}}
	got := mergeOptions(mergeOptions(nil, a), b)
	got = mergeOptions(got, b) // idempotent
	if len(got) != 3 || got[0].Daemon != "pacemaker-controld,pacemaker-schedulerd" {
		t.Errorf("mergeOptions = %+v", got)
	}
}

func equalAgent(a, b snapshot.Agent) bool { return reflect.DeepEqual(a, b) }

func equalOption(a, b snapshot.Option) bool { return reflect.DeepEqual(a, b) }
