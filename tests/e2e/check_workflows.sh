#!/usr/bin/env bash
# workflows: validates every .github/workflows/*.yml (and *.yaml) against the GitHub Actions workflow schema that the
# PyPI package check-jsonschema ships (--builtin-schema vendor.github-workflows: no network needed), and the
# workflow of a site made by `site init` (REPO_DIR/target/release/site), as it writes it.
# usage: tests/e2e/check_workflows.sh [REPO_DIR]     (needs: python3 -m check_jsonschema)
set -euo pipefail
repo=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
shopt -s nullglob
files=("$repo"/.github/workflows/*.yml "$repo"/.github/workflows/*.yaml)
made=$(mktemp -d)
trap 'rm -rf "$made"' EXIT
if "$repo/target/release/site" init "$made/site" >/dev/null 2>&1; then
  files+=("$made/site/.github/workflows/publish.yml")
else
  echo "FAIL site init (needed to check the workflow it writes)"
  exit 1
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "FAIL no workflow file in $repo/.github/workflows"
  exit 1
fi
status=0
for f in "${files[@]}"; do
  rel=${f#"$repo"/}
  rel=${rel/#"$made"\/site/(site init)}
  if out=$(python3 -m check_jsonschema --builtin-schema vendor.github-workflows "$f" 2>&1); then
    echo "ok   $rel"
  else
    status=1
    echo "FAIL $rel"
    sed 's/^/     /' <<<"$out"
  fi
done
echo "workflows: ${#files[@]} files, $([ $status -eq 0 ] && echo 0 || echo some) invalid"
[ -n "${E2E_STATS:-}" ] && echo "workflows_checked=${#files[@]}" >>"$E2E_STATS"
exit $status
