#!/usr/bin/env bash
# Load-test the public pages and the API under gunicorn on PostgreSQL (the production shape)
# and write the results to docs/performance.md. Needs wrk (apt-get install wrk) and a
# PostgreSQL server on 127.0.0.1:5432 (user postgres). Every request goes to 127.0.0.1 only.
#   bench/pages.sh            10 s per URL
#   DURATION=30s bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8431}"
DURATION="${DURATION:-10s}"
SCALE="${SCALE:-10}"
DB=plp_bench
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECRET_KEY="bench-only-$(date +%s)-not-a-secret-0123456789abcdefghijklmnop"
STATIC_DIR=$(mktemp -d)
export DJANGO_STATIC_ROOT="$STATIC_DIR" PLP_API_ANON_RATE="1000000/minute"
PY=.venv/bin/python

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
$PY manage.py migrate -v0
$PY manage.py load_demo --no-accounts -v0
$PY manage.py shell --no-imports -c "from bench.scale import add_findings; add_findings(copies=$SCALE)"
$PY manage.py collectstatic --noinput -v0

.venv/bin/gunicorn plp_portal.wsgi --workers 2 --bind "127.0.0.1:$PORT" --no-control-socket \
  --log-level warning &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"; rm -rf "$STATIC_DIR"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

URLS=(
  "/robots.txt"
  "/healthz"
  "/"
  "/events/mainstreaming-the-sse-2021/"
  "/consortia/"
  "/consortia/pl4se-plp/"
  "/themes/building-better-enabling-ecosystems/"
  "/findings/"
  "/findings/?q=legal+frameworks"
  "/findings/?consortium=sim&sdg=17"
  "/findings/pl4se-advanced-legal-frameworks/"
  "/api/v1/findings/"
  "/api/v1/events/mainstreaming-the-sse-2021/"
)
RESULTS=$(mktemp)
for url in "${URLS[@]}"; do
  status=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$PORT$url")
  out=$(wrk -t2 -c10 -d"$DURATION" --latency "http://127.0.0.1:$PORT$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '| `%s` | %s | %s | %s | %s |\n' "$url" "$status" "$rps" "$p50" "$p99" >>"$RESULTS"
done
rss=$(ps -o rss= --ppid "$SERVER" | awk '{s+=$1} END {printf "%.0f", s/1024/NR}')
findings=$($PY manage.py shell --no-imports -c "from findings.models import Finding; print(Finding.objects.published().count())")

{
  echo "# Performance"
  echo
  echo "Measured by \`bench/pages.sh\` on $(date -u +%Y-%m-%d), on this project's 2-core machine:"
  echo "gunicorn with 2 sync workers, PostgreSQL 15, \`DJANGO_DEBUG=false\`, the demo data plus"
  echo "$SCALE copies of every published finding ($findings published findings in all), wrk with"
  echo "2 threads and 10 connections for $DURATION per URL, all on 127.0.0.1."
  echo
  echo "\`/robots.txt\` is the baseline (no database); compare pages with it, within one run only."
  echo
  echo "| URL | status | requests/s | p50 latency | p99 latency |"
  echo "| --- | --- | --- | --- | --- |"
  cat "$RESULTS"
  echo
  echo "Memory: each gunicorn worker held about ${rss} MiB resident after the run."
  echo
  echo "Query counts do not grow with the data: every list and detail page has a fixed query"
  echo "budget, asserted in \`tests/public/test_query_budgets.py\` and \`tests/api/\`."
} > docs/performance.md
rm -f "$RESULTS"
cat docs/performance.md
