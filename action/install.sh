#!/usr/bin/env bash
# Installs hakit for the GitHub Action (action.yml): downloads the release
# INPUT_VERSION of INPUT_REPOSITORY and checks its checksum, or, with no
# version, builds it from the action's own source (GITHUB_ACTION_PATH).
# Writes hakit=<path> to GITHUB_OUTPUT.
set -euo pipefail

dest="${RUNNER_TEMP:-/tmp}/hakit-action"
mkdir -p "$dest"
bin="$dest/hakit"

if [ -n "${INPUT_VERSION:-}" ]; then
  case "$(uname -m)" in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "::error title=hakit::no hakit release for $(uname -m)"; exit 2 ;;
  esac
  base="${GITHUB_SERVER_URL:-https://github.com}/${INPUT_REPOSITORY}/releases/download/${INPUT_VERSION}"
  asset="hakit-${INPUT_VERSION}-linux-${arch}"
  curl -fsSL -o "$dest/$asset" "$base/$asset"
  curl -fsSL -o "$dest/SHA256SUMS" "$base/SHA256SUMS"
  (cd "$dest" && grep " ${asset}\$" SHA256SUMS | sha256sum -c -)
  mv "$dest/$asset" "$bin"
  chmod 755 "$bin"
else
  src="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
  rev="$(git -C "$src" rev-parse HEAD 2>/dev/null || echo unknown)"
  ver="$(git -C "$src" describe --tags --always 2>/dev/null || echo dev)"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -buildvcs=false \
    -ldflags "-s -w -X main.version=${ver} -X main.commit=${rev}" -o "$bin" ./cmd/hakit)
fi
"$bin" version
echo "hakit=$bin" >> "${GITHUB_OUTPUT:-/dev/null}"
