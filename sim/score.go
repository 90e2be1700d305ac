package sim

import (
	"strconv"
	"strings"
)

// Infinity is Pacemaker's INFINITY score.
const Infinity = 1000000

// addScores adds two scores with Pacemaker's saturating INFINITY arithmetic:
// -INFINITY wins over +INFINITY.
func addScores(a, b int) int {
	if a <= -Infinity || b <= -Infinity {
		return -Infinity
	}
	if a >= Infinity || b >= Infinity {
		return Infinity
	}
	s := a + b
	if s >= Infinity {
		return Infinity
	}
	if s <= -Infinity {
		return -Infinity
	}
	return s
}

// parseScore reads a score: an integer, INFINITY, +INFINITY, -INFINITY, or
// the red/green/yellow health names (0 when unknown).
func parseScore(s string) int {
	s = strings.TrimSpace(s)
	switch strings.ToUpper(s) {
	case "INFINITY", "+INFINITY":
		return Infinity
	case "-INFINITY":
		return -Infinity
	case "":
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return 0
		}
		n = int(f)
	}
	if n > Infinity {
		return Infinity
	}
	if n < -Infinity {
		return -Infinity
	}
	return n
}

// parseInt reads an integer with a default.
func parseInt(s string, def int) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return def
	}
	if strings.EqualFold(s, "INFINITY") || strings.EqualFold(s, "+INFINITY") {
		return Infinity
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// parseDurationMS reads a Pacemaker interval ("10s", "1m", "500ms", "10",
// "PT10S") in milliseconds.
func parseDurationMS(s string) int64 {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0
	}
	if strings.HasPrefix(s, "pt") || strings.HasPrefix(s, "p") {
		return isoDurationMS(s)
	}
	units := []struct {
		suf string
		mul int64
	}{{"msec", 1}, {"ms", 1}, {"usec", 0}, {"us", 0}, {"sec", 1000}, {"s", 1000}, {"min", 60000}, {"m", 60000}, {"hr", 3600000}, {"h", 3600000}}
	for _, u := range units {
		if strings.HasSuffix(s, u.suf) {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(s, u.suf)), 10, 64)
			if err != nil {
				return 0
			}
			if u.mul == 0 {
				return n / 1000
			}
			return n * u.mul
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n * 1000
}

func isoDurationMS(s string) int64 {
	s = strings.TrimPrefix(strings.ToUpper(s), "P")
	var total int64
	inTime := false
	num := ""
	for _, r := range s {
		switch {
		case r == 'T':
			inTime = true
		case r >= '0' && r <= '9':
			num += string(r)
		default:
			n, _ := strconv.ParseInt(num, 10, 64)
			num = ""
			switch r {
			case 'Y':
				total += n * 365 * 86400000
			case 'M':
				if inTime {
					total += n * 60000
				} else {
					total += n * 30 * 86400000
				}
			case 'W':
				total += n * 7 * 86400000
			case 'D':
				total += n * 86400000
			case 'H':
				total += n * 3600000
			case 'S':
				total += n * 1000
			}
		}
	}
	return total
}
