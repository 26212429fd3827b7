#!/usr/bin/env bash
# Runs one dnsctl command for the action (dnsctl on PATH; provider credentials in the env).
#   COMMAND: validate | plan | apply;  CONFIG: the config file
#   plan:  FORCED_BY: the PR label that accepts safety thresholds, when the PR carries it;
#          writes plan.md (the comment) and plan.json (the saved plan) from ONE read of live DNS,
#          and status=<exit status> to $GITHUB_OUTPUT (the comment is posted either way)
#   apply: PLAN_FILE: the reviewed plan downloaded from the plan run
set -euo pipefail
out="${GITHUB_OUTPUT:-/dev/null}"
case "$COMMAND" in
  validate)
    dnsctl validate --config "$CONFIG"
    ;;
  plan)
    echo "status=" >> "$out"
    dnsctl validate --config "$CONFIG"
    force=()
    if [ -n "${FORCED_BY:-}" ]; then
      force=(--force)
      # record who accepted the override in the saved plan, where this dnsctl can
      if dnsctl plan --help | grep -q -- '--reason'; then force+=(--reason "pull request label ${FORCED_BY}"); fi
      echo "::warning::safety thresholds accepted with --force through the ${FORCED_BY} label"
    fi
    status=0
    dnsctl plan --config "$CONFIG" --format markdown --out plan.json "${force[@]}" > plan.md || status=$?
    echo "status=$status" >> "$out"
    cat plan.md
    ;;
  apply)
    test -s "$PLAN_FILE" || { echo "::error::$PLAN_FILE missing: nothing was applied"; exit 1; }
    dnsctl apply "$PLAN_FILE" --config "$CONFIG" --yes
    ;;
  *)
    echo "::error::command must be validate, plan or apply (got '$COMMAND')"
    exit 2
    ;;
esac
