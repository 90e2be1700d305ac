// Command hakit checks, converts and simulates Linux-HA cluster
// configurations: Pacemaker CIBs, crm shell and pcs scripts, corosync.conf,
// dlm.conf, heartbeat's ha.cf/authkeys/haresources and CMAN's cluster.conf.
package main

import "os"

func main() {
	isTerm := false
	if st, err := os.Stdout.Stat(); err == nil {
		isTerm = st.Mode()&os.ModeCharDevice != 0
	}
	app := &App{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		StdoutIsTerminal: isTerm,
		Getwd:            os.Getwd,
	}
	os.Exit(run(app, os.Args[1:]))
}
