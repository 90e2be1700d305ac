package sim

import (
	"strconv"
	"strings"
	"time"

	"hakit/model"
)

// evalRule evaluates a rule for a node (nil: no node attributes). rsc is the
// resource for rsc_expression (may be nil).
func (w *world) evalRule(r *model.Rule, nd *node, rsc *resource) bool {
	if r == nil {
		return true
	}
	if len(r.Expressions) == 0 {
		return true
	}
	or := strings.EqualFold(r.BooleanOp, "or")
	for _, e := range r.Expressions {
		ok := w.evalExpr(e, nd, rsc)
		if or && ok {
			return true
		}
		if !or && !ok {
			return false
		}
	}
	return !or
}

func (w *world) evalExpr(e model.Expression, nd *node, rsc *resource) bool {
	switch x := e.(type) {
	case *model.Rule:
		return w.evalRule(x, nd, rsc)
	case *model.Expr:
		return w.evalAttrExpr(x, nd, rsc)
	case *model.DateExpr:
		return w.evalDate(x)
	case *model.RscExpr:
		if rsc == nil {
			return true
		}
		p := rsc.prim
		if p == nil {
			return false
		}
		return (x.Class == "" || x.Class == p.Class) && (x.Provider == "" || x.Provider == p.Provider) &&
			(x.Type == "" || x.Type == p.Type)
	case *model.OpExpr:
		return false
	default:
		panic("sim: unexpected expression type")
	}
}

func (w *world) nodeAttr(nd *node, name string) (string, bool) {
	if nd == nil {
		return "", false
	}
	switch name {
	case "#uname":
		return nd.name, true
	case "#id":
		return nd.id, true
	case "#kind":
		if nd.guest {
			return "container", true
		}
		if nd.remote {
			return "remote", true
		}
		return "cluster", true
	case "#is_dc":
		if w.dcUUID != "" && nd.id == w.dcUUID {
			return "true", true
		}
		return "false", true
	case "#cluster-name":
		v, ok := w.opts["cluster-name"]
		return v, ok
	case "#site-name":
		if v, ok := nd.attrs["site-name"]; ok {
			return v, true
		}
		v, ok := w.opts["cluster-name"]
		return v, ok
	}
	v, ok := nd.attrs[name]
	return v, ok
}

func (w *world) evalAttrExpr(x *model.Expr, nd *node, rsc *resource) bool {
	val, ok := w.nodeAttr(nd, x.Attribute)
	op := strings.ToLower(x.Operation)
	switch op {
	case "defined":
		return ok
	case "not_defined":
		return !ok
	}
	if !ok {
		return op == "ne"
	}
	ref := x.Value
	switch src := strings.ToLower(x.ValueSource); {
	case rsc == nil || src == "" || src == "literal":
	case src == "param" || src == "meta":
		// The value names a parameter (or meta attribute) of the
		// resource the rule is for.
		var v string
		var have bool
		if src == "meta" {
			v, have = rsc.meta[x.Value]
		} else if rsc.prim != nil {
			ps := map[string]string{}
			w.evalSets(rsc.prim.InstanceAttrs, ps, nd)
			v, have = ps[x.Value]
		}
		if !have {
			return op == "ne"
		}
		ref = v
	}
	typ := strings.ToLower(x.Type)
	if typ == "" {
		if isNumber(ref) && isNumber(val) && op != "eq" && op != "ne" {
			typ = "number"
		} else {
			typ = "string"
		}
	}
	cmp := 0
	switch typ {
	case "number", "integer":
		a, e1 := strconv.ParseFloat(val, 64)
		b, e2 := strconv.ParseFloat(ref, 64)
		if typ == "integer" {
			// Integers are read as strtoll reads them: "3.6" is 3.
			a, e1 = leadingInt(val)
			b, e2 = leadingInt(ref)
		}
		if e1 != nil || e2 != nil {
			cmp = strings.Compare(strings.ToLower(val), strings.ToLower(ref))
		} else if a < b {
			cmp = -1
		} else if a > b {
			cmp = 1
		}
	case "version":
		cmp = compareVersion(val, ref)
	default:
		cmp = strings.Compare(strings.ToLower(val), strings.ToLower(ref))
	}
	switch op {
	case "eq":
		return cmp == 0
	case "ne":
		return cmp != 0
	case "lt":
		return cmp < 0
	case "lte":
		return cmp <= 0
	case "gt":
		return cmp > 0
	case "gte":
		return cmp >= 0
	}
	return false
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func compareVersion(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// nowTime is the effective time.
func (w *world) nowTime() time.Time {
	if w.nowSet {
		return time.Unix(w.now, 0).UTC()
	}
	if w.cluster.CIB != nil {
		// crm_simulate takes the time the CIB was saved for, when it
		// says so.
		if v, err := strconv.ParseInt(w.cluster.CIB.Attrs.Value("execution-date"), 10, 64); err == nil && v > 0 {
			return time.Unix(v, 0).UTC()
		}
	}
	return time.Now().UTC()
}

// ParseTime reads the date forms crm_simulate -t accepts: "2005-020",
// "2005-020T12:30", "2014-05-07 00:28:00", "2014-05-07T00:28:00Z".
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	s = strings.Replace(s, " ", "T", 1)
	datePart, timePart, _ := strings.Cut(s, "T")
	var d time.Time
	switch {
	case len(datePart) == 8 && datePart[4] == '-': // YYYY-DDD
		y, e1 := strconv.Atoi(datePart[:4])
		doy, e2 := strconv.Atoi(datePart[5:])
		if e1 != nil || e2 != nil {
			return time.Time{}, false
		}
		d = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, doy-1)
	case strings.Contains(datePart, "-W"):
		return time.Time{}, false
	default:
		t, err := time.Parse("2006-01-02", datePart)
		if err != nil {
			return time.Time{}, false
		}
		d = t
	}
	if timePart != "" {
		timePart = strings.TrimSuffix(timePart, "Z")
		var offset time.Duration
		if i := strings.IndexAny(timePart, "+-"); i > 0 {
			// A UTC offset: +HH, +HH:MM or +HHMM.
			z := strings.ReplaceAll(strings.TrimSpace(timePart[i+1:]), ":", "")
			h, m := 0, 0
			if len(z) >= 2 {
				h, _ = strconv.Atoi(z[:2])
			}
			if len(z) >= 4 {
				m, _ = strconv.Atoi(z[2:4])
			}
			offset = time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
			if timePart[i] == '-' {
				offset = -offset
			}
			timePart = strings.TrimSpace(timePart[:i])
		}
		d = d.Add(-offset)
		parts := strings.Split(timePart, ":")
		var hms [3]int
		for i := 0; i < len(parts) && i < 3; i++ {
			hms[i], _ = strconv.Atoi(parts[i])
		}
		d = d.Add(time.Duration(hms[0])*time.Hour + time.Duration(hms[1])*time.Minute + time.Duration(hms[2])*time.Second)
	}
	return d, true
}

func (w *world) evalDate(x *model.DateExpr) bool {
	now := w.nowTime()
	parse := func(s string) (time.Time, bool) {
		if s == "" {
			return time.Time{}, false
		}
		return ParseTime(s)
	}
	switch strings.ToLower(x.Operation) {
	case "gt":
		t, ok := parse(x.Start)
		return ok && now.After(t)
	case "lt":
		t, ok := parse(x.End)
		return ok && now.Before(t)
	case "in_range", "":
		start, sok := parse(x.Start)
		end, eok := parse(x.End)
		if !eok && x.Duration != nil && sok {
			end = addDuration(start, x.Duration)
			eok = true
		}
		if sok && now.Before(start) {
			return false
		}
		if eok && now.After(end) {
			return false
		}
		return sok || eok
	case "date_spec":
		return x.DateSpec != nil && matchDateSpec(now, x.DateSpec)
	}
	return false
}

func addDuration(t time.Time, d *model.DateSpec) time.Time {
	get := func(k string) int { v, _ := strconv.Atoi(d.Fields.Value(k)); return v }
	t = t.AddDate(get("years"), get("months"), get("days")+7*get("weeks"))
	return t.Add(time.Duration(get("hours"))*time.Hour + time.Duration(get("minutes"))*time.Minute +
		time.Duration(get("seconds"))*time.Second)
}

func inRangeSpec(spec string, v int) bool {
	for _, part := range strings.Split(spec, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return false
		}
		if !isRange {
			if v == a {
				return true
			}
			continue
		}
		b, err := strconv.Atoi(hi)
		if err != nil {
			if v >= a {
				return true
			}
			continue
		}
		if v >= a && v <= b {
			return true
		}
	}
	return false
}

func matchDateSpec(t time.Time, d *model.DateSpec) bool {
	wd := int(t.Weekday())
	if wd == 0 {
		wd = 7
	}
	_, wk := t.ISOWeek()
	wy, _ := t.ISOWeek()
	vals := map[string]int{"seconds": t.Second(), "minutes": t.Minute(), "hours": t.Hour(), "monthdays": t.Day(),
		"weekdays": wd, "yeardays": t.YearDay(), "months": int(t.Month()), "weeks": wk, "years": t.Year(), "weekyears": wy}
	for _, f := range d.Fields {
		v, ok := vals[f.Name]
		if !ok {
			continue
		}
		if !inRangeSpec(f.Value, v) {
			return false
		}
	}
	return true
}

// leadingInt reads the integer a string starts with, as strtoll does.
func leadingInt(s string) (float64, error) {
	s = strings.TrimSpace(s)
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	return float64(n), err
}
