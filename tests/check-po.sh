#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that every language listed in po/LINGUAS has a .po that msgfmt compiles with its
# format checks, so a broken translation fails here and not at install time.
# Usage: check-po.sh PO_DIR MSGFMT
set -u
po_dir=$1
msgfmt=$2
languages=$(sed -e 's/#.*//' "$po_dir/LINGUAS")
if [ -z "$(printf '%s' "$languages" | tr -d ' \n\t')" ]; then
  echo "no languages in LINGUAS yet"
  exit 77
fi
status=0
for lang in $languages; do
  if [ ! -f "$po_dir/$lang.po" ]; then
    echo "LINGUAS lists $lang but $lang.po is missing"
    status=1
  elif ! "$msgfmt" --check --output-file=/dev/null "$po_dir/$lang.po"; then
    echo "$lang.po does not compile"
    status=1
  fi
done
exit $status
