#!/usr/bin/env bash
# Runs the suite against the team back-ends: a real PostgreSQL and a Chroma server, both
# started here on loopback (private instances in a temp folder) and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
as_root() { [ "$(id -u)" = 0 ]; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ]; then
  if as_root; then
    echo "Installing PostgreSQL (Debian package)…" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is not installed and this is not root: skipping the server back-ends." >&2
    exit 3
  fi
fi
PGBIN=$(pg_bin)
WORK=$(mktemp -d /tmp/coach-servers.XXXXXX)
PGPORT=${COACH_TEST_PG_PORT:-55432}
CHROMA_PORT=${COACH_TEST_CHROMA_PORT:-58000}
run_pg() { if as_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_root && chown postgres "$WORK"
cleanup() {
  run_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  [ -n "${CHROMA_PID:-}" ] && kill "$CHROMA_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

run_pg "$PGBIN/initdb" -D "$WORK/pg" -A trust -U coach >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
mkdir -p "$WORK/chroma"
as_root && chown -R root "$WORK/chroma"
ANONYMIZED_TELEMETRY=False .venv/bin/chroma run --path "$WORK/chroma" --host 127.0.0.1 \
  --port "$CHROMA_PORT" >"$WORK/chroma.log" 2>&1 &
CHROMA_PID=$!
for _ in $(seq 1 60); do
  "$PY" - "$CHROMA_PORT" 2>/dev/null <<'PYEOF' && break || sleep 1
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/v2/heartbeat", timeout=1)
PYEOF
done
echo "PostgreSQL on 127.0.0.1:$PGPORT and Chroma on 127.0.0.1:$CHROMA_PORT: running the suite." >&2
PEERCOACH_TEST_BACKEND=server \
PEERCOACH_TEST_PG="postgresql+psycopg://coach@127.0.0.1:$PGPORT" \
PEERCOACH_TEST_CHROMA="127.0.0.1:$CHROMA_PORT" \
  "$PY" -m pytest "$@"
