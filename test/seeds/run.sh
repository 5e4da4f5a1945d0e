#!/usr/bin/env bash
# Runs the seed-guide end-to-end suite (pytest -q over this folder); non-zero exit on any
# failure, including a missing WARDEN_ENDPOINT. Extra arguments go to pytest.
#
#   WARDEN_ENDPOINT=http://127.0.0.1:4590 WARDEN_ACCOUNT_ID=... \
#   WARDEN_ROOT_ACCESS_KEY_ID=... WARDEN_ROOT_SECRET_ACCESS_KEY=... test/seeds/run.sh
#
# With WARDEN_SUITE_TARGET=moto and no WARDEN_ENDPOINT, starts a moto server of its own
# (with AWS managed policies loaded) on WARDEN_MOTO_PORT (default 5055) and stops it after.
set -euo pipefail
cd "$(dirname "$0")"
export PYTHONDONTWRITEBYTECODE=1

moto_pid=''
cleanup() { if [[ -n "$moto_pid" ]]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [[ "${WARDEN_SUITE_TARGET:-}" == "moto" && -z "${WARDEN_ENDPOINT:-}" ]]; then
  port="${WARDEN_MOTO_PORT:-5055}"
  MOTO_IAM_LOAD_MANAGED_POLICIES=true python3 -m moto.server -p "$port" >"${TMPDIR:-/tmp}/warden-seeds-moto-$port.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 50); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/', timeout=1)" 2>/dev/null; then break; fi
    sleep 0.2
  done
  export WARDEN_ENDPOINT="http://127.0.0.1:$port"
fi

status=0
python3 -m pytest -q "$@" || status=$?
exit "$status"
