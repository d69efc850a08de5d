#!/usr/bin/env bash
# The one test command of the repository: `bash tests/run.sh` (CI runs it through .ci/run).
#
#  1. Installs what the tests need: Debian packages (docker.io, mmdebstrap, skopeo, docker-registry, rpm, zstd,
#     libcap2-bin, curl, golang-go, chromium) when missing, and the npm packages of task/ and of every tests/*/ with a
#     package.json (test data such as official schemas and API descriptions).
#  2. Starts a private Docker engine and a distribution registry on loopback under a state directory of their own
#     and tells the tests where they are: RAMPARTTEST_DOCKER_HOST, RAMPARTTEST_REGISTRY.
#  3. Makes (or takes from the cache) the root filesystem of the integration fixtures' base image:
#     RAMPARTTEST_BASE_ROOTFS. The tests import it and build the fixture images from it once per run.
#  4. Runs `dotnet test Actions.sln`, and `npm test` in task/ when task/package.json exists.
#  5. Stops what it started, whatever happened, and prints one line: `N passed, N failed, N skipped`.
#
# Exit status: 0 when every runner passed and at least one test ran, 1 otherwise.
# Progress and failure details go to stderr; stdout carries only the final count line. Full logs: $log_dir.
#
# Environment (RAMPARTTEST_*, not RAMPART_*: rampart reads RAMPART_* as settings and rejects names it does not know):
#   RAMPARTTEST_SYSTEM_DOCKER=1     use the engine at DOCKER_HOST (default unix:///var/run/docker.sock) instead of
#                                   starting one; docker.io is then not installed (GitHub-hosted runners).
#   RAMPARTTEST_NO_INSTALL=1        install nothing.
#   RAMPARTTEST_FILTER=EXPR         passed to `dotnet test --filter`.
#   RAMPARTTEST_LOG_DIR=DIR         where logs go (default TestResults/run in the repository).
#   RAMPARTTEST_FIXTURE_CACHE=DIR   where the base rootfs tarball is cached (see the fixtures' base-rootfs.sh).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly repo
readonly fixtures="$repo/tests/Rampart.IntegrationTests/fixtures"
log_dir=${RAMPARTTEST_LOG_DIR:-$repo/TestResults/run}
readonly log_dir
state=""
dockerd_pid=""
registry_pid=""
# Debian packages single test projects need; under CI such a test fails without its package.
#   chromium, fonts-liberation: Rampart.Reporting.Tests loads the HTML report in /usr/bin/chromium, headless.
#   (Skipped when /usr/bin/chromium exists: on Ubuntu the package is a snap wrapper; CI links a browser there.)
#   golang-go: Rampart.Catalogers.Tests builds a Go program and checks the Go binary reader against `go version -m`.
test_packages=(golang-go)
[[ -x /usr/bin/chromium ]] || test_packages+=(chromium fonts-liberation)
readonly test_packages
# Folders whose package.json brings test data or tests: task/ and tests/*/.
npm_dirs=()
passed=0
failed=0
skipped=0
runner_failed=0

log() { printf '[tests/run.sh] %s\n' "$*" >&2; }

as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    else
        sudo "$@"
    fi
}

is_true() { [[ ${1:-} == 1 || ${1:-} == true || ${1:-} == True ]]; }

# ---------------------------------------------------------------------------------------------------------------
# Installation

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_updated=0
apt_install() {
    local missing=() package
    for package in "$@"; do
        installed "$package" || missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    if ((!apt_updated)); then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log_dir/apt.log" 2>&1 ||
            { tail -n 20 "$log_dir/apt.log" >&2; return 1; }
        apt_updated=1
    fi
    log "apt-get install ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >>"$log_dir/apt.log" 2>&1 || { tail -n 20 "$log_dir/apt.log" >&2; return 1; }
}

install_dependencies() {
    if is_true "${RAMPARTTEST_NO_INSTALL:-}"; then
        log "RAMPARTTEST_NO_INSTALL is set: installing nothing"
        return
    fi
    if ! command -v dpkg-query >/dev/null; then
        log "not a Debian-like machine: install docker, mmdebstrap, skopeo, docker-registry, rpm, zstd, setcap (libcap2-bin) yourself"
        return
    fi
    local packages=(ca-certificates curl skopeo docker-registry rpm zstd libcap2-bin "${test_packages[@]}")
    is_true "${RAMPARTTEST_SYSTEM_DOCKER:-}" || packages+=(docker.io)
    apt_install "${packages[@]}"
    # mmdebstrap's root mode wants its recommends (mount, gpg, libdpkg-perl); the Debian keyring matters off Debian.
    apt_install mmdebstrap mount gpg libdpkg-perl arch-test debian-archive-keyring
    if ((${#npm_dirs[@]})) && ! command -v npm >/dev/null; then
        apt_install nodejs npm
    fi
}

# `npm ci` (or `npm install` without a lock file) in $1; quiet unless it fails.
npm_install() {
    local dir=$1 verb=install name
    name=${dir#"$repo"/}
    [[ -f $dir/package-lock.json ]] && verb=ci
    log "npm $verb in $name/"
    if ! (cd "$dir" && npm "$verb" --no-audit --no-fund --loglevel=error) </dev/null >"$log_dir/npm-install-${name//\//-}.log" 2>&1; then
        log "ERROR: npm $verb failed in $name/:"
        tail -n 30 "$log_dir/npm-install-${name//\//-}.log" >&2
        return 1
    fi
}

# Test projects whose data comes from npm (official schemas, API descriptions, example payloads).
install_test_data() {
    is_true "${RAMPARTTEST_NO_INSTALL:-}" && return 0
    command -v npm >/dev/null || { log "ERROR: npm is not installed; test data from npm is missing"; return 0; }
    local dir
    for dir in "${npm_dirs[@]}"; do
        [[ $dir == "$repo/task" ]] && continue
        npm_install "$dir" || { failed=$((failed + 1)); runner_failed=1; }
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Services

# Polls "$@" once a second until it succeeds or $1 seconds pass.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 1
    done
}

alive() { kill -0 "$1" 2>/dev/null; }

engine_answers() {
    local host=$1
    if [[ $host == unix://* ]]; then
        [[ $(curl -sf --max-time 5 --unix-socket "${host#unix://}" http://localhost/_ping) == OK ]]
    else
        [[ $(curl -sf --max-time 5 "${host/tcp:/http:}/_ping") == OK ]]
    fi
}

dockerd_ready() { alive "$dockerd_pid" && engine_answers "unix://$state/docker/docker.sock"; }

start_engine() {
    if is_true "${RAMPARTTEST_SYSTEM_DOCKER:-}"; then
        local host=${DOCKER_HOST:-unix:///var/run/docker.sock}
        if wait_for 30 engine_answers "$host"; then
            log "using the system engine at $host"
            export RAMPARTTEST_DOCKER_HOST=$host
            return 0
        fi
        log "ERROR: the system engine at $host does not answer"
        return 1
    fi
    command -v dockerd >/dev/null || { log "ERROR: dockerd is not installed"; return 1; }
    local dir="$state/docker"
    mkdir -p "$dir/data" "$dir/exec"
    # An empty config file keeps a system /etc/docker/daemon.json out of it.
    printf '{}\n' >"$dir/daemon.json"
    log "starting a private dockerd in $dir"
    dockerd --config-file "$dir/daemon.json" --data-root "$dir/data" --exec-root "$dir/exec" \
        --pidfile "$dir/dockerd.pid" --storage-driver vfs --iptables=false --ip6tables=false --bridge=none \
        -H "unix://$dir/docker.sock" >"$log_dir/dockerd.log" 2>&1 &
    dockerd_pid=$!
    if ! wait_for 120 dockerd_ready; then
        log "ERROR: dockerd did not answer on unix://$dir/docker.sock within 120 s; its log ends with:"
        tail -n 15 "$log_dir/dockerd.log" >&2
        return 1
    fi
    export RAMPARTTEST_DOCKER_HOST="unix://$dir/docker.sock"
    log "dockerd answers at $RAMPARTTEST_DOCKER_HOST"
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

registry_ready() { alive "$registry_pid" && curl -sf --max-time 5 -o /dev/null "http://$1/v2/"; }

start_registry() {
    command -v docker-registry >/dev/null || { log "ERROR: docker-registry is not installed"; return 1; }
    local dir="$state/registry" port=5000
    while port_taken "$port"; do
        ((++port < 5100)) || { log "ERROR: no free port in 5000-5099 for the registry"; return 1; }
    done
    mkdir -p "$dir/data"
    cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    log "starting docker-registry on 127.0.0.1:$port"
    docker-registry serve "$dir/config.yml" >"$log_dir/registry.log" 2>&1 &
    registry_pid=$!
    if ! wait_for 30 registry_ready "127.0.0.1:$port"; then
        log "ERROR: the registry did not answer on 127.0.0.1:$port within 30 s; its log ends with:"
        tail -n 15 "$log_dir/registry.log" >&2
        return 1
    fi
    export RAMPARTTEST_REGISTRY="127.0.0.1:$port"
}

stop_process() {
    local pid=$1 name=$2
    [[ -n $pid ]] && alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for 30 bash -c "! kill -0 $pid"; then
        log "$name did not stop within 30 s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    set +e
    stop_process "$registry_pid" docker-registry
    stop_process "$dockerd_pid" dockerd
    if [[ -n $state && -d $state ]]; then
        # dockerd's own containerd, if dockerd could not take it down with it.
        local containerd_pid
        containerd_pid=$(cat "$state/docker/exec/containerd/containerd.pid" 2>/dev/null)
        [[ -n $containerd_pid ]] && stop_process "$containerd_pid" containerd
        # Mounts dockerd may have left (netns, shm); deepest first.
        awk -v root="$state" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
            as_root umount -l "$mount"
        done
        as_root rm -rf "$state"
    fi
    exit "$status"
}

# ---------------------------------------------------------------------------------------------------------------
# Test runners

# Adds the per-assembly summaries of a `dotnet test` console log to the totals and reports test projects that
# printed none (a crashed or unbuilt test host).
count_dotnet() {
    local logfile=$1 exit_code=$2 f p s project name summaries=0
    while read -r f p s; do
        failed=$((failed + f))
        passed=$((passed + p))
        skipped=$((skipped + s))
        summaries=$((summaries + 1))
    done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+), +Total.*/\2 \3 \4/p' "$logfile")

    while read -r project; do
        name=${project##*[\\/]}
        name=${name%.csproj}
        [[ $name == *Tests ]] || continue
        if ! grep -qE "(Passed|Failed)! .* - $name\.dll|No test (is available|matches the given testcase filter .*) in .*/$name\.dll" "$logfile"; then
            log "ERROR: $name reported no result (did it build? did its test host crash?)"
            failed=$((failed + 1))
        fi
    done < <(grep -oE 'tests.[A-Za-z.]+.[A-Za-z.]+\.csproj' "$repo/Actions.sln")

    if ((exit_code != 0)); then
        runner_failed=1
        grep -E ': error [A-Z]+[0-9]+:' "$logfile" | sed -E 's/ \[[^]]*\]$//' | sort -u | head -n 40 >&2 || true
        grep -E -A 14 '^ +Failed [A-Za-z_]' "$logfile" | head -n 300 >&2 || true
        if ((summaries == 0)) && ! grep -qE ': error [A-Z]+[0-9]+:' "$logfile"; then
            tail -n 30 "$logfile" >&2
        fi
    fi
}

run_dotnet_tests() {
    command -v dotnet >/dev/null || { log "ERROR: dotnet is not installed"; failed=$((failed + 1)); runner_failed=1; return; }
    local logfile="$log_dir/dotnet-test.log" exit_code=0
    local args=(test "$repo/Actions.sln" --nologo --logger "console;verbosity=minimal"
        --blame-hang-timeout 10m --blame-hang-dump-type none)
    [[ -n ${RAMPARTTEST_FILTER:-} ]] && args+=(--filter "$RAMPARTTEST_FILTER")
    log "dotnet test Actions.sln (log: $logfile)"
    DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
        dotnet "${args[@]}" >"$logfile" 2>&1 || exit_code=$?
    count_dotnet "$logfile" "$exit_code"
    log "dotnet test exited with $exit_code"
}

# The last count a line of the form "<label> N" / "N <label>" gives in the npm log, or nothing.
last_count() { grep -oE "$2" "$1" | tail -n 1 | grep -oE '[0-9]+' | head -n 1 || true; }

# Node's test runner (TAP and spec reporters), Jest, Vitest and Mocha each close with their own counts.
count_npm() {
    local logfile=$1 exit_code=$2 p f s t c
    p=$(last_count "$logfile" '^(# |ℹ )pass [0-9]+')
    f=$(last_count "$logfile" '^(# |ℹ )fail [0-9]+')
    s=$(last_count "$logfile" '^(# |ℹ )skipped [0-9]+')
    t=$(last_count "$logfile" '^(# |ℹ )todo [0-9]+')
    c=$(last_count "$logfile" '^(# |ℹ )cancelled [0-9]+')
    f=$((${f:-0} + ${c:-0}))
    [[ -n $p || $f -gt 0 ]] || f=""
    if [[ -z $p$f ]]; then
        local summary
        summary=$(grep -E '^ *Tests:? ' "$logfile" | tail -n 1 || true)
        if [[ -n $summary ]]; then
            p=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || true)
            f=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || true)
            s=$(grep -oE '[0-9]+ skipped' <<<"$summary" | grep -oE '[0-9]+' || true)
            t=$(grep -oE '[0-9]+ todo' <<<"$summary" | grep -oE '[0-9]+' || true)
        else
            p=$(last_count "$logfile" '^ *[0-9]+ passing')
            f=$(last_count "$logfile" '^ *[0-9]+ failing')
            s=$(last_count "$logfile" '^ *[0-9]+ pending')
        fi
    fi
    if [[ -z $p$f ]]; then
        log "ERROR: npm test printed no count this script knows; counting it as one failure"
        f=1
    fi
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${s:-0} + ${t:-0}))
    if ((exit_code != 0)); then
        runner_failed=1
        ((${f:-0} > 0)) || failed=$((failed + 1))
        tail -n 60 "$logfile" >&2
    fi
}

run_npm_tests() {
    [[ -f $repo/task/package.json ]] || return 0
    command -v npm >/dev/null || { log "ERROR: npm is not installed"; failed=$((failed + 1)); runner_failed=1; return; }
    local logfile="$log_dir/npm-test.log" exit_code=0
    if ! is_true "${RAMPARTTEST_NO_INSTALL:-}" && ! npm_install "$repo/task"; then
        failed=$((failed + 1))
        runner_failed=1
        return
    fi
    log "npm test in task/ (log: $logfile)"
    (cd "$repo/task" && npm test) </dev/null >"$logfile" 2>&1 || exit_code=$?
    count_npm "$logfile" "$exit_code"
    log "npm test exited with $exit_code"
}

# ---------------------------------------------------------------------------------------------------------------

main() {
    mkdir -p "$log_dir"
    state=$(mktemp -d "${TMPDIR:-/tmp}/rampart-test.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    export RAMPARTTEST_WORK_DIR="$state/work"
    mkdir -p "$RAMPARTTEST_WORK_DIR"
    # The tests fail, rather than skip, when the engine or the registry this script should give them is missing.
    export RAMPARTTEST_REQUIRE_SERVICES=1

    local manifest
    for manifest in "$repo"/task/package.json "$repo"/tests/*/package.json; do
        [[ -f $manifest ]] && npm_dirs+=("$(dirname "$manifest")")
    done

    install_dependencies
    install_test_data

    start_engine || log "the integration tests will fail: no engine"
    start_registry || log "the registry tests will fail: no registry"
    if [[ -x /usr/bin/docker ]]; then
        # Debian's CLI matches Debian's engine; a newer CLI elsewhere on PATH may not.
        export RAMPARTTEST_DOCKER_CLI=/usr/bin/docker
    fi
    if base=$(bash "$fixtures/base-rootfs.sh"); then
        export RAMPARTTEST_BASE_ROOTFS=$base
    else
        log "the integration tests will fail: no base root filesystem"
    fi

    run_dotnet_tests
    run_npm_tests

    printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
    if ((failed > 0 || runner_failed)); then
        log "FAILED (logs in $log_dir)"
        return 1
    fi
    if ((passed == 0)); then
        log "FAILED: no test ran"
        return 1
    fi
}

main "$@"
