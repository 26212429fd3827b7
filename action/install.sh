#!/usr/bin/env bash
# Installs a pinned dnsctl for the action and puts it on PATH.
#   DNSCTL_VERSION: a version (0.1.0: dnsctl@0.1.0 from the registry), or any npm spec (a tarball
#                   path or URL, github:OWNER/dnsctl#v0.1.0); empty: built from the action's own
#                   checkout, so the action's ref pins dnsctl.
#   ACTION_PATH:    the action's checkout (github.action_path).
#   INSTALL_DIR:    where to install (default: $RUNNER_TEMP/dnsctl).
set -euo pipefail
dir="${INSTALL_DIR:-${RUNNER_TEMP:-$(mktemp -d)}/dnsctl}"
mkdir -p "$dir"
spec="${DNSCTL_VERSION:-}"
case "$spec" in
  '')
    (cd "$ACTION_PATH" && npm ci --no-audit --no-fund --ignore-scripts >&2 && npm run build --silent >&2 && npm pack --ignore-scripts --pack-destination "$dir" >&2)
    spec=$(ls "$dir"/dnsctl-*.tgz | head -n 1)
    ;;
  [0-9]*) spec="dnsctl@$spec" ;;
esac
npm install --prefix "$dir" --no-audit --no-fund --omit=dev --no-package-lock "$spec" >&2
echo "$dir/node_modules/.bin" >> "${GITHUB_PATH:-/dev/null}"
echo "dnsctl $("$dir/node_modules/.bin/dnsctl" --version) installed from $spec"
