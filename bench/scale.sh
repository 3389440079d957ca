#!/usr/bin/env bash
# Scale (issue 13, item 5): the same URLs at 100 and at 100,000 synthetic audits.
#
# Loads `portal demo --scale SMALL` and `--scale LARGE` into two SQLite files
# (kept in DIR and reused by later runs: loading 100,000 audits takes minutes),
# starts the portal on each in turn and prints, for each URL, the median latency
# of ROUNDS sequential requests that each miss the response cache (every request
# has its own query string: `_=i` on pages, a repeated `limit` on the API, which
# the server reads as the last one), the ratio LARGE/SMALL (goal: at most 2 for
# the list pages), and the portal's peak resident memory (VmHWM) while a client
# downloads the whole expenditures CSV (10·LARGE rows; goal: under 100 MB).
# Latency is curl's time_total over loopback, so it includes curl's own work:
# compare ratios, not absolute figures across machines.
#
#   bench/scale.sh                          # target/release/portal, 100 vs 100000
#   PORTAL_BIN=target/debug/portal LARGE=2000 bench/scale.sh   # a quick check
#
# Builds nothing: it uses PORTAL_BIN (default target/release/portal, made by
# `cargo build --release -p server --bin portal`). Needs curl. Not run by tests.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${PORTAL_BIN:-target/release/portal}"
SMALL="${SMALL:-100}"
LARGE="${LARGE:-100000}"
ROUNDS="${ROUNDS:-50}"
DIR="${DIR:-/tmp/portal-scale}"
PORT="${PORT:-3190}"
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }
[ -x "$BIN" ] || { echo "No portal binary at $BIN: cargo build --release -p server --bin portal" >&2; exit 2; }
mkdir -p "$DIR"

portal_pid=""
stop() { [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null && wait "$portal_pid" 2>/dev/null; portal_pid=""; }
trap stop EXIT

# The fixture, once per scale.
load() {
  local n="$1" db="$DIR/scale-$1.db"
  if [ ! -f "$db" ]; then
    echo "Loading --scale $n into $db ..." >&2
    local start=$SECONDS
    if ! DATABASE_URL="sqlite://$db?mode=rwc" PORTAL_LOG_KEY_FILE="$DIR/log.key" "$BIN" demo --scale "$n" >&2; then
      rm -f "$db" "$db-wal" "$db-shm"
      exit 1
    fi
    echo "  loaded in $((SECONDS - start)) s" >&2
  fi
}

serve() {
  local n="$1"
  DATABASE_URL="sqlite://$DIR/scale-$n.db?mode=rwc" PORTAL_ADDR="127.0.0.1:$PORT" \
    PORTAL_LOG_KEY_FILE="$DIR/log.key" PORTAL_PUBLIC_URL="http://127.0.0.1:$PORT" \
    "$BIN" serve >"$DIR/portal-$n.log" 2>&1 &
  portal_pid=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "the portal did not start; see $DIR/portal-$n.log" >&2
  exit 1
}

# The median time_total (milliseconds) of ROUNDS uncached GETs of a URL.
median_ms() {
  local url="$1" i sep times=()
  case "$url" in *\?*) sep="&" ;; *) sep="?" ;; esac
  for i in $(seq 1 "$ROUNDS"); do
    local u
    case "$url" in
      /api/*) u="$url${sep}limit=$i&limit=100" ;;
      *) u="$url${sep}_=$i" ;;
    esac
    local out
    out="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$PORT$u")"
    [ "${out%% *}" = 200 ] || { echo "$u answered ${out%% *}" >&2; exit 1; }
    times+=("${out#* }")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f", m * 1000}'
}

# The audit two thirds down the list's order at scale n, so that the page after
# it is a full one at every scale (a cursor near the end would page a few rows
# at a small scale and make the ratio about page sizes, not depth). Read with
# sqlite3 when it is installed; else an audit of the oldest election.
deep_cursor() {
  local n="$1" db="$DIR/scale-$1.db" slug=""
  if command -v sqlite3 >/dev/null; then
    slug="$(sqlite3 "file:$db?mode=ro" "SELECT slug FROM published_audits WHERE is_current = 1 \
      ORDER BY sort_election, sort_completed, sort_jurisdiction, slug \
      LIMIT 1 OFFSET (SELECT COUNT(*) * 2 / 3 FROM published_audits WHERE is_current = 1)")"
  fi
  [ -n "$slug" ] || slug="$(printf 'scale-audit-%06d' $(( (n - 1) / 3 * 3 )))"
  echo "$slug"
}

# The list's URLs at scale n.
urls() {
  local n="$1" deep
  deep="$(deep_cursor "$n")"
  echo "/audits"
  echo "/audits?after=$deep"
  echo "/audits?jurisdiction=cole-county&outcome=confirmed"
  echo "/api/v1/audits"
  echo "/api/v1/expenditures?after=scale-exp-$(printf '%07d' $(( n * 5 )))"
  echo "/spending/scale-grant-00000"
  echo "/spending"
}

LABELS=("/audits" "/audits?after= (deep)" "/audits filtered" "/api/v1/audits" "/api/v1/expenditures?after= (mid)" "grant page (1,000 rows)" "/spending")

declare -A ms
for n in "$SMALL" "$LARGE"; do load "$n"; done
for n in "$SMALL" "$LARGE"; do
  serve "$n"
  i=0
  while read -r url; do
    ms["$n,$i"]="$(median_ms "$url")"
    i=$((i + 1))
  done < <(urls "$n")
  if [ "$n" = "$LARGE" ]; then
    pid="$portal_pid"
    before="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
    peak=0
    curl -s -o "$DIR/expenditures.csv" "http://127.0.0.1:$PORT/data/expenditures.csv" &
    curl_pid=$!
    while kill -0 "$curl_pid" 2>/dev/null; do
      rss="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
      [ "$rss" -gt "$peak" ] && peak="$rss"
      sleep 0.05
    done
    wait "$curl_pid"
    hwm="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
    rows="$(($(wc -l <"$DIR/expenditures.csv") - 1))"
    bytes="$(stat -c %s "$DIR/expenditures.csv")"
    rm -f "$DIR/expenditures.csv"
  fi
  stop
done

echo
echo "Median of $ROUNDS uncached requests ($BIN), milliseconds:"
printf '%-34s %10s %10s %8s\n' "URL" "$SMALL" "$LARGE" "ratio"
for i in "${!LABELS[@]}"; do
  a="${ms[$SMALL,$i]}" b="${ms[$LARGE,$i]}"
  printf '%-34s %10s %10s %8s\n' "${LABELS[$i]}" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", (a > 0) ? b / a : 0}')"
done
echo
echo "Expenditures CSV at --scale $LARGE: $rows rows, $bytes bytes."
echo "Portal resident memory: peak before the download $((before / 1024)) MB; sampled peak during it $((peak / 1024)) MB; VmHWM after it $((hwm / 1024)) MB (goal: under 100 MB)."
