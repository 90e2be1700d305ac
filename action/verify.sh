#!/usr/bin/env bash
# Runs hakit verify for the GitHub Action (action.yml). Findings are
# printed as workflow commands (::error file=...,line=...::), which the
# runner turns into pull-request annotations, and listed in the job
# summary; with INPUT_SARIF=true a SARIF file is written too. The exit
# code goes to GITHUB_OUTPUT (exit-code) so that the SARIF upload still
# runs; the action's last step fails the job with it.
set -uo pipefail

hakit="${HAKIT:-hakit}"
out="${GITHUB_OUTPUT:-/dev/null}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"

# Paths: split on whitespace, globs expanded (relative to the workspace).
# shellcheck disable=SC2206 # splitting and globbing wanted
paths=(${INPUT_PATHS:-.})
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(.)
fi
read -r -d '' -a extra <<< "${INPUT_ARGS:-}" || true

args=(verify --color never)
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  args+=(--fail-on "$INPUT_FAIL_ON")
fi
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
args+=("${extra[@]}")

format=text
if [ "${INPUT_ANNOTATIONS:-true}" = "true" ]; then
  format=github
fi

"$hakit" "${args[@]}" --format "$format" -- "${paths[@]}"
code=$?

{
  echo "### hakit verify"
  echo
  echo '```'
  "$hakit" "${args[@]}" --format text -- "${paths[@]}" 2>&1
  echo '```'
} >> "$summary"

if [ "${INPUT_SARIF:-false}" = "true" ]; then
  sarif="${INPUT_SARIF_FILE:-hakit.sarif}"
  "$hakit" "${args[@]}" --format sarif -- "${paths[@]}" > "$sarif" 2>/dev/null
  echo "sarif-file=$sarif" >> "$out"
fi
echo "exit-code=$code" >> "$out"
exit 0
