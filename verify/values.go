package verify

import (
	"strconv"
	"strings"
)

// valueCheck is the verdict on an option value, following how Pacemaker
// 2.1.5 reads it (checked against crm_verify).
type valueCheck int

const (
	valueOK valueCheck = iota
	// valuePartial: Pacemaker accepts the value but reads only a prefix of
	// it ("2.5" as 2, "10mx" as 10m).
	valuePartial
	valueInvalid
)

// checkBoolean: true/false, on/off, yes/no, y/n, 1/0 in any case, nothing
// around them.
func checkBoolean(v string) valueCheck {
	switch strings.ToLower(v) {
	case "true", "on", "yes", "y", "1", "false", "off", "no", "n", "0":
		return valueOK
	}
	return valueInvalid
}

// checkInteger follows Pacemaker's number check: INFINITY, +INFINITY and
// -INFINITY (exact case), or what strtoll reads: optional leading blanks,
// a sign, digits, with anything after the digits ignored.
func checkInteger(v string, positive bool) valueCheck {
	switch v {
	case "INFINITY", "+INFINITY":
		return valueOK
	case "-INFINITY":
		if positive {
			return valueInvalid
		}
		return valueOK
	}
	s := strings.TrimLeft(v, " \t\n\r\f\v")
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return valueInvalid
	}
	n, err := strconv.ParseInt(s[:j], 10, 64)
	if err != nil {
		return valueInvalid // out of range
	}
	if positive && n <= 0 {
		return valueInvalid
	}
	if j < len(s) || s != v {
		return valuePartial
	}
	return valueOK
}

// timeUnits are the unit spellings hakit accepts without comment.
var timeUnits = map[string]bool{
	"": true, "ms": true, "msec": true, "us": true, "usec": true,
	"s": true, "sec": true, "secs": true, "second": true, "seconds": true,
	"m": true, "min": true, "mins": true, "minute": true, "minutes": true,
	"h": true, "hr": true, "hrs": true, "hour": true, "hours": true,
}

// checkTime follows Pacemaker's interval parser: an ISO 8601 duration
// ("P1DT2H", "PT30S"), or blanks, digits, blanks and a unit that starts with
// ms, us, s, m or h in any case (no unit: seconds). Pacemaker looks only at
// the start of the unit and drops a fraction, so "10mx" and "1.5s" are read
// (as 10m and 1s) but reported as partial.
func checkTime(v string) valueCheck {
	s := strings.TrimLeft(v, " \t\n\r\f\v")
	if strings.HasPrefix(s, "P") && s == v {
		return checkISODuration(s)
	}
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i == 0 || s[0] == '.' {
		return valueInvalid
	}
	num := s[:i]
	unit := strings.TrimLeft(s[i:], " \t\n\r\f\v")
	lu := strings.ToLower(unit)
	switch {
	case lu == "":
	case strings.HasPrefix(lu, "ms"), strings.HasPrefix(lu, "us"), strings.HasPrefix(lu, "s"),
		strings.HasPrefix(lu, "m"), strings.HasPrefix(lu, "h"):
	default:
		return valueInvalid
	}
	if strings.Contains(num, ".") || !timeUnits[strings.TrimRight(lu, " \t\n\r\f\v")] {
		return valuePartial
	}
	return valueOK
}

// checkISODuration accepts P[nY][nM][nW][nD][T[nH][nM][nS]] with integer
// amounts, as Pacemaker's duration parser does ("P" alone is invalid,
// fractions are invalid).
func checkISODuration(s string) valueCheck {
	if len(s) < 2 {
		return valueInvalid
	}
	timePart := false
	for i := 1; i < len(s); {
		if s[i] == 'T' {
			timePart = true
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j == len(s) {
			return valueInvalid
		}
		u := s[j]
		if timePart && !strings.ContainsRune("HMS", rune(u)) || !timePart && !strings.ContainsRune("YMWD", rune(u)) {
			return valueInvalid
		}
		i = j + 1
	}
	return valueOK
}

// checkPercentage accepts a non-negative integer, optionally followed by %.
func checkPercentage(v string) valueCheck {
	s := strings.TrimSuffix(v, "%")
	if s == "" {
		return valueInvalid
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return valueInvalid
		}
	}
	return valueOK
}

// checkSelect compares v with the allowed values.
func checkSelect(v string, values []string, caseSensitive bool) valueCheck {
	for _, a := range values {
		if v == a || !caseSensitive && strings.EqualFold(v, a) {
			return valueOK
		}
	}
	return valueInvalid
}

// checkOption checks v against o's type.
func checkOption(o *clusterOption, v string) valueCheck {
	switch o.Type {
	case "boolean":
		return checkBoolean(v)
	case "integer":
		return checkInteger(v, o.Positive)
	case "time":
		return checkTime(v)
	case "percentage":
		return checkPercentage(v)
	case "select", "enum":
		if len(o.Values) == 0 {
			return valueOK
		}
		return checkSelect(v, o.Values, o.CaseSensitive)
	}
	return valueOK
}

// describeType says in words what values o takes, for messages.
func describeType(o *clusterOption) string {
	switch o.Type {
	case "boolean":
		return "a boolean (true/false, yes/no, on/off, 1/0)"
	case "integer":
		if o.Positive {
			return "a positive integer or INFINITY"
		}
		return "an integer, INFINITY or -INFINITY"
	case "time":
		return "a duration such as 60s, 15min, 2h or PT1M"
	case "percentage":
		return "a percentage such as 80%"
	case "select", "enum":
		return "one of " + strings.Join(o.Values, ", ")
	}
	return o.Type
}
