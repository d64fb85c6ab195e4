#!/usr/bin/env bash
# A real Asterisk (built from source, no PJSIP) on loopback: Local-channel callers and agents run
# through a real Queue() with MixMonitor, so it writes a real queue_log and real recordings, and ARI
# and AMI are open for the monitoring work (issue 11). No Docker, no system install: the build is kept
# under ~/.cache/cc-supervisor/asterisk/<version>/ and everything it writes at run time under .work/.
#
#   bash infra/asterisk/asterisk.sh build          build (once) into the cache, or find the cached build
#   bash infra/asterisk/asterisk.sh up             start (idempotent); returns once ARI answers, prints its URL
#   bash infra/asterisk/asterisk.sh status         exit 0 if running and answering, 3 if stopped
#   bash infra/asterisk/asterisk.sh down [--wipe]  stop (idempotent); --wipe deletes the recordings, logs and spool
#   bash infra/asterisk/asterisk.sh env            the ASTERISK_* settings a test or a person needs to reach it
#   bash infra/asterisk/asterisk.sh built          exit 0 if the pinned version's build is in the cache, 3 if not
#
# Environment (all optional):
#   ASTERISK_SRC=...            an Asterisk source tree or release tarball to build from when the cache
#                               has no build (the tarball is then kept in the cache beside the build)
#   ASTERISK_CACHE_DIR=~/.cache/cc-supervisor/asterisk   built installs (<version>/install) and source tarballs
#   ASTERISK_WORK_DIR=infra/asterisk/.work              generated config, logs, spool (recordings), run dir
#   ASTERISK_HTTP_PORT=8388     HTTP (ARI, its WebSocket) on 127.0.0.1
#   ASTERISK_AMI_PORT=5338      AMI on 127.0.0.1
#   ASTERISK_START_TIMEOUT=60   seconds `up` waits for ARI to answer
#   ASTERISK_BUILD_JOBS=2       make -j
set -euo pipefail

# The pinned release: 23.x has chan_websocket (externalMedia over a WebSocket, which issue 11 uses).
VERSION=23.4.1
COMMIT=9c6d578ea138e2a5df3bbc261b82a94424d6ce53

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${ASTERISK_WORK_DIR:-$HERE/.work}"
CACHE="${ASTERISK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cc-supervisor/asterisk}"
PREFIX="$CACHE/$VERSION/install"
TARBALL="$CACHE/asterisk-$VERSION.tar.gz"
BIN="$PREFIX/sbin/asterisk"
DONE_MARK="$PREFIX/.built"
ETC="$WORK/etc"
PIDFILE="$WORK/asterisk.pid"
LOCKFILE="$WORK/.lock"

HOST=127.0.0.1
HTTP_PORT="${ASTERISK_HTTP_PORT:-8388}"
AMI_PORT="${ASTERISK_AMI_PORT:-5338}"
START_TIMEOUT="${ASTERISK_START_TIMEOUT:-60}"
JOBS="${ASTERISK_BUILD_JOBS:-2}"
# Lab credentials for a server bound to loopback only; never used for anything else.
ARI_USER=ccs
ARI_PASSWORD=ccs-lab-ari
AMI_USER=ccs
AMI_SECRET=ccs-lab-ami
ARI_APP=ccs-supervisor

APT_PACKAGES=(build-essential pkg-config libedit-dev libjansson-dev libsqlite3-dev uuid-dev libxml2-dev libssl-dev libncurses-dev)

log() { printf '[asterisk] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

take_lock() {
  mkdir -p "$WORK"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCKFILE"
    flock -w 1800 9 || die "timed out waiting for $LOCKFILE"
  fi
}

# ---------------------------------------------------------------- build

install_build_deps() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing build packages (${missing[*]}) and no apt-get to install them"
  local sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  log "installing build packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
    "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  } || die "apt-get could not install ${missing[*]}"
}

# The source tarball in the cache, made from ASTERISK_SRC (a tree, a git dir or a tarball) when absent.
ensure_tarball() {
  [[ -s "$TARBALL" ]] && return 0
  local src="${ASTERISK_SRC:-}"
  if [[ -z "$src" ]]; then
    cat >&2 <<MSG
[asterisk] ERROR: no cached Asterisk build ($PREFIX) and no source to build it from.
[asterisk] Point ASTERISK_SRC at one of:
[asterisk]   - a release tarball:   curl -LO https://downloads.asterisk.org/pub/telephony/asterisk/releases/asterisk-$VERSION.tar.gz
[asterisk]   - a source tree:       git clone --depth 1 --branch $VERSION https://github.com/asterisk/asterisk
[asterisk]   - a bare git dir that has tag $VERSION (commit $COMMIT)
[asterisk] then run:  ASTERISK_SRC=<path> bash infra/asterisk/asterisk.sh build
MSG
    exit 1
  fi
  mkdir -p "$CACHE"
  local tmp="$TARBALL.tmp.$$"
  if [[ -f "$src" ]]; then
    cp "$src" "$tmp"
  elif [[ -d "$src" && -f "$src/HEAD" && -d "$src/objects" ]]; then
    git --git-dir="$src" archive --format=tar.gz --prefix="asterisk-$VERSION/" "$COMMIT" >"$tmp" \
      || { rm -f "$tmp"; die "commit $COMMIT ($VERSION) is not in the git dir $src"; }
  elif [[ -d "$src" && -f "$src/main/asterisk.c" ]]; then
    tar -C "$(dirname "$src")" -czf "$tmp" --transform "s|^$(basename "$src")|asterisk-$VERSION|" \
      --exclude=.git "$(basename "$src")"
  else
    die "ASTERISK_SRC=$src is neither a tarball, a git dir nor an Asterisk source tree"
  fi
  mv "$tmp" "$TARBALL"
  log "source kept in $TARBALL"
}

cmd_build() {
  [[ -x "$BIN" && -f "$DONE_MARK" ]] && { printf '%s\n' "$BIN"; return 0; }
  ensure_tarball
  install_build_deps
  local t0=$SECONDS build="$CACHE/$VERSION/build.$$" blog="$CACHE/$VERSION/build.log"
  rm -rf "$PREFIX" "$build"
  mkdir -p "$build"
  log "building Asterisk $VERSION with make -j$JOBS (once; a few minutes) into $PREFIX (log: $blog)"
  tar -C "$build" -xzf "$TARBALL" --strip-components=1
  (
    set -e
    cd "$build"
    # Without it the build names itself UNKNOWN (there is no git metadata in the tarball's tree).
    [[ -s .version ]] || echo "$VERSION" >.version
    ./configure --prefix="$PREFIX" --without-pjproject --without-pjproject-bundled \
      --without-jansson-bundled --without-libjwt-bundled --without-libjwt
    make menuselect.makeopts
    # The sound packages download at install time; the lab plays generated tones instead.
    menuselect/menuselect --disable-category MENUSELECT_CORE_SOUNDS --disable-category MENUSELECT_MOH \
      --disable-category MENUSELECT_EXTRA_SOUNDS menuselect.makeopts
    make -j"$JOBS"
    make install
  ) >"$blog" 2>&1 || { tail -n 40 "$blog" >&2; rm -rf "$build"; die "build failed (log: $blog)"; }
  rm -rf "$build"
  [[ -x "$BIN" ]] || die "build finished without $BIN"
  echo "$VERSION $COMMIT" >"$DONE_MARK"
  log "built in $((SECONDS - t0)) s ($(find "$PREFIX/lib/asterisk/modules" -name '*.so' | wc -l) modules)"
  printf '%s\n' "$BIN"
}

# ---------------------------------------------------------------- config and process

write_config() {
  mkdir -p "$ETC" "$WORK/log" "$WORK/spool/monitor" "$WORK/spool/recording" "$WORK/run" "$WORK/lib" "$WORK/cache"
  local f
  for f in "$HERE"/conf/*.conf; do
    sed -e "s|@WORK@|$WORK|g" -e "s|@PREFIX@|$PREFIX|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" -e "s|@AMI_PORT@|$AMI_PORT|g" \
      "$f" >"$ETC/$(basename "$f")"
  done
}

is_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$ETC/asterisk.conf"
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

# ARI answers (with the lab user) once the HTTP server, res_ari and its modules are loaded.
probe() {
  curl -sf --max-time 3 -u "$ARI_USER:$ARI_PASSWORD" "http://$HOST:$HTTP_PORT/ari/asterisk/info" >/dev/null 2>&1
}

fail_start() {
  log "Asterisk did not become ready: $1"
  log "---- tail of $WORK/log/messages.log"
  tail -n 40 "$WORK/log/messages.log" >&2 2>/dev/null || true
  log "---- tail of $WORK/log/stdout.log"
  tail -n 20 "$WORK/log/stdout.log" >&2 2>/dev/null || true
  exit 1
}

cmd_up() {
  command -v curl >/dev/null 2>&1 || die "'curl' is not installed (needed to ask ARI whether Asterisk is up)"
  take_lock
  local pid t0=$SECONDS
  if ! pid="$(running_pid)"; then
    for p in "$HTTP_PORT" "$AMI_PORT"; do
      port_open "$p" && die "port $p on $HOST is taken by another process; set ASTERISK_HTTP_PORT / ASTERISK_AMI_PORT"
    done
    cmd_build >/dev/null
    write_config
    log "starting Asterisk $VERSION (ARI http://$HOST:$HTTP_PORT/ari, AMI $HOST:$AMI_PORT)"
    rm -f "$PIDFILE"
    # -f: no fork (the pid file names Asterisk itself), -n: no colour codes in its output. It runs as
    # the calling user; as root too (CI), since it binds to loopback only and writes only under .work.
    # shellcheck disable=SC2016  # $0/$@ belong to the inner bash
    setsid --fork bash -c 'echo $$ >"$0.new" && mv "$0.new" "$0" && exec "$@"' "$PIDFILE" \
      "$BIN" -C "$ETC/asterisk.conf" -f -n \
      </dev/null >"$WORK/log/stdout.log" 2>&1 9>&-
    local waited=0
    until [[ -s "$PIDFILE" ]]; do
      ((waited++ < 100)) || fail_start "the process did not start"
      sleep 0.1
    done
    pid="$(cat "$PIDFILE")"
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; fail_start "pid $pid exited"; }
    if probe; then
      log "ready after $((SECONDS - t0)) s (pid $pid)"
      printf 'http://%s:%s/ari\n' "$HOST" "$HTTP_PORT"
      return 0
    fi
    sleep 0.3
  done
  fail_start "ARI did not answer within ${START_TIMEOUT}s (pid $pid left running; 'down' stops it)"
}

cmd_down() {
  take_lock
  local pid wipe="${1:-}"
  if pid="$(running_pid)"; then
    log "stopping pid $pid"
    # A clean stop first (hangs up the calls, closes the files), then signals.
    "$BIN" -C "$ETC/asterisk.conf" -rx "core stop now" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped"
  else
    log "not running"
  fi
  rm -f "$PIDFILE"
  if [[ "$wipe" == "--wipe" ]]; then
    rm -rf "$WORK/log" "$WORK/spool" "$WORK/lib" "$WORK/run" "$WORK/cache" "$ETC"
    log "wiped recordings, logs and state under $WORK"
  fi
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if probe; then
      log "running (pid $pid), Asterisk $VERSION, ARI on http://$HOST:$HTTP_PORT/ari, AMI on $HOST:$AMI_PORT"
      return 0
    fi
    log "pid $pid alive but ARI not answering on $HOST:$HTTP_PORT"
    return 1
  fi
  log "stopped"
  return 3
}

# What a test (test/integration/asterisk) or a person needs to reach the lab and read what it wrote.
cmd_env() {
  cat <<ENV
ASTERISK_ARI_URL=http://$HOST:$HTTP_PORT/ari
ASTERISK_ARI_USER=$ARI_USER
ASTERISK_ARI_PASSWORD=$ARI_PASSWORD
ASTERISK_ARI_APP=$ARI_APP
ASTERISK_AMI_HOST=$HOST
ASTERISK_AMI_PORT=$AMI_PORT
ASTERISK_AMI_USER=$AMI_USER
ASTERISK_AMI_SECRET=$AMI_SECRET
ASTERISK_QUEUE_LOG=$WORK/log/queue_log
ASTERISK_MONITOR_DIR=$WORK/spool/monitor
ASTERISK_RECORDING_DIR=$WORK/spool/recording
ENV
}

case "${1:-}" in
  build) take_lock; cmd_build ;;
  up) cmd_up ;;
  down) shift; cmd_down "${1:-}" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  built) [[ -x "$BIN" && -f "$DONE_MARK" ]] || exit 3 ;;
  *) die "usage: $0 build|up|down [--wipe]|status|env|built" ;;
esac
