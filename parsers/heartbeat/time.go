package heartbeat

import (
	"strconv"
	"strings"
)

// ParseTime reads heartbeat's time syntax as cluster-glue's cl_get_msec does:
// a decimal number (digits and dots) in seconds, or followed by "ms"/"msec"
// (milliseconds) or "us"/"usec" (microseconds), rounded to whole
// milliseconds. It returns -1 for anything else; notably "10s" is invalid.
func ParseTime(s string) int64 {
	const digits = "0123456789."
	cp := strings.TrimLeft(s, " \t\n\r\f\v")
	if cp == "" || strings.IndexByte(digits, cp[0]) < 0 {
		return -1
	}
	n := 0
	for n < len(cp) && strings.IndexByte(digits, cp[n]) >= 0 {
		n++
	}
	num, units := cp[:n], strings.TrimLeft(cp[n:], " \t\n\r\f\v")
	mult, div := 1000.0, 1.0
	lu := strings.ToLower(units)
	switch {
	case strings.HasPrefix(lu, "ms"):
		mult = 1
	case strings.HasPrefix(lu, "us"):
		mult, div = 1, 1000
	case units != "":
		return -1
	}
	v := atof(num)
	ms := v*mult/div + 0.5
	if ms >= 1e15 {
		return -1
	}
	return int64(ms)
}

// atof parses the longest valid decimal prefix of s, like C's atof.
func atof(s string) float64 {
	// Keep at most one dot: "1.2.3" reads as 1.2.
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if j := strings.IndexByte(s[i+1:], '.'); j >= 0 {
			s = s[:i+1+j]
		}
	}
	if s == "." || s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return v
}

// FormatMillis writes a millisecond count the way people read it: "2s",
// "1500ms".
func FormatMillis(ms int64) string {
	if ms%1000 == 0 {
		return strconv.FormatInt(ms/1000, 10) + "s"
	}
	return strconv.FormatInt(ms, 10) + "ms"
}
