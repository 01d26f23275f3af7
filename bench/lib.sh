# bench/lib.sh: what bench/run and bench/profile share, sourced by both. Expects HERE (the bench
# folder) to be set.

# nginx_start DIR PORT MAXPORT STATUSPORT: the private target (nginx.conf.tmpl, one worker) under
# DIR, on 127.0.0.1 only; refuses a port in use. Sets NGX_MASTER.
NGX_MASTER=""
nginx_start() {
  local dir=$1 port=$2 maxport=$3 statusport=$4 p i
  for p in "$port" "$maxport" "$statusport"; do
    if ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; then echo "port $p is in use" >&2; exit 1; fi
  done
  mkdir -p "$dir/tmp"
  sed -e "s#@WORK@#$dir#g" -e "s#@WORKERS@#1#" -e "s#@PORT@#$port#" -e "s#@MAXPORT@#$maxport#" \
      -e "s#@STATUSPORT@#$statusport#" "$HERE/nginx.conf.tmpl" > "$dir/nginx.conf"
  : > "$dir/access.log"
  nginx -p "$dir/" -e "$dir/error.log" -c "$dir/nginx.conf" || { echo "nginx failed" >&2; exit 1; }
  for i in $(seq 1 50); do [[ -s $dir/nginx.pid ]] && break; sleep 0.1; done
  NGX_MASTER=$(cat "$dir/nginx.pid")
}

nginx_stop() {
  [[ -n $NGX_MASTER ]] && kill -0 "$NGX_MASTER" 2>/dev/null && kill -QUIT "$NGX_MASTER"
  NGX_MASTER=""
}

# ours_home DIR URL CONNS CATCH_UP_FACTOR [CLIENT]: our cron job's files as a host has them,
# everything under DIR: settings, one http test of URL (on CLIENT, `auto` by default: see
# docs/http.md), no destination definitions, an empty conf.d.
ours_home() {
  local d=$1 url=$2 conns=$3 factor=$4 client=${5:-auto}
  mkdir -p "$d/conf.d" "$d/lock" "$d/log"
  cat > "$d/capacity.properties" <<PROPERTIES
# bench: one test, the file destination, everything under this folder.
config.path = conf.d
tests.file = tests.json
destinations.file = destinations.json
stop.file = stop
lock.dir = lock
log.dir = log
host = bench
# What the run owes for the time the JVM takes to start is caught up at no more than this
# multiple of the rate (the default is 2).
catch_up.max_factor = $factor
PROPERTIES
  cat > "$d/tests.json" <<TESTS
{
  "nginx": {"type": "http", "url": "$url", "max_connections": $conns, "client": "$client"}
}
TESTS
  echo '{}' > "$d/destinations.json"
}

# sleep_to_minute: until 5 ms past the next minute boundary, where cron would start us.
sleep_to_minute() {
  python3 -c 'import time; t=time.time(); time.sleep(60 - t % 60 + 0.005)'
}

# build_dist ROOT LOG [MAVEN_ARGS...]: packages the distribution (offline first) and unpacks it
# under $WORK/dist; sets OURS (its bin/capacity) and VERSION.
build_dist() {
  local root=$1 buildlog=$2; shift 2
  ( cd "$root" && { ./mvnw -q -B -o "$@" -DskipTests package >"$buildlog" 2>&1 ||
      ./mvnw -q -B "$@" -DskipTests package >"$buildlog" 2>&1; } ) ||
    { tail -30 "$buildlog" >&2; echo "build failed" >&2; exit 1; }
  local tgz; tgz=$(ls "$root"/capacity-runner/target/capacity-*.tar.gz | head -n 1)
  mkdir -p "$WORK/dist" && tar -xzf "$tgz" -C "$WORK/dist"
  OURS=$(ls "$WORK"/dist/*/bin/capacity)
  VERSION=$(basename "$(dirname "$(dirname "$OURS")")")
}
