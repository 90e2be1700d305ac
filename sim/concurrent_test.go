package sim

import (
	"fmt"
	"sync"
	"testing"
)

// TestRunConcurrently runs the simulator on different clusters at once: a
// run keeps no state outside its world (an index of attribute sets once
// lived in a package variable, so two runs crashed with concurrent map
// writes or read each other's sets through $id-ref; go test -race
// reports that at once).
func TestRunConcurrently(t *testing.T) {
	cib := func(role string) string {
		return fmt.Sprintf(`<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
<configuration><crm_config><cluster_property_set id="o"><nvpair id="o-s" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
<nodes><node id="1" uname="n1"/></nodes>
<resources>
<primitive id="a" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="shared"><nvpair id="ts" name="target-role" value="%s"/></meta_attributes></primitive>
<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id-ref="shared"/></primitive>
</resources><constraints/></configuration>
<status><node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member"/></status></cib>`, role)
	}
	want := map[string]int{"Started": 2, "Stopped": 0}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			role := []string{"Started", "Stopped"}[i%2]
			c, err := LoadCIB([]byte(cib(role)))
			if err != nil {
				t.Error(err)
				return
			}
			res, err := Run(c, &Events{})
			if err != nil {
				t.Error(err)
				return
			}
			started := 0
			for _, a := range res.Actions {
				if a.Action == "Start" {
					started++
				}
			}
			if started != want[role] {
				t.Errorf("target-role %s: %d starts, want %d", role, started, want[role])
			}
		}()
	}
	wg.Wait()
}
