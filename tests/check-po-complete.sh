#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that one translation is complete against the sources as they are now: the catalogue
# is extracted afresh (not from a .pot that may be stale), merged into LANG.po as a translator
# would merge it, and then no message may be untranslated or fuzzy, and every mnemonic and
# format directive must survive. A new string without its translation fails here, with the
# string named, instead of showing up in English in the app.
# Usage: check-po-complete.sh SOURCE_ROOT LANG XGETTEXT MSGMERGE MSGATTRIB MSGFMT
set -u
root=$1
lang=$2
xgettext=$3
msgmerge=$4
msgattrib=$5
msgfmt=$6

po="$root/po/$lang.po"
if [ ! -f "$po" ]; then
  echo "po/$lang.po is missing"
  exit 1
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# The same extraction as the marginalia-pot target: meson's glib preset plus po/meson.build's
# own arguments.
cd "$root" || exit 1
if ! "$xgettext" --package-name=marginalia -f po/POTFILES.in -D "$root" -o "$work/fresh.pot" \
       --from-code=UTF-8 --add-comments --add-comments=Translators \
       -k_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
       --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
       --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
       --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
       --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
       --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
       --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
       --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
then
  echo "xgettext could not extract the messages"
  exit 1
fi
if ! "$msgmerge" --quiet --output-file="$work/$lang.po" "$po" "$work/fresh.pot"; then
  echo "msgmerge could not merge po/$lang.po"
  exit 1
fi

status=0
untranslated=$("$msgattrib" --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid "..*"$')
fuzzy=$("$msgattrib" --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid "..*"$')
if [ "$untranslated" -gt 0 ]; then
  echo "po/$lang.po leaves $untranslated messages untranslated:"
  "$msgattrib" --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -E '^(#:|msgid "..*")'
  status=1
fi
if [ "$fuzzy" -gt 0 ]; then
  echo "po/$lang.po has $fuzzy fuzzy messages (changed in the sources since translated):"
  "$msgattrib" --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep -E '^(#:|msgid "..*")'
  status=1
fi
# --check: format directives and the header; --check-accelerators: each mnemonic kept.
if ! "$msgfmt" --check --check-accelerators=_ --output-file=/dev/null "$work/$lang.po"; then
  echo "po/$lang.po does not compile with the current messages"
  status=1
fi
# Every message but the header's empty one.
[ $status -eq 0 ] && echo "po/$lang.po translates all $(($(grep -c '^msgid ' "$work/fresh.pot") - 1)) messages"

exit $status
