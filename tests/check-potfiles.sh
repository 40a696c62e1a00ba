#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks po/POTFILES.in against the tree: every file it lists exists, and every source or
# interface file with a translatable string is listed (otherwise that string is silently
# never offered to translators).
# Usage: check-potfiles.sh SOURCE_ROOT
set -u
cd "$1" || exit 1
status=0
listed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in)
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
candidates=$(grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' \
               --include='*.c' src 2>/dev/null
             grep -rl 'translatable="yes"' --include='*.ui' --include='*.blp' ui src 2>/dev/null)
for f in $candidates; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done
exit $status
