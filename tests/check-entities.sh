#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Scores marginalia-cli extract against gold files and fails below the floor: strict micro
# F1 under FLOOR, or any type with gold entities under 0.75. Skips (77) when the corpus or
# the scorer is not there (the shared corpus lives beside the source tree, not in it).
# Usage: check-entities.sh CLI TEXT_DIR GOLD_DIR SCORER FLOOR
set -u
cli=$1 texts=$2 gold=$3 scorer=$4 floor=$5
if [ ! -d "$texts" ] || [ ! -d "$gold" ] || [ ! -x "$scorer" ]; then
  echo "no corpus at $texts or no scorer at $scorer: skipped"
  exit 77
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
set --
for text in "$texts"/*.txt; do
  name=$(basename "$text")
  [ -f "$gold/$name.gold.tsv" ] || continue
  if ! "$cli" --library "$work/library.sqlite3" extract "$text" > "$work/$name.tsv"; then
    echo "extract failed on $text"
    exit 1
  fi
  set -- "$@" "$gold/$name.gold.tsv" "$work/$name.tsv"
done
if [ $# -eq 0 ]; then
  echo "no gold files in $gold: skipped"
  exit 77
fi
"$scorer" "$@" > "$work/score" || exit 1
cat "$work/score"
awk -v floor="$floor" '
  $1 ~ /^(PERSON|ORG|LOC|DATE|LAW)$/ && $2 > 0 && $6 < 0.75 { print "type " $1 " below 0.75"; bad = 1 }
  $1 == "strict" && $3 < floor { print "strict F1 below " floor; bad = 1 }
  END { exit bad }' "$work/score"
