package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The acceptance test for secrets: an authkeys whose sha1 secret is
// "heartbeat", a fence password "password" and another "IPaddr2". No output
// reveals them (snippets mask the values), and no message carries asterisks
// or "<redacted>" where the words merely appear (ocf:heartbeat:IPaddr2,
// "use password").
func TestSecretsAreOrdinaryWords(t *testing.T) {
	needCIBParser(t)
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "cli", "secrets", "cib.xml"))
	if err != nil {
		t.Fatal(err)
	}
	cib := filepath.Join(dir, "cib.xml")
	authkeys := filepath.Join(dir, "authkeys")
	if err := os.WriteFile(cib, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(authkeys, []byte("auth 1\n1 sha1 heartbeat\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	text := runCLI(t, dir, "verify", "--format", "text", cib, authkeys)
	for _, want := range []string{"ocf:heartbeat:IPaddr2", "use password"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	if strings.ContainsAny(text.stdout+text.stderr, "*") || strings.Contains(text.stdout, "<redacted>") {
		t.Errorf("text output masks ordinary words:\n%s", text)
	}
	for _, f := range []string{"text", "pretty", "json", "sarif", "junit"} {
		got := runCLI(t, dir, "verify", "--format", f, cib, authkeys)
		out := got.stdout + got.stderr
		for _, leak := range []string{`value="password"`, `value="IPaddr2"`, `value=\"password\"`, `value=\"IPaddr2\"`, "sha1 heartbeat"} {
			if strings.Contains(out, leak) {
				t.Errorf("--format %s reveals %s:\n%s", f, leak, out)
			}
		}
	}
	pretty := runCLI(t, dir, "verify", "--format", "pretty", cib, authkeys)
	if !strings.Contains(pretty.stdout, `name="passwd" value="*******"/>`) {
		t.Errorf("pretty snippet does not mask the password:\n%s", pretty)
	}
}
