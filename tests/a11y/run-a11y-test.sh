#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs walk.py against the app with what a screen reader has: a display, a session bus and
# the AT-SPI bus on it, all its own. Reports a TAP skip ("1..0 # SKIP", exit 0: meson reads
# TAP here, not exit 77) when dogtail or a piece of the desktop it needs is not installed:
# build-aux/dev deps installs python3-dogtail, xdotool and at-spi2-core.
#
# Usage: run-a11y-test.sh APP DOCUMENT WALK_SCRIPT
set -u

app=$1
document=$2
walk=$3

# dogtail comes from Debian's python3-dogtail, for the system's Python; a Python earlier in
# PATH (a virtualenv, pyenv) may not see it.
python=
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import dogtail, pyatspi' >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "1..0 # SKIP dogtail is not installed (Debian: python3-dogtail)"
  exit 0
fi

# A display of our own when xvfb-run is there: the walk types keys, which would reach the
# windows of the other tests on a shared display (meson also runs it alone: is_parallel).
if [ -z "${MG_A11Y_OWN_DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  MG_A11Y_OWN_DISPLAY=1 exec xvfb-run -a -s "-screen 0 1440x900x24" "$0" "$@"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "1..0 # SKIP no display and no xvfb-run"
  exit 0
fi

# A session bus of our own, with the display and a runtime folder of our own: the AT-SPI bus
# it starts keeps its socket there. Without them at-spi-bus-launcher puts it at one path per
# user (~/.cache/at-spi/bus), where another session's launcher can replace or remove it, and
# the other tests of the run would share our bus.
if [ -z "${MG_A11Y_PRIVATE_BUS:-}" ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "1..0 # SKIP no dbus-run-session (Debian: dbus-daemon)"
    exit 0
  fi
  runtime=$(mktemp -d)
  chmod 700 "$runtime"
  MG_A11Y_PRIVATE_BUS=1 XDG_RUNTIME_DIR=$runtime dbus-run-session -- "$0" "$@"
  status=$?
  rm -rf "$runtime"
  exit $status
fi

# The AT-SPI bus: asking for its address starts it (D-Bus activation of at-spi-bus-launcher)
# and returns once it is up, so neither the app nor dogtail races its start.
if ! gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
       --method org.a11y.Bus.GetAddress >/dev/null 2>&1; then
  echo "1..0 # SKIP the AT-SPI bus does not start (Debian: at-spi2-core)"
  exit 0
fi

# A library of its own, so the walk never touches a real one; and the accessibility bridge
# on, which the other tests turn off.
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export XDG_DATA_HOME="$data/data" XDG_CONFIG_HOME="$data/config" XDG_CACHE_HOME="$data/cache"
unset NO_AT_BRIDGE
export GTK_A11Y=atspi
# Under the sanitizers (build-aux/dev test --sanitize) the app drops off the AT-SPI bus part
# way through the walk, with no sanitizer report: not understood yet. The in-process UI tests
# cover the same windows there; the walk runs in the normal suite.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  echo "1..0 # SKIP the AT-SPI walk does not run under the sanitizers"
  exit 0
fi

"$python" "$walk" "$app" "$document"
