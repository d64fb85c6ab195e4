#!/usr/bin/env bash
# A real SeaweedFS (Apache-2.0) serving S3 on loopback, for the S3 path of recording storage in
# tests, CI and development. No Docker: `weed` is built from the Go module proxy once and cached.
#
#   bash infra/seaweedfs/seaweedfs.sh up            start (idempotent); returns once S3 answers, prints the endpoint
#   bash infra/seaweedfs/seaweedfs.sh status        exit 0 if running and answering, 3 if stopped
#   bash infra/seaweedfs/seaweedfs.sh down [--wipe] stop (idempotent); --wipe deletes the data
#   bash infra/seaweedfs/seaweedfs.sh build         only build (or find) the weed binary
#   bash infra/seaweedfs/seaweedfs.sh env           the RECORDINGS_S3_* settings that point at it
#
# Environment (all optional):
#   SEAWEEDFS_PORT=9436          S3 port on 127.0.0.1; master, volume and filer use the three below it
#                                (9433-9435) and their gRPC ports 10000 above those
#   SEAWEEDFS_WORK_DIR=infra/seaweedfs/.work   config, data, logs, pid file
#   SEAWEEDFS_CACHE_DIR=~/.cache/cc-supervisor/seaweedfs   where the built binary is kept across checkouts
#   SEAWEEDFS_START_TIMEOUT=120  seconds `up` waits for S3 to answer
#   SEAWEEDFS_UP_BY_TESTS=1      set by test/integration/helpers/seaweedfs.ts (its teardown stops only what it started)
set -euo pipefail

# The pinned SeaweedFS version. `go install module/weed@version` is refused for this module (its
# go.mod has replace directives), so the module is downloaded through the proxy and built in a copy.
MODULE=github.com/seaweedfs/seaweedfs
VERSION=v0.0.0-20261109003541-7506e5f91cd6

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${SEAWEEDFS_WORK_DIR:-$HERE/.work}"
CACHE="${SEAWEEDFS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cc-supervisor/seaweedfs}"
BIN="$CACHE/$VERSION/weed"
DATA="$WORK/data"
LOGS="$WORK/logs"
PIDFILE="$WORK/weed.pid"
S3_CONF="$WORK/s3.json"
TESTS_MARKER="$WORK/started-by-tests"
LOCKFILE="$WORK/.lock"

HOST=127.0.0.1
S3_PORT="${SEAWEEDFS_PORT:-9436}"
MASTER_PORT=$((S3_PORT - 3))
VOLUME_PORT=$((S3_PORT - 2))
FILER_PORT=$((S3_PORT - 1))
START_TIMEOUT="${SEAWEEDFS_START_TIMEOUT:-120}"
# Test credentials for a server bound to loopback only; never used for anything else.
ACCESS_KEY=ccs-recordings
SECRET_KEY=ccs-recordings-secret
BUCKET=recordings

log() { printf '[seaweedfs] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

take_lock() {
  mkdir -p "$WORK"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCKFILE"
    flock -w 1800 9 || die "timed out waiting for $LOCKFILE"
  fi
}

cmd_build() {
  [[ -x "$BIN" ]] && { printf '%s\n' "$BIN"; return 0; }
  command -v go >/dev/null 2>&1 || die "'go' is not installed (needed once to build weed from the Go module proxy)"
  local t0=$SECONDS src
  log "building weed $VERSION (once; several minutes) into $BIN"
  src="$(go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$src" ]] || die "go mod download $MODULE@$VERSION failed"
  local tmp="$CACHE/$VERSION.build.$$"
  rm -rf "$tmp"
  mkdir -p "$CACHE/$VERSION"
  cp -r "$src" "$tmp"
  chmod -R u+w "$tmp"
  (cd "$tmp" && GOFLAGS=-mod=mod go build -o "$BIN.tmp" ./weed) >"$CACHE/$VERSION/build.log" 2>&1 || {
    tail -n 30 "$CACHE/$VERSION/build.log" >&2
    rm -rf "$tmp"
    die "go build failed (log: $CACHE/$VERSION/build.log)"
  }
  mv "$BIN.tmp" "$BIN"
  rm -rf "$tmp"
  log "built in $((SECONDS - t0)) s"
  printf '%s\n' "$BIN"
}

write_config() {
  mkdir -p "$DATA" "$LOGS"
  cat >"$S3_CONF" <<JSON
{
  "identities": [
    { "name": "recordings", "credentials": [{ "accessKey": "$ACCESS_KEY", "secretKey": "$SECRET_KEY" }], "actions": ["Admin", "Read", "Write", "List", "Tagging"] }
  ]
}
JSON
}

is_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "-s3.config=$S3_CONF"
}

running_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(cat "$PIDFILE")"
  if is_ours "$pid"; then printf '%s\n' "$pid"; return 0; fi
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || rm -f "$PIDFILE"
  return 1
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# S3 answers an unsigned request with an S3 error document (403/AccessDenied) once the gateway is up.
probe() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$HOST:$S3_PORT/" 2>/dev/null || true)"
  [[ "$code" =~ ^(200|403)$ ]]
}

cmd_up() {
  take_lock
  local pid
  if pid="$(running_pid)"; then
    [[ "${SEAWEEDFS_UP_BY_TESTS:-0}" == 1 ]] || rm -f "$TESTS_MARKER"
  else
    for p in "$S3_PORT" "$MASTER_PORT" "$VOLUME_PORT" "$FILER_PORT"; do
      port_open "$p" && die "port $p on $HOST is taken by another process; set SEAWEEDFS_PORT"
    done
    cmd_build >/dev/null
    write_config
    log "starting weed on $HOST (S3 :$S3_PORT, master :$MASTER_PORT, volume :$VOLUME_PORT, filer :$FILER_PORT)"
    rm -f "$PIDFILE"
    # shellcheck disable=SC2016  # $0/$@ belong to the inner bash
    setsid --fork bash -c 'echo $$ >"$0.new" && mv "$0.new" "$0" && exec "$@"' "$PIDFILE" \
      "$BIN" server -ip="$HOST" -ip.bind="$HOST" -dir="$DATA" \
      -master.port="$MASTER_PORT" -volume.port="$VOLUME_PORT" -filer -filer.port="$FILER_PORT" \
      -s3 -s3.port="$S3_PORT" "-s3.config=$S3_CONF" -s3.port.iceberg=0 \
      -master.volumeSizeLimitMB=64 -volume.max=8 \
      </dev/null >"$LOGS/weed.log" 2>&1 9>&-
    local waited=0
    until [[ -s "$PIDFILE" ]]; do
      ((waited++ < 100)) || die "weed did not start"
      sleep 0.1
    done
    pid="$(cat "$PIDFILE")"
    if [[ "${SEAWEEDFS_UP_BY_TESTS:-0}" == 1 ]]; then date -u +%FT%TZ >"$TESTS_MARKER"; else rm -f "$TESTS_MARKER"; fi
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; tail -n 40 "$LOGS/weed.log" >&2; die "weed (pid $pid) exited"; }
    if probe; then
      log "S3 ready on http://$HOST:$S3_PORT (pid $pid)"
      printf 'http://%s:%s\n' "$HOST" "$S3_PORT"
      return 0
    fi
    sleep 0.5
  done
  tail -n 40 "$LOGS/weed.log" >&2
  die "S3 did not answer within ${START_TIMEOUT}s"
}

cmd_down() {
  take_lock
  local pid wipe="${1:-}"
  if pid="$(running_pid)"; then
    log "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE" "$TESTS_MARKER"
  if [[ "$wipe" == "--wipe" ]]; then rm -rf "$DATA" "$LOGS"; log "data wiped"; fi
}

cmd_status() {
  running_pid >/dev/null && probe && { log "running on http://$HOST:$S3_PORT"; return 0; }
  log "stopped"
  return 3
}

cmd_env() {
  printf 'RECORDINGS_S3_ENDPOINT=http://%s:%s\nRECORDINGS_S3_BUCKET=%s\nRECORDINGS_S3_ACCESS_KEY_ID=%s\nRECORDINGS_S3_SECRET_ACCESS_KEY=%s\nRECORDINGS_S3_PATH_STYLE=true\n' \
    "$HOST" "$S3_PORT" "$BUCKET" "$ACCESS_KEY" "$SECRET_KEY"
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "${1:-}" ;;
  status) cmd_status ;;
  build) take_lock; cmd_build ;;
  env) cmd_env ;;
  *) die "usage: $0 up|down [--wipe]|status|build|env" ;;
esac
