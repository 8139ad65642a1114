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

# What a job's build reads: its projects' folders and the build files at the root. Fixtures are read at run time.
inputs() {
  local project
  for project in "$@"; do echo "$project"; done
  for project in Directory.Build.props Directory.Packages.props global.json .editorconfig NuGet.config nuget.config; do
    [ -e "$root/$project" ] && echo "$project"
  done
  return 0
}

# True when the stamp of the last good build is newer than every input: an edited file is newer, and so is the folder of an
# added, removed or renamed one. Costs one find, a few milliseconds.
up_to_date() {
  local stamp="$1" binary="$2"
  shift 2
  [ -f "$stamp" ] && [ -f "$binary" ] || return 1
  [ -z "$(cd "$root" && find $(inputs "$@") \( -name bin -o -name obj \) -prune -o -newer "$stamp" -print -quit 2>/dev/null)" ]
}

# Builds one project quietly unless nothing changed since its last good build; the build log is shown only when the
# build fails (exit 3). The first restore, the long part of a first run, shows its own output. `build --rid RID project`
# publishes it for that platform instead (framework-dependent; the mock's project makes that a ReadyToRun image).
build() {
  local rid="" verb=build
  if [ "$1" = --rid ]; then rid="$2" verb=publish; shift 2; fi
  local project="$1" name log stamp started assets restoring
  name="$(basename "$project")"
  stamp="$root/artifacts/stamps/$name${rid:+.$rid}.stamp"
  up_to_date "$stamp" "$(binary "$name" "$rid")" "$@" && return 0

  mkdir -p "$root/artifacts/stamps"
  started="$(mktemp "$root/artifacts/stamps/$name.XXXXXX")"
  assets="$root/artifacts/obj/$name/project.assets.json" restoring=""
  if [ ! -f "$assets" ]; then
    restoring="restoring packages, first run downloads about 1 GB ..."
  elif [ -n "$rid" ] && ! grep -qF "/$rid\"" "$assets"; then
    # A build without a RID restores the project for no platform; a publish for one needs its runtime and compiler packs.
    restoring="restoring packages for $rid ..."
  fi
  if [ -n "$restoring" ]; then
    echo "$restoring" >&2
    if ! dotnet restore "$root/$project" ${rid:+-r "$rid"} -nologo >&2; then
      rm -f "$started"
      echo "error: the restore of $project failed (output above)" >&2
      exit 3
    fi
  fi

  log="$(mktemp)"
  echo "${verb}ing $project${rid:+ for $rid} ..." >&2
  # Fixtures stay out of the publish: the mock then reads the checkout's, so an edited profile applies without a publish.
  if ! dotnet "$verb" "$root/$project" -c Release ${rid:+-r "$rid" --self-contained false -p:PublishFixtures=false} -nologo >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log" "$started"
    echo "error: the $verb of $project failed (log above)" >&2
    exit 3
  fi
  rm -f "$log"
  # The stamp carries the time the build started: a file edited during the build is still newer than it.
  mv "$started" "$stamp"
}

# A build's entry assembly, or with a RID its publish's.
binary() { if [ -n "${2:-}" ]; then echo "$root/artifacts/publish/$1/release_$2/$1.dll"; else echo "$root/artifacts/bin/$1/release/$1.dll"; fi; }

# This machine's runtime identifier, empty where the mock is not published (it is built and JIT-compiled there).
rid() {
  case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) echo linux-x64 ;;
    Linux/aarch64) echo linux-arm64 ;;
    Darwin/arm64) echo osx-arm64 ;;
    Darwin/x86_64) echo osx-x64 ;;
  esac
}

case "${1:-}" in
  mock)
    shift
    # A ReadyToRun image: WireMock.Net and its dependencies ship without one, and compiling them at start is a large
    # part of the mock's start-up (mock-server/BENCHMARKS.md).
    rid="$(rid)"
    build ${rid:+--rid "$rid"} mock-server/RefreshJwt.MockServer
    exec dotnet "$(binary RefreshJwt.MockServer "$rid")" "$@"
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
    build conformance/RefreshJwt.Conformance mock-server/RefreshJwt.MockServer
    exec dotnet "$(binary RefreshJwt.Conformance)" "$@"
    ;;
esac
