#!/usr/bin/env bash
# Live interop tests (tests/interop.rs) against moto, the AWS mock, on loopback.
#
#   bash scripts/interop.sh [extra `cargo test` arguments, e.g. -- --nocapture]
#
# 1. a venv at target/moto-venv with moto[server] 5.2.5 (reused when it has it);
# 2. two moto servers on free 127.0.0.1 ports: a plain one, and one with
#    INITIAL_NO_AUTH_ACTION_COUNT=0, which checks auth from the first request
#    (logs: target/moto-1.log, target/moto-2.log);
# 3. waits (60 s at most) for each to answer;
# 4. cargo test --all-features --test interop, told where the servers are and
#    that they are required (a missing one fails instead of skipping);
# 5. stops both servers on every exit path.
#
# Needs python3 (with venv) and cargo; pip reaches PyPI (or its configured
# mirror) only when the venv has to be made.
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_VERSION=5.2.5
VENV=target/moto-venv
WAIT_SECONDS=60
started=$SECONDS

die() {
    echo "interop.sh: $*" >&2
    exit 1
}

command -v python3 >/dev/null || die "python3 is required"
command -v cargo >/dev/null || die "cargo is required"
mkdir -p target

# --- 1. the venv ----------------------------------------------------------
has_moto() {
    [[ -x $VENV/bin/moto_server ]] &&
        "$VENV/bin/python" - "$MOTO_VERSION" 2>/dev/null <<'EOF'
import importlib.metadata, sys
import flask, flask_cors  # the [server] extra
sys.exit(importlib.metadata.version("moto") != sys.argv[1])
EOF
}
if has_moto; then
    echo "interop.sh: reusing $VENV (moto $MOTO_VERSION)"
else
    echo "interop.sh: installing moto[server]==$MOTO_VERSION into $VENV"
    venv_started=$SECONDS
    python3 -m venv --clear "$VENV" ||
        die "cannot create a venv (on Debian/Ubuntu: apt-get install python3-venv)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION" ||
        die "pip install moto[server]==$MOTO_VERSION failed"
    has_moto || die "$VENV still has no moto $MOTO_VERSION after pip install"
    echo "interop.sh: venv ready in $((SECONDS - venv_started)) s"
fi

# --- 2. the servers ---------------------------------------------------------
pids=()
stop_servers() {
    local rc=$? pid i
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || continue
        for ((i = 0; i < 50; i++)); do # 5 s, then SIGKILL
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    exit "$rc"
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Two distinct free ports: both sockets are bound at once, then released.
ports=$(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
') || die "could not pick two free ports on 127.0.0.1"
read -r PORT1 PORT2 <<<"$ports"

"$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT1" >target/moto-1.log 2>&1 &
pids+=($!)
INITIAL_NO_AUTH_ACTION_COUNT=0 "$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT2" >target/moto-2.log 2>&1 &
pids+=($!)

# --- 3. wait until both answer ------------------------------------------------
# Ready: the process is alive, its log says it bound the port (werkzeug's
# "Running on http://127.0.0.1:PORT", so not another program that holds the
# port), and the port answers HTTP.
wait_for() { # port pid log
    local port=$1 pid=$2 log=$3 deadline=$((SECONDS + WAIT_SECONDS))
    local url=http://127.0.0.1:$port
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "interop.sh: moto at $url exited; the end of $log:" >&2
            tail -n 20 "$log" >&2
            exit 1
        fi
        if grep -qF "127.0.0.1:$port" "$log" && "$VENV/bin/python" -c '
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read()
' "$url/moto-api/" 2>/dev/null; then
            return 0
        fi
        sleep 0.25
    done
    echo "interop.sh: moto at $url did not answer within $WAIT_SECONDS s; the end of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
}
wait_for "$PORT1" "${pids[0]}" target/moto-1.log
wait_for "$PORT2" "${pids[1]}" target/moto-2.log
echo "interop.sh: moto $MOTO_VERSION on 127.0.0.1:$PORT1, with auth checking on 127.0.0.1:$PORT2"

# --- 4. the tests ---------------------------------------------------------------
AWS_QUERY_XML_MOTO_URL="http://127.0.0.1:$PORT1" \
    AWS_QUERY_XML_MOTO_AUTH_URL="http://127.0.0.1:$PORT2" \
    AWS_QUERY_XML_REQUIRE_MOTO=1 \
    cargo test --all-features --test interop "$@"

echo "interop.sh: passed in $((SECONDS - started)) s"
# --- 5. the trap stops the servers.
