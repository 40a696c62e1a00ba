#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the manual pages against the programs: every command marginalia-cli lists in its
# --help has a section in marginalia-cli.1, every long option of the app is described in
# marginalia.1, and groff finds nothing to warn about (a page that renders with warnings
# renders wrongly somewhere).
# Usage: check-man.sh MAN_DIR CLI APP
set -u
man_dir=$1
cli=$2
app=$3
status=0

commands=$("$cli" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p')
if [ -z "$commands" ]; then
  echo "marginalia-cli --help lists no commands"
  exit 1
fi
for c in $commands; do
  # Sections are written as .SS "command ..." with the hyphens escaped for troff.
  escaped=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
  if ! grep -qE "^\.SS \"$escaped( |\")" "$man_dir/marginalia-cli.1"; then
    echo "marginalia-cli.1 has no section for the command $c"
    status=1
  fi
done

options=$("$app" --help 2>/dev/null | sed -n '/^Application Options:/,/^$/p' \
          | sed -n 's/^  *\(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p')
if [ -z "$options" ]; then
  echo "marginalia --help lists no application options"
  exit 1
fi
for o in $options; do
  escaped=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
  if ! grep -q -- "\\\\-\\\\-$escaped" "$man_dir/marginalia.1"; then
    echo "marginalia.1 does not describe --$o"
    status=1
  fi
done

if command -v groff >/dev/null; then
  for page in "$man_dir"/*.1; do
    warnings=$(groff -man -ww -z "$page" 2>&1)
    if [ -n "$warnings" ]; then
      echo "$page: $warnings"
      status=1
    fi
  done
fi
exit $status
