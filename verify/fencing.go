package verify

import (
	"bytes"
	"fmt"

	"hakit/model"
)

// The HA10xx family, part 1: fencing.

func init() {
	registerLazy(func() {
		Register(&Rule{
			ID:       "HA1001",
			Title:    "No fencing device while fencing is enabled",
			Severity: model.SeverityError,
			Since:    "0.1.0",
			Check:    checkNoFencing,
			Doc: `Fencing (STONITH) is enabled — stonith-enabled (fencing-enabled in Pacemaker 3) is
true, which is also the default when it is not set — but the configuration defines no
fencing device: no primitive of class stonith, at the top level or inside a group,
clone or bundle (a primitive built on a stonith template counts). Pacemaker then
refuses to start any resource. crm_verify (Pacemaker 2.1.5) reports:

` + "```" + `
error: Resource start-up disabled since no STONITH resources have been defined
error: Either configure some or disable STONITH with the stonith-enabled option
error: NOTE: Clusters with shared data need STONITH to ensure data integrity
` + "```" + `

Watchdog self-fencing counts as fencing: when the cluster recorded have-watchdog=true
(sbd is running), Pacemaker, and this rule, accept a configuration without a fencing
device. fencing-enabled=false also silences this rule, as in Pacemaker 3; Pacemaker 2 ignores
fencing-enabled and still refuses to start resources, which HA1008 reports.

The finding points at the stonith-enabled (or fencing-enabled) nvpair when it is set
to true, otherwise at the resources section. Unlike crm_verify, hakit stays silent
for a configuration without any resource, where nothing would start anyway (a crm or
pcs fragment that sets only properties, for instance).

Configure a fencing device for every node. Disabling fencing (stonith-enabled=false)
makes the finding go away but is safe only for clusters without shared data.

Bad:

` + "```xml" + `
<crm_config>
  <cluster_property_set id="cib-bootstrap-options">
    <nvpair id="opt-name" name="cluster-name" value="hacluster"/>
  </cluster_property_set>
</crm_config>
<resources>
  <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">
    <instance_attributes id="vip-ia">
      <nvpair id="vip-ip" name="ip" value="192.168.122.200"/>
    </instance_attributes>
  </primitive>
</resources>
` + "```" + `

Good:

` + "```xml" + `
<resources>
  <primitive id="fence-node1" class="stonith" type="fence_ipmilan">
    <instance_attributes id="fence-node1-ia">
      <nvpair id="fence-node1-ip" name="ip" value="10.0.0.101"/>
      <nvpair id="fence-node1-map" name="pcmk_host_list" value="node1"/>
    </instance_attributes>
  </primitive>
  <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/>
</resources>
` + "```" + `
`,
		})
	})
}

func checkNoFencing(p *Pass) {
	for _, ic := range configs(p) {
		if len(ic.cfg.Resources) == 0 {
			continue
		}
		on, by := ic.fencingEnabled()
		if !on || hasFencingDevice(ic.cfg) {
			continue
		}
		// Watchdog (SBD) self-fencing: the cluster records have-watchdog
		// when sbd runs, and Pacemaker then counts fencing as available.
		if nv := ic.option("have-watchdog"); nv != nil && checkBoolean(nv.Value) == valueOK && model.IsTrue(nv.Value) {
			continue
		}
		var at model.Range
		what := "stonith-enabled is true by default"
		if by != nil {
			at = ic.at(by)
			what = fmt.Sprintf("%s=%s", by.Name, by.Value)
		} else {
			at = resourcesRange(ic)
		}
		d := p.Reportf(at, "no fencing (STONITH) device is defined while %s: Pacemaker will not start any resource", what)
		d.Detail = "crm_verify: Resource start-up disabled since no STONITH resources have been defined. " +
			"Either configure some or disable STONITH with the stonith-enabled option. " +
			"NOTE: Clusters with shared data need STONITH to ensure data integrity"
	}
}

// hasFencingDevice reports whether any primitive, at any depth, is of class
// stonith (directly or through its template).
func hasFencingDevice(cfg *model.Configuration) bool {
	templates := map[string]*model.Primitive{}
	for _, r := range cfg.Resources {
		if pr, ok := r.(*model.Primitive); ok && pr.IsTemplate {
			templates[pr.ID] = pr
		}
	}
	isFence := func(pr *model.Primitive) bool {
		if pr == nil || pr.IsTemplate {
			return false
		}
		class := pr.Class
		if class == "" && pr.Template != "" {
			if t := templates[pr.Template]; t != nil {
				class = t.Class
			}
		}
		return class == "stonith"
	}
	found := false
	model.Primitives(cfg.Resources, func(pr *model.Primitive) {
		if isFence(pr) {
			found = true
		}
	})
	return found
}

// resourcesRange locates the resources section: in XML the <resources> tag
// after the configuration's start, otherwise the first resource.
func resourcesRange(ic *inputConfig) model.Range {
	src := ic.in.Src
	start := ic.cfg.Range.Start.Byte
	if start < 0 || start > len(src) {
		start = 0
	}
	if i := bytes.Index(src[start:], []byte("<resources")); i >= 0 && ic.in.Format == "cib" {
		off := start + i
		return model.NewLineIndex(src).Range(ic.in.Filename, off, off+len("<resources"))
	}
	if len(ic.cfg.Resources) > 0 && ic.cfg.Resources[0] != nil {
		return ic.at(ic.cfg.Resources[0])
	}
	return ic.at(ic.cfg)
}
