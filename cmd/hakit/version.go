package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version and commit are set at build time:
//
//	go build -ldflags "-X main.version=1.2.3 -X main.commit=abcdef0" ./cmd/hakit
//
// (make build and make dist do so from git describe). A binary built
// without them falls back to what the Go toolchain recorded: the module
// version of `go install hakit/cmd/hakit@v1.2.3`, the VCS revision of a
// build in a checkout.
var (
	version = ""
	commit  = ""
)

// goVersion is the Go version that built the binary.
var goVersion = runtime.Version()

// version and commit are resolved once, so that everything printing the
// version (SARIF, junit) agrees with `hakit version`.
func init() { version, commit, goVersion = resolveBuildInfo(version, commit) }

// resolveBuildInfo fills the version and commit the linker did not set
// from the build information the Go toolchain recorded.
func resolveBuildInfo(ver, rev string) (string, string, string) {
	goVersion := runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		if ver == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			ver = bi.Main.Version
		}
		biRev, modified := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				biRev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev == "" && biRev != "" {
			rev = biRev
			if modified {
				rev += "-dirty"
			}
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
	}
	if ver == "" {
		ver = "0.1.0-dev"
	}
	if rev == "" {
		rev = "unknown"
	}
	return ver, rev, goVersion
}

// versionString is what `hakit version` and `hakit --version` print.
func versionString() string {
	return fmt.Sprintf("hakit %s (commit %s, %s, %s/%s)\n", version, commit, goVersion, runtime.GOOS, runtime.GOARCH)
}

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print hakit's version, commit and Go version",
		Long: `version prints hakit's version, the commit it was built from and the Go version
that built it (the same line as hakit --version).`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(app.Stdout, versionString())
			return err
		},
	}
}
