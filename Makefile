# hakit — make targets. `make test` is pure Go; `make conformance` installs the
# real Pacemaker/Corosync tools (Debian packages) when missing and runs the
# differential tests against them.

GO       ?= go
BIN      := bin/hakit
FUZZTIME ?= 10s
FUZZJOBS ?= 1
# Debian packages the conformance suite runs against.
TOOLS_PKGS := pacemaker-cli-utils crmsh pcs corosync libxml2-utils resource-agents \
              pacemaker-resource-agents fence-agents python3 pre-commit corosync-vqsim chromium

.PHONY: all build test conformance tools bench fuzz lint update demo clean man dist

all: build

build:
	$(GO) build -o $(BIN) ./cmd/hakit

test:
	$(GO) test ./...

# The differential tests live beside the code they check, in files built
# with the `conformance` tag; without the tools they fail, they never skip.
conformance: tools
	$(GO) test -tags conformance -run Conformance -count=1 -timeout 60m ./...

tools:
	@missing=""; \
	for t in crm_verify crm_simulate cibadmin crm pcs corosync xmllint python3 pre-commit corosync-vqsim chromium; do \
	  command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; \
	done; \
	[ -d /usr/lib/ocf/resource.d/heartbeat ] || missing="$$missing resource-agents"; \
	if [ -n "$$missing" ]; then \
	  echo "installing the conformance tools (missing:$$missing)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(TOOLS_PKGS) >/dev/null; \
	fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Every fuzz target of the tree, FUZZTIME each, FUZZJOBS at a time (each
# with one worker when FUZZJOBS > 1); see .ci/fuzz. A failing target does not
# stop the others; one summary line per target.
fuzz:
	FUZZTIME=$(FUZZTIME) FUZZJOBS=$(FUZZJOBS) GO=$(GO) .ci/fuzz

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt -l:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

update:
	UPDATE_GOLDEN=1 $(GO) test ./...

# Runs hakit on the examples in testdata/demo: a check that finds the missing
# fencing (verify exits 1, as CI would see it), a heartbeat migration, and a
# failover story played step by step (testdata/scenarios/two-node-vip).
demo: build
	@echo '$$ hakit verify testdata/demo/two-node-vip.xml'
	@./$(BIN) verify testdata/demo/two-node-vip.xml; test $$? -eq 1
	@echo
	@echo '$$ hakit convert --to crm testdata/demo/heartbeat --node-addr alice=192.0.2.11 --node-addr bob=192.0.2.12'
	@./$(BIN) convert --to crm testdata/demo/heartbeat --node-addr alice=192.0.2.11 --node-addr bob=192.0.2.12 2>/dev/null
	@echo
	@echo '$$ hakit convert --to corosync testdata/demo/heartbeat --node-addr alice=192.0.2.11 --node-addr bob=192.0.2.12'
	@./$(BIN) convert --to corosync testdata/demo/heartbeat --node-addr alice=192.0.2.11 --node-addr bob=192.0.2.12 2>/dev/null
	@echo '(each convert also reports, on stderr, how every directive was carried over)'
	@echo
	@echo '$$ hakit simulate --scenario testdata/scenarios/two-node-vip/scenario.yaml'
	@./$(BIN) simulate --scenario testdata/scenarios/two-node-vip/scenario.yaml

# Version stamping for man and dist: the tag (or commit) and commit of HEAD.
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0-dev)
COMMIT   ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS  := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
DIST     ?= dist
MANDIR   ?= man

# Man pages for every command, generated from the cobra tree (hakit man DIR).
man:
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/hakit man $(MANDIR)

# Static release binaries (CGO off) for linux/amd64 and linux/arm64, version
# stamped, with a SHA256SUMS file (the names the GitHub Action downloads).
dist:
	rm -rf $(DIST) && mkdir -p $(DIST)
	for arch in amd64 arm64; do \
	  CGO_ENABLED=0 GOOS=linux GOARCH=$$arch $(GO) build -trimpath -buildvcs=false \
	    -ldflags "$(LDFLAGS)" -o $(DIST)/hakit-$(VERSION)-linux-$$arch ./cmd/hakit || exit 1; \
	done
	cd $(DIST) && sha256sum hakit-$(VERSION)-linux-* > SHA256SUMS
	@cat $(DIST)/SHA256SUMS

clean:
	rm -rf bin $(DIST) $(MANDIR)
