// Command hakit checks, converts and simulates Linux-HA cluster
// configurations: Pacemaker CIBs, crm shell and pcs scripts, corosync.conf,
// dlm.conf, heartbeat's ha.cf/authkeys/haresources and CMAN's cluster.conf.
package main

import "os"

func main() {
	app := &App{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		StdoutIsTerminal: isTerminal(os.Stdout),
		StderrIsTerminal: isTerminal(os.Stderr),
		Getwd:            os.Getwd,
		Getenv:           os.Getenv,
	}
	os.Exit(run(app, os.Args[1:]))
}

// isTerminal reports whether f is a character device (a terminal; /dev/null
// too, which only ever loses what is drawn on it).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
