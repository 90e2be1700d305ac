package scenario

import "hakit/sim"

// observedFailures gives a step's op-fail events the meaning a story needs:
// a failure the cluster observed, recorded in the history before scheduling,
// as crm_simulate -i (--op-inject) records it. The single run's --op-fail
// (crm_simulate -F) fails an action of the transition and cuts the transition
// short there; a settled cluster schedules no monitor for it to fail, and the
// state a cut-short transition leaves is not what the next step starts from.
// The events are copied; ev is not changed.
func observedFailures(ev *sim.Events) *sim.Events {
	if ev == nil || len(ev.OpFail) == 0 {
		return ev
	}
	out := *ev
	out.OpInject = append(append([]string(nil), ev.OpInject...), ev.OpFail...)
	out.OpFail = nil
	return &out
}
