package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync"
)

// Garbage collection is paced by the size of the inputs, once they are
// known (loadInputs), unless GOGC or GOMEMLIMIT is set, which then decide:
//
//   - Inputs of less than bigInput bytes together: no collection until the
//     heap reaches smallHeap, then Go's default pacing (GOGC=100, no limit)
//     from the first collection on. Reading and converting a few hundred
//     kilobytes allocates some 20 MB, and collecting it on the way was a
//     third of the CPU time of a convert.
//   - Larger inputs to simulate: a soft memory limit of smallHeap + 3.5
//     times their size. What simulate keeps of an input is about twice its
//     size (a CIB of 10,000 resources on 32 nodes with its operation
//     history: 198 MB read, 434 MB live after simulating), so default
//     pacing could let the heap reach four times the input before
//     collecting; the limit makes it collect earlier. It is soft: a run
//     that needs more gets more (Go then spends up to half the CPU time
//     collecting), which is why the other commands, whose working set is
//     not bounded so (convert --to cib of that CIB builds a 1.5 GB
//     document), keep default pacing for large inputs.
const (
	bigInput  = 16 << 20
	smallHeap = 64 << 20
)

var gcTuned sync.Once

// paceGC sets the pacing above for inputs of size bytes in total, once
// per process; bound asks for the limit on large inputs.
func paceGC(size int64, getenv func(string) string, bound bool) {
	if getenv == nil || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	gcTuned.Do(func() {
		if size >= bigInput {
			if bound {
				debug.SetMemoryLimit(smallHeap + size*7/2)
			}
			return
		}
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(smallHeap)
		// The first collection (the heap reached smallHeap) finds the
		// sentinel unreachable; its cleanup restores the default pacing.
		sentinel := new([32]byte)
		runtime.AddCleanup(sentinel, func(struct{}) {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
		}, struct{}{})
	})
}
