package parsers

// The formats hakit reads. Each format package adds its entry here once it
// parses; the entries adapt the packages' Parse(src, filename) to Input.
func init() {
}
