#!/usr/bin/env bash
# The full load test (README "Drift"): a fresh PostgreSQL database with the bench data, gunicorn
# (GUNICORN_WORKERS × GUNICORN_THREADS from the environment), locust headless, then the overbooking check.
# Usage: scripts/loadtest.sh [browsing users] [registering users] [run time]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
BROWSERS=${1:-50}
REGISTERING=${2:-200}
RUN_TIME=${3:-60s}
DB=${LOADTEST_DB:-isms_loadtest}
PORT=${LOADTEST_PORT:-8099}
export DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB CACHE_URL=${LOADTEST_CACHE_URL:-redis://127.0.0.1:6379/14}
export TRUSTED_PROXIES=127.0.0.1 LOG_REQUESTS=0 GUNICORN_BIND=127.0.0.1:$PORT LOADTEST_PLAN=$PWD/loadtest/plan.json
export GUNICORN_WORKERS=${GUNICORN_WORKERS:-2} GUNICORN_THREADS=${GUNICORN_THREADS:-4}

# LOADTEST_KEEP_DATA=1 runs again on the database and plan of the last run (its session is full by then).
if [ "${LOADTEST_KEEP_DATA:-0}" != 1 ]; then
  dropdb --if-exists -h 127.0.0.1 -U postgres "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  $BIN/python manage.py migrate --no-input -v 0
  $BIN/python manage.py loadtest_data --municipalities "${LOADTEST_MUNICIPALITIES:-40}" --records "${LOADTEST_RECORDS:-40}"
fi
$BIN/gunicorn -c gunicorn.conf.py isms.wsgi &
SERVER=$!
trap 'kill $SERVER; wait $SERVER || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 1; done
USERS=$((BROWSERS + REGISTERING))
# RegisteringStaff has weight 4 and BrowsingUser 1: 200 + 50 users spawn in that ratio.
STATUS=0
$BIN/locust -f loadtest/locustfile.py --headless --users "$USERS" --spawn-rate 50 --run-time "$RUN_TIME" \
  --host "http://127.0.0.1:$PORT" --csv loadtest/result --only-summary || STATUS=$?
$BIN/python manage.py loadtest_data --verify
uptime
exit $STATUS
