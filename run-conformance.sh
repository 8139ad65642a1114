#!/usr/bin/env bash
# RefreshJwt.Conformance: one entry point for the three jobs.
#
#   ./run-conformance.sh [options]        the conformance catalogue; against the embedded mock unless --target URL
#   ./run-conformance.sh mock [options]   the standalone mock in the foreground; its first line is the base URL
#   ./run-conformance.sh test [args]      every test of the project (dotnet test on the solution)
#
# --help after any of them lists the options. Exit codes: see README.md ("Exit codes").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Builds one project quietly; the build log is shown only when the build fails (exit 3).
build() {
  local log
  log="$(mktemp)"
  echo "building $1 ..." >&2
  if ! dotnet build "$root/$1" -c Release -nologo >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "error: the build of $1 failed (log above)" >&2
    exit 3
  fi
  rm -f "$log"
}

binary() { echo "$root/artifacts/bin/$1/release/$1.dll"; }

case "${1:-}" in
  mock)
    shift
    build mock-server/RefreshJwt.MockServer
    exec dotnet "$(binary RefreshJwt.MockServer)" "$@"
    ;;
  test)
    shift
    # The report's browser test drives Debian's Chromium; a fresh Debian machine gets it here when we may install.
    if [ ! -x /usr/bin/chromium ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian's chromium for the browser test (apt-get)..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
      else
        echo "error: /usr/bin/chromium is missing; install it (sudo apt-get install -y chromium) and run again" >&2
        exit 2
      fi
    fi
    # One line per test as it finishes, so a long run shows where it is.
    exec dotnet test "$root/RefreshJwt.Conformance.sln" -c Release --logger "console;verbosity=normal" "$@"
    ;;
  *)
    build conformance/RefreshJwt.Conformance
    exec dotnet "$(binary RefreshJwt.Conformance)" "$@"
    ;;
esac
