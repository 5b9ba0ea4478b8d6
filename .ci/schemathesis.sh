#!/usr/bin/env bash
# Fuzz the API against its own OpenAPI schema on a live server with the demo data:
# read endpoints anonymously, write endpoints with a member's token. Fails on any 5xx or
# any response that breaks the schema. Called by .ci/run; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

WORK="$(mktemp -d)"
PORT="${SCHEMATHESIS_PORT:-$(shuf -i 8100-8999 -n 1)}"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DJANGO_DEBUG=true
export DJANGO_MEDIA_ROOT="$WORK/media"
export EMAIL_URL="locmem://"
# The fuzzer sends thousands of requests: the throttles have their own tests.
export PLP_API_ANON_RATE="1000000/minute"
export PLP_API_USER_WRITE_RATE="1000000/minute"

$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py load_demo --password "schemathesis-$(date +%s)-$RANDOM" -v 0
TOKEN="$($BIN/python manage.py api_token member-silk --name schemathesis | tail -n 1)"

$BIN/python manage.py runserver "127.0.0.1:$PORT" --noreload --nothreading >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "$BASE/api/schema/" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "$BASE/api/schema/" || { cat "$WORK/server.log"; exit 1; }

COMMON=(--config-file .ci/schemathesis.toml)
RUN=(--checks all --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-20}" --workers 1 --seed 1
     --suppress-health-check too_slow,filter_too_much)
status=0
# Each run writes a JUnit report; CI totals them (.ci/tally.py) and counts their failures there,
# so under CI only what no report shows (errors in the server log) fails this script.
REPORTS="${CI_REPORTS:-$WORK}"
fuzz_failed() { [ -n "${CI_REPORTS:-}" ] || status=1; }
report() { echo --report junit --report-junit-path "$REPORTS/fuzz-$1.xml"; }

echo "--- read endpoints, anonymous"
$BIN/schemathesis "${COMMON[@]}" run "$BASE/api/schema/" "${RUN[@]}" $(report read) \
  --include-method GET --exclude-path-regex '^/api/v1/tokens/' || fuzz_failed

echo "--- write endpoints and tokens, as member-silk"
$BIN/schemathesis "${COMMON[@]}" run "$BASE/api/schema/" "${RUN[@]}" $(report write) \
  -H "Authorization: Bearer $TOKEN" \
  --exclude-method GET || fuzz_failed
echo "--- token endpoints, as member-silk"
$BIN/schemathesis "${COMMON[@]}" run "$BASE/api/schema/" "${RUN[@]}" $(report tokens) \
  -H "Authorization: Bearer $TOKEN" \
  --include-path-regex '^/api/v1/tokens/' || fuzz_failed

if grep -q "Internal Server Error" "$WORK/server.log"; then
  echo "The server logged errors:"; grep -A30 "Internal Server Error" "$WORK/server.log" | head -120
  status=1
fi
exit $status
