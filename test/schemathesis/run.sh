#!/usr/bin/env bash
# Schemathesis over the API's own OpenAPI document (test/schemathesis/run.ts): a pinned Schemathesis in its own
# venv (PyPI), installed on first use; exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.venv-schemathesis
VERSION=4.32.5
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$VERSION"; then
  if ! python3 -m venv "$VENV"; then
    # Debian splits venv out of python3.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$VERSION"
fi
exec npx tsx test/schemathesis/run.ts "$@"
