#!/usr/bin/env bash
# workflows: validates every .github/workflows/*.yml (and *.yaml) against the GitHub Actions workflow schema that the
# PyPI package check-jsonschema ships (--builtin-schema vendor.github-workflows: no network needed).
# usage: tests/e2e/check_workflows.sh [REPO_DIR]     (needs: python3 -m check_jsonschema)
set -euo pipefail
repo=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
shopt -s nullglob
files=("$repo"/.github/workflows/*.yml "$repo"/.github/workflows/*.yaml)
if [ ${#files[@]} -eq 0 ]; then
  echo "FAIL no workflow file in $repo/.github/workflows"
  exit 1
fi
status=0
for f in "${files[@]}"; do
  rel=${f#"$repo"/}
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
