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
# build fails (exit 3). The first restore, the long part of a first run, shows its own output.
build() {
  local project="$1" name log stamp started
  name="$(basename "$project")"
  stamp="$(stamp "$name")"
  up_to_date "$stamp" "$(binary "$name")" "$@" && return 0

  mkdir -p "$root/artifacts/stamps"
  started="$(mktemp "$root/artifacts/stamps/$name.XXXXXX")"
  if [ ! -f "$root/artifacts/obj/$name/project.assets.json" ]; then
    echo "restoring packages, first run downloads about 1 GB ..." >&2
    if ! dotnet restore "$root/$project" -nologo >&2; then
      rm -f "$started"
      echo "error: the restore of $project failed (output above)" >&2
      exit 3
    fi
  fi

  log="$(mktemp)"
  echo "building $project ..." >&2
  if ! dotnet build "$root/$project" -c Release -nologo >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log" "$started"
    echo "error: the build of $project failed (log above)" >&2
    exit 3
  fi
  rm -f "$log"
  # The stamp carries the time the build started: a file edited during the build is still newer than it.
  mv "$started" "$stamp"
}

# Where the time of a project's last good build (with a RID: its publish) is kept.
stamp() { echo "$root/artifacts/stamps/$1${2:+.$2}.stamp"; }

# Publishes the ReadyToRun image of a project in the background, at low priority and in an artifacts folder of its own
# (so no build in the checkout shares its intermediate files), unless a publish is already under way. Its log, and why
# it failed if it did, are in artifacts/image/publish.log; the next start uses the image once its stamp is written.
prepare_image() {
  local rid="$1" project="$2" name image started
  name="$(basename "$project")"
  image="$root/artifacts/image"
  command -v flock >/dev/null && command -v setsid >/dev/null || return 0
  mkdir -p "$image" "$root/artifacts/stamps"
  started="$(mktemp "$root/artifacts/stamps/$name.XXXXXX")"
  echo "preparing a faster start for next time, in the background (log: artifacts/image/publish.log)" >&2
  # Fixtures stay out of the image: the mock reads the checkout's, so an edited profile applies without a publish.
  (
    flock -n 9 || { rm -f "$started"; exit 0; }
    if setsid nice -n 10 dotnet publish "$root/$project" -c Release -r "$rid" --self-contained false -p:PublishFixtures=false \
        -p:ArtifactsPath="$image" -o "$(dirname "$(binary "$name" "$rid")")" -nologo >"$image/publish.log" 2>&1; then
      mv "$started" "$(stamp "$name" "$rid")"
    else
      rm -f "$started"
    fi
  ) 9>"$image/publish.lock" </dev/null >/dev/null 2>&1 &
}

# The three jobs, before the conformance run's own options (whose usage line names its executable).
jobs_help() {
  cat <<'USAGE'
./run-conformance.sh [options]        the conformance catalogue, against the embedded mock unless --target URL (options below)
./run-conformance.sh mock [options]   the standalone mock; ./run-conformance.sh mock --help lists its options
./run-conformance.sh test [options]   every test of the project; options are dotnet test's (for example --filter NAME)

USAGE
}

# The test job hands its options to dotnet test; one it does not know is named here in one line instead of MSBuild's
# error and command line. Values, MSBuild properties and whatever follows "--" pass as they are.
check_test_options() {
  local known arg
  for arg in "$@"; do
    [ "$arg" = -- ] && return 0
    case "$arg" in -p:* | /p:* | --property:* | [!-]*) continue ;; esac
    known="${known:-$(dotnet test --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,')}"
    if ! grep -qxF -- "${arg%%[=:]*}" <<<"$known"; then
      echo "error: ./run-conformance.sh test: unknown option ${arg%%[=:]*} (the test job takes dotnet test's options, for example --filter NAME; see dotnet test --help)" >&2
      exit 2
    fi
  done
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
    # A ReadyToRun image starts sooner (WireMock.Net and its dependencies ship without one: mock-server/BENCHMARKS.md),
    # but publishing it takes about half a minute. Until it exists the mock starts from a plain build at once, and the
    # image is published beside it in the background for the next start.
    rid="$(rid)"
    if [ -n "$rid" ] && up_to_date "$(stamp RefreshJwt.MockServer "$rid")" "$(binary RefreshJwt.MockServer "$rid")" mock-server/RefreshJwt.MockServer; then
      exec dotnet "$(binary RefreshJwt.MockServer "$rid")" "$@"
    fi
    build mock-server/RefreshJwt.MockServer
    [ -n "$rid" ] && prepare_image "$rid" mock-server/RefreshJwt.MockServer
    exec dotnet "$(binary RefreshJwt.MockServer)" "$@"
    ;;
  test)
    shift
    check_test_options "$@"
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
    case "${1:-}" in -h | --help | -\?) jobs_help ;; esac
    build conformance/RefreshJwt.Conformance mock-server/RefreshJwt.MockServer
    exec dotnet "$(binary RefreshJwt.Conformance)" "$@"
    ;;
esac
