#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 served to a browser) from the
# npm registry, plus the Debian packages it and the end-to-end tests need
# (chromium, ripgrep, build headers), so the e2e tests can drive a real
# VS Code without downloading anything from GitHub or Microsoft.
#
# Where it goes (outside the project tree, so `npm ci` of the extension stays light):
#   CACHE  = ${OWASP_AUDIT_CACHE:-$HOME/.cache/owasp-audit}
#   PREFIX = $CACHE/code-server-4.100.3
#   binary = $CACHE/code-server-4.100.3/node_modules/.bin/code-server
#   marker = $CACHE/code-server-4.100.3/.install-complete
# test/e2e/code-server.ts finds the binary at that path (same env variable).
# The last line this script prints on stdout is the binary's path.
#
# Idempotent: when the marker matches (same code-server version, Node ABI and
# arch) and the Debian packages are installed, it exits in well under a second.
# A partial install (no marker) is wiped and redone.
#
# Workarounds it applies (see /work/shared/notes/real-editor.md):
#   - Node 20 only (code-server 4.103+ needs Node 22; 4.100.3's postinstall refuses others).
#   - Native modules build from source against the Node headers: npm_config_nodedir=/usr.
#   - As root: npm_config_unsafe_perm=true (else code-server's postinstall aborts).
#   - npm_config_yes=true (node-pty's build runs `npx node-gyp`; CI has no stdin).
#   - npm 11 skips dependency install scripts not covered by an `allowScripts`
#     policy, and rejects the allow-scripts config (flag, env or npmrc-exported
#     env) in the nested `npm install` that code-server's postinstall runs in
#     lib/vscode. So: `npm install --ignore-scripts`, then write `allowScripts`
#     into our package.json and into code-server's lib/vscode/package.json,
#     then `npm rebuild` runs every needed install script.
#   - @vscode/ripgrep's postinstall downloads from GitHub: its download cache
#     ($TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz,
#     a tarball with `rg` at its root) is pre-seeded with Debian's /usr/bin/rg.
#
# Environment: OWASP_AUDIT_CACHE (cache root), CI-safe (no prompts, no stdin).
set -euo pipefail

CS_VERSION=4.100.3
# Pinned by code-server 4.100.3's lib/vscode/npm-shrinkwrap.json: @vscode/ripgrep
# 1.15.11, whose postinstall asks for release tag v13.0.0-10.
RG_PKG_VERSION=1.15.11
RG_TAG=v13.0.0-10
NODE_MAJOR_REQUIRED=20
APT_PACKAGES=(chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev build-essential python3 neovim)
# Packages whose install scripts code-server needs on Linux (others are skipped).
ALLOW_TOP=(code-server argon2)
ALLOW_VSCODE=(@parcel/watcher @vscode/deviceid @vscode/ripgrep @vscode/spdlog kerberos native-watchdog node-pty)

CACHE_ROOT="${OWASP_AUDIT_CACHE:-${HOME:?HOME is not set}/.cache/owasp-audit}"
PREFIX="$CACHE_ROOT/code-server-$CS_VERSION"
MARKER="$PREFIX/.install-complete"
BIN="$PREFIX/node_modules/.bin/code-server"

log() { echo "[install-code-server] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- Debian packages
missing_apt_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
      echo "$p"
    fi
  done
}

ensure_apt_packages() {
  local missing
  missing="$(missing_apt_packages | tr '\n' ' ')"
  missing="${missing% }"
  [[ -z "$missing" ]] && return 0
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing Debian packages ($missing) and not root (no sudo)"
    sudo=(sudo -n)
  fi
  log "installing Debian packages: $missing"
  local t0=$SECONDS
  "${sudo[@]}" apt-get update -qq
  # shellcheck disable=SC2086
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing </dev/null >&2
  log "Debian packages installed in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------- node checks
command -v node >/dev/null 2>&1 || die "node is not on PATH"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$NODE_MAJOR" == "$NODE_MAJOR_REQUIRED" ]] ||
  die "code-server $CS_VERSION needs Node $NODE_MAJOR_REQUIRED, found $(node -v)"
MARKER_CONTENT="code-server=$CS_VERSION node-abi=$(node -p 'process.versions.modules') arch=$(node -p 'process.arch')"

marker_ok() { [[ -f "$MARKER" && -x "$BIN" && "$(cat "$MARKER")" == "$MARKER_CONTENT" ]]; }

# ---------------------------------------------------------------- fast path
ensure_apt_packages
if marker_ok; then
  log "code-server $CS_VERSION already installed"
  echo "$BIN"
  exit 0
fi

mkdir -p "$CACHE_ROOT"
# One installer at a time per cache; re-check the marker once we hold the lock.
exec 9>"$CACHE_ROOT/.code-server-$CS_VERSION.lock"
flock 9
if marker_ok; then
  log "code-server $CS_VERSION installed by a concurrent run"
  echo "$BIN"
  exit 0
fi

T_START=$SECONDS
case "$PREFIX" in */code-server-"$CS_VERSION") ;; *) die "refusing to wipe unexpected path $PREFIX" ;; esac
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
INSTALL_TMP="$PREFIX/.install-tmp"
mkdir -p "$INSTALL_TMP"
LOG_FILE="$PREFIX/install.log"

# ---------------------------------------------------------------- ripgrep cache seed
case "$(node -p 'process.arch')" in
  x64) RG_TARGET=x86_64-unknown-linux-musl ;;
  arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) die "unsupported arch $(node -p 'process.arch')" ;;
esac
RG_CACHE="$INSTALL_TMP/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE/stage"
cp /usr/bin/rg "$RG_CACHE/stage/rg"
chmod 755 "$RG_CACHE/stage/rg"
tar -czf "$RG_CACHE/ripgrep-$RG_TAG-$RG_TARGET.tar.gz" -C "$RG_CACHE/stage" rg
rm -rf "$RG_CACHE/stage"

# ---------------------------------------------------------------- npm install
cat >"$PREFIX/package.json" <<EOF
{
  "name": "owasp-audit-code-server",
  "private": true,
  "description": "code-server for the owasp-audit e2e tests (written by scripts/install-code-server.sh)",
  "dependencies": { "code-server": "$CS_VERSION" }
}
EOF

# add_allow_scripts PACKAGE_JSON NAME... : set "allowScripts": {NAME: true, ...}
add_allow_scripts() {
  node -e '
    const fs = require("fs");
    const [file, ...names] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.allowScripts = Object.assign({}, pkg.allowScripts, Object.fromEntries(names.map((n) => [n, true])));
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$@"
}

export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_ignore_scripts=false
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
export JOBS=max  # node-gyp: make -j<cores>
if [[ -f /usr/include/node/node.h ]]; then
  export npm_config_nodedir=/usr
else
  log "warning: /usr/include/node/node.h not found; node-gyp will try to download Node headers"
fi
export TMPDIR="$INSTALL_TMP"
export CI=true

log "installing code-server $CS_VERSION into $PREFIX (log: $LOG_FILE)"
run_npm() {
  if ! (cd "$PREFIX" && npm "$@" </dev/null >>"$LOG_FILE" 2>&1); then
    tail -n 80 "$LOG_FILE" >&2 || true
    die "npm $* failed (full log: $LOG_FILE)"
  fi
}
run_npm install --no-package-lock --omit=dev --ignore-scripts
log "npm install (no scripts) finished in $((SECONDS - T_START)) s"
add_allow_scripts "$PREFIX/package.json" "${ALLOW_TOP[@]}"
add_allow_scripts "$PREFIX/node_modules/code-server/lib/vscode/package.json" "${ALLOW_VSCODE[@]}"
# Runs argon2's build and code-server's postinstall (nested npm installs in
# lib/vscode and lib/vscode/extensions, which build the native modules).
run_npm rebuild --foreground-scripts
log "npm rebuild (install scripts) finished in $((SECONDS - T_START)) s"
# npm lists the dependencies whose install scripts it skipped. On Linux only the
# Windows-only @vscode/windows-* modules are expected there.
SKIPPED="$(grep -E '^npm warn install-scripts +[^ ]+@[^ ]+ \(' "$LOG_FILE" | grep -v '@vscode/windows-' || true)"
if [[ -n "$SKIPPED" ]]; then
  log "warning: npm skipped these install scripts (not in ALLOW_TOP/ALLOW_VSCODE):"
  echo "$SKIPPED" >&2
fi

# ---------------------------------------------------------------- verify the tree
CS_DIR="$PREFIX/node_modules/code-server"
VS_DIR="$CS_DIR/lib/vscode"
[[ -x "$BIN" ]] || die "binary missing: $BIN"
[[ -x "$VS_DIR/node_modules/@vscode/ripgrep/bin/rg" ]] || die "ripgrep binary missing in @vscode/ripgrep"
[[ -e "$VS_DIR/node_modules.asar" ]] || die "code-server postinstall did not finish (no node_modules.asar)"
# Every native module must load under this Node (catches skipped install scripts).
(cd "$VS_DIR" && node -e '
  const { createRequire } = require("module");
  const r = createRequire(process.cwd() + "/");
  for (const m of ["node-pty", "@vscode/spdlog", "kerberos", "native-watchdog", "@parcel/watcher", "@vscode/deviceid"]) {
    try { r(m); } catch (e) { console.error("cannot load " + m + ": " + e.message); process.exit(1); }
  }') || die "a native module of VS Code does not load (log: $LOG_FILE)"
(cd "$CS_DIR" && node -e 'require("argon2")') || die "argon2 does not load (log: $LOG_FILE)"

# ---------------------------------------------------------------- verify it starts
VERIFY_DIR="$(mktemp -d "$INSTALL_TMP/verify.XXXXXX")"
mkdir -p "$VERIFY_DIR"/{config,data,cache,tmp,user-data,extensions,workspace}
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
SERVER_PID=""
cleanup_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap cleanup_server EXIT

log "starting code-server on 127.0.0.1:$PORT to verify the install"
XDG_CONFIG_HOME="$VERIFY_DIR/config" XDG_DATA_HOME="$VERIFY_DIR/data" XDG_CACHE_HOME="$VERIFY_DIR/cache" \
TMPDIR="$VERIFY_DIR/tmp" \
  setsid "$BIN" --auth none --bind-addr "127.0.0.1:$PORT" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$VERIFY_DIR/user-data" --extensions-dir "$VERIFY_DIR/extensions" \
    "$VERIFY_DIR/workspace" </dev/null >"$VERIFY_DIR/server.log" 2>&1 &
SERVER_PID=$!

if ! PORT="$PORT" SERVER_PID="$SERVER_PID" WS="$VERIFY_DIR/workspace" node -e '
  const http = require("http");
  const get = (p) => new Promise((res, rej) => {
    const q = http.get({ host: "127.0.0.1", port: +process.env.PORT, path: p, timeout: 5000 }, (r) => {
      let b = ""; r.setEncoding("utf8"); r.on("data", (d) => (b += d)); r.on("end", () => res({ status: r.statusCode, body: b }));
    });
    q.on("error", rej); q.on("timeout", () => q.destroy(new Error("timeout")));
  });
  (async () => {
    const deadline = Date.now() + 60000;
    for (;;) {
      try { process.kill(+process.env.SERVER_PID, 0); } catch { console.error("code-server exited"); process.exit(1); }
      try { const r = await get("/healthz"); if (r.status === 200) break; } catch {}
      if (Date.now() > deadline) { console.error("no /healthz after 60 s"); process.exit(1); }
      await new Promise((r) => setTimeout(r, 250));
    }
    const page = await get("/?folder=" + encodeURIComponent(process.env.WS));
    if (page.status !== 200 || !page.body.includes("workbench")) {
      console.error("workbench page: HTTP " + page.status); process.exit(1);
    }
  })().catch((e) => { console.error(e); process.exit(1); });
'; then
  cat "$VERIFY_DIR/server.log" >&2 || true
  die "code-server did not start (log above)"
fi
cleanup_server
trap - EXIT
log "code-server answered /healthz and served the workbench"

rm -rf "$INSTALL_TMP"
printf '%s\n' "$MARKER_CONTENT" >"$MARKER"
log "code-server $CS_VERSION installed in $((SECONDS - T_START)) s"
echo "$BIN"
