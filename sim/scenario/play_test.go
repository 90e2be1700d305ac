package scenario

import (
	"os"
	"testing"
)

// TestCarriedState: fail counts, last-failure times (failure-timeout
// expiry as time passes) and standby are carried from step to step.
func TestCarriedState(t *testing.T) {
	src, err := os.ReadFile("testdata/failure-timeout.xml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := loadCIB(src)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse([]byte(`inputs: [failure-timeout.xml]
steps:
  - name: three failures at once reach migration-threshold
    op-fail: ["app-db_monitor_30000@node1=1", "app-db_monitor_30000@node1=1", "app-db_monitor_30000@node1=1"]
    expect: {running: {app: node2}}
  - name: within failure-timeout
    wait: 5min
    expect: {running: {app: node2}}
  - name: failure-timeout expired
    wait: 10min
    expect: {running: {app: node1}, actions-include: ["move app-fs node1"]}
  - name: standby
    standby: [node1]
    expect: {running: {app: node2}}
  - name: standby stays
    wait: 1min
    expect: {running: {app: node2}, stopped: []}
  - name: online again
    online: [node1]
    expect: {running: {app: node1}}
`), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Play(sc, c, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Steps {
		for _, a := range s.Assertions {
			if !a.OK {
				t.Errorf("%s: %s: %s", s.Name, a.Expect, a.Message)
			}
		}
	}
	if len(rep.Steps[1].Actions) != 0 {
		t.Errorf("nothing happens while the failure is fresh: %+v", rep.Steps[1].Actions)
	}
}
