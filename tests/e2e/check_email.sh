#!/usr/bin/env bash
# email: writes the email edition of every shipped text with `site email`, as a writer would, then checks them
# (check_email.mjs).
# usage: check_email.sh REPO OUT_DIR
set -euo pipefail
REPO=$1 OUT=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SITE=$REPO/target/release/site
[ -x "$SITE" ] || { echo "FAIL no $SITE: run cargo build --release"; exit 1; }
slugs=$(find "$REPO/content" -name '*.md' -printf '%f\n' | cut -d. -f1 | sort -u)
for slug in $slugs; do
  "$SITE" --root "$REPO" email "$slug" --output "$OUT" >/dev/null
done
echo "wrote the editions of $(echo "$slugs" | wc -w) texts into $OUT"
node "$HERE/check_email.mjs" "$OUT"
