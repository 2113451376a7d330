//go:build unix

package store

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time this process has used, so
// that benchmarks can report cost per article apart from waits on fsync
// and on other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
