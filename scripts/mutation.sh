#!/usr/bin/env bash
# Mutation testing of the domain package (src/CoProduction) with Stryker.NET.
# Not part of .ci/run: a whole run takes long. See docs/mutation.md.
#
#   scripts/mutation.sh                 # every folder of src/CoProduction
#   scripts/mutation.sh Cycles          # one folder
#   scripts/mutation.sh Cycles Ethics   # several folders, one Stryker run
#
# Environment: CONCURRENCY (default 1: the machine is shared), OUT (report folder,
# default artifacts/mutation/<folders>, git-ignored).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

folders=("$@")
mutate=()
if [ ${#folders[@]} -eq 0 ]; then
  name=all
  mutate+=(--mutate "**/*.cs")
else
  name="$(IFS=-; echo "${folders[*]}")"
  for f in "${folders[@]}"; do
    if [ ! -d "src/CoProduction/$f" ]; then
      echo "No folder src/CoProduction/$f; folders are: $(ls -d src/CoProduction/*/ | xargs -n1 basename | grep -vxE 'bin|obj' | tr '\n' ' ')" >&2
      exit 2
    fi
    mutate+=(--mutate "**/$f/**/*.cs")
  done
fi
out="${OUT:-$root/artifacts/mutation/$name}"
rm -rf "$out"
mkdir -p "$out"

dotnet tool restore >/dev/null
start=$(date +%s)
# Run from the slim mutation test project (the fast in-process domain tests, see its csproj);
# from the root Stryker would pick up CoProduction.sln (solution mode).
( cd tests/CoProduction.MutationTests &&
  dotnet stryker --config-file "$root/stryker-config.json" "${mutate[@]}" \
    --concurrency "${CONCURRENCY:-1}" --output "$out" --skip-version-check )
end=$(date +%s)

report="$out/reports/mutation-report.json"
echo
echo "Stryker run: $((end - start)) s; report: $out/reports/mutation-report.html"
python3 scripts/mutation-score.py "$report" --survivors
