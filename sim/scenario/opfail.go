package scenario

import "hakit/sim"

// observedFailures gives a step's op-fail events the meaning a story needs.
// A recurring operation (interval > 0: a monitor) that fails is a failure
// the cluster observes while it runs, so it is recorded in the history before
// scheduling, as crm_simulate -i does; crm_simulate -F, the single run's
// --op-fail, would only fail a monitor the transition itself schedules, and
// a settled cluster schedules none. A one-off operation (start, stop,
// promote: interval 0) keeps -F's meaning: it fails when the transition
// runs it. The events are copied; ev is not changed.
func observedFailures(ev *sim.Events) *sim.Events {
	if ev == nil || len(ev.OpFail) == 0 {
		return ev
	}
	out := *ev
	out.OpFail = nil
	out.OpInject = append([]string(nil), ev.OpInject...)
	for _, s := range ev.OpFail {
		if o, err := sim.ParseOpSpec(s); err == nil && o.Interval > 0 {
			out.OpInject = append(out.OpInject, s)
		} else {
			out.OpFail = append(out.OpFail, s)
		}
	}
	return &out
}
