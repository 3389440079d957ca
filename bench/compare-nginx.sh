#!/usr/bin/env bash
# The portal against nginx on the same bytes, in one run (issue 13's benchmark).
#
# Starts the release portal on a fresh SQLite file with the demo data, exports the
# public site (`portal export`: the live bytes with their .gz and .br siblings)
# into a folder that nginx (`worker_processes auto`, deploy/nginx-static.conf)
# serves, then runs wrk against each URL on both servers,
# alternating, and prints requests per second, the ratio portal/nginx, the same for
# conditional requests answered 304, and each page's weight. wrk shares the
# machine's cores with the server: compare the ratios of one run, not absolute
# figures across machines. Only 2xx (or, for the 304 row, 304) answers count.
#
#   bench/compare-nginx.sh            # 5 s per URL and server
#   SECONDS_EACH=10 CONNECTIONS=64 bench/compare-nginx.sh
#
# Needs: a release build (`cargo leptos build --release`), nginx and wrk
# (`apt-get install -y nginx wrk`). Nothing here is run by the test command.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${SECONDS_EACH:-5}"
CONNECTIONS="${CONNECTIONS:-64}"
PORTAL_PORT="${PORTAL_PORT:-3180}"
NGINX_PORT="${NGINX_PORT:-3181}"
METRICS_PORT="${METRICS_PORT:-3182}"
for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y nginx wrk curl" >&2; exit 2; }
done
[ -x target/release/portal ] || { echo "No release build: run cargo leptos build --release first." >&2; exit 2; }

work="$(mktemp -d)"
chmod 755 "$work"  # nginx's workers run as another user and must read the copies
cleanup() {
  [ -n "${portal_pid:-}" ] && kill "$portal_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$work/portal.db?mode=rwc" PORTAL_ADDR="127.0.0.1:$PORTAL_PORT"
export PORTAL_LOG_KEY_FILE="$work/log.key" PORTAL_PUBLIC_URL="http://127.0.0.1:$PORTAL_PORT"
export PORTAL_METRICS_ADDR="127.0.0.1:$METRICS_PORT"
target/release/portal demo >/dev/null
target/release/portal serve >"$work/portal.log" 2>&1 &
portal_pid=$!
base="http://127.0.0.1:$PORTAL_PORT"
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

audit="$(curl -fs "$base/api/v1/audits?limit=1" | sed -n 's/.*"slug":"\([^"]*\)".*/\1/p' | head -1)"
chart="$(curl -fs "$base/spending" | grep -o '/charts/[a-z-]*\.svg' | head -1)"
URLS=("/" "/audits" "/spending" "/audits/$audit" "/api/v1/audits" "/data/audits.csv" "$chart")

# nginx serves the static export (`portal export`), configured as in
# deploy/nginx-static.conf: the exported files, their .gz (and .br) siblings,
# the same content types and Cache-Control.
target/release/portal export "$work/www" --public-url "$base" >"$work/export.log"
chmod -R a+rX "$work/www"
brotli_module=""
for m in /usr/lib/nginx/modules/ngx_http_brotli_static_module.so /usr/share/nginx/modules/ngx_http_brotli_static_module.so; do
  [ -f "$m" ] && brotli_module="load_module $m;" && break
done
site_conf="$(sed -e "s|listen 80;|listen 127.0.0.1:$NGINX_PORT;|" \
  -e "s|root /srv/portal-static;|root $work/www;|" \
  -e "s|server 127.0.0.1:3000;|server 127.0.0.1:$PORTAL_PORT;|" \
  deploy/nginx-static.conf)"
[ -n "$brotli_module" ] || site_conf="$(echo "$site_conf" | grep -v 'brotli_static on;')"
cat >"$work/nginx.conf" <<EOF
$brotli_module
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
$site_conf
}
EOF
nginx -c "$work/nginx.conf"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done

# Requests per second of 2xx (or 304) answers, from wrk's summary.
rate() {
  local url="$1" expect="$2"; shift 2
  local out total bad secs
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "$@" "$url" 2>&1)"
  total="$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')"
  bad="$(echo "$out" | sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')"
  secs="$(echo "$out" | sed -n 's/.* requests in \([0-9.]*\)\(m\{0,1\}s\).*/\1 \2/p')"
  local value="${secs% *}" unit="${secs#* }"
  [ "$unit" = "ms" ] && value="$(awk "BEGIN{print $value/1000}")"
  [ "$expect" = "304" ] && bad="${bad:-0}"  # wrk counts 304 among 2xx/3xx
  awk "BEGIN{printf \"%.0f\", (${total:-0} - ${bad:-0}) / $value}"
}

echo "Portal against nginx (worker_processes auto) on the same bytes: wrk -t2 -c$CONNECTIONS, ${SECONDS_EACH}s each"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
printf "%-42s %10s %10s %7s %12s %12s %7s\n" URL portal nginx ratio "portal 304" "nginx 304" ratio
for url in "${URLS[@]}"; do
  etag="$(curl -fsI -H 'Accept-Encoding: gzip' "$base$url" | sed -n 's/^[Ee][Tt]ag: *\([^\r]*\).*/\1/p')"
  netag="$(curl -fsI -H 'Accept-Encoding: gzip' "http://127.0.0.1:$NGINX_PORT$url" | sed -n 's/^[Ee][Tt]ag: *\([^\r]*\).*/\1/p')"
  p="$(rate "$base$url" 200 -H 'Accept-Encoding: gzip')"
  n="$(rate "http://127.0.0.1:$NGINX_PORT$url" 200 -H 'Accept-Encoding: gzip')"
  p304="$(rate "$base$url" 304 -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag")"
  n304="$(rate "http://127.0.0.1:$NGINX_PORT$url" 304 -H 'Accept-Encoding: gzip' -H "If-None-Match: $netag")"
  printf "%-42s %10s %10s %7s %12s %12s %7s\n" "$url" "$p" "$n" "$(awk "BEGIN{printf \"%.2f\", $p/$n}")" \
    "$p304" "$n304" "$(awk "BEGIN{printf \"%.2f\", $p304/$n304}")"
done


# An uncached render of the home page: every request a new query string, so
# each one misses the response cache and is rendered (and kept, compressed
# quickly), against nginx's cached `/`. Each wrk thread numbers its requests
# under its own id (wrk's threads would otherwise draw the same "random"
# numbers and ask for each address twice), and the portal's own miss counter
# shows that every request was rendered.
cat >"$work/uncached.lua" <<'LUA'
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/?uncached=" .. id .. "-" .. n)
end
LUA
misses() { curl -fs "http://127.0.0.1:$METRICS_PORT/metrics" | awk '$1 == "portal_cache_misses_total" {print $2}'; }
before="$(misses)"
out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -H 'Accept-Encoding: gzip' -s "$work/uncached.lua" "$base/" 2>&1)"
rendered=$(( $(misses) - before ))
requests="$(echo "$out" | awk '/requests in/ {print $1}')"
u="$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')"
n="$(rate "http://127.0.0.1:$NGINX_PORT/" 200 -H 'Accept-Encoding: gzip')"
printf "%-42s %10s %10s %7s   (goal >= 0.25; %s of %s requests rendered)\n" "/ uncached (every request rendered)" \
  "$u" "$n" "$(awk "BEGIN{printf \"%.2f\", $u/$n}")" "$rendered" "$requests"

# Many readers at once: 256 connections for LONG_SECONDS (60 by default) on the
# home page; every answer must be a 200, with no socket error.
LONG_SECONDS="${LONG_SECONDS:-60}"
out="$(wrk -t2 -c256 -d"${LONG_SECONDS}s" -H 'Accept-Encoding: gzip' "$base/" 2>&1)"
total="$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')"
bad="$(echo "$out" | sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')"
socket="$(echo "$out" | sed -n 's/^ *Socket errors: *\(.*\)/\1/p')"
echo
echo "256 connections for ${LONG_SECONDS}s on /: ${total:-0} answers, ${bad:-0} not 2xx, socket errors: ${socket:-none}"

echo
echo "Page weight (bytes on the wire, brotli where offered):"
printf "%-42s %10s %10s %10s\n" URL HTML CSS "WASM+JS"
for url in "/" "/audits/$audit" "/audits/planner"; do
  html="$(curl -fs -H 'Accept-Encoding: br' "$base$url" | wc -c)"
  page="$(curl -fs "$base$url")"
  css=0; wasm=0
  for asset in $(echo "$page" | grep -o '/pkg/[^"]*\.css' | sort -u); do
    css=$((css + $(curl -fs -H 'Accept-Encoding: br' "$base$asset" | wc -c)))
  done
  for asset in $(echo "$page" | grep -o '/pkg/[^"]*\.\(js\|wasm\)' | sort -u); do
    wasm=$((wasm + $(curl -fs -H 'Accept-Encoding: br' "$base$asset" | wc -c)))
  done
  printf "%-42s %10s %10s %10s\n" "$url" "$html" "$css" "$wasm"
done
echo
if [ "${SCALE:-0}" = 1 ]; then
  echo "Scale figures (bench/scale.sh):"
  bench/scale.sh
else
  echo "Scale figures: SCALE=1 bench/compare-nginx.sh runs bench/scale.sh here (minutes: it loads 100,000 audits once)."
fi
