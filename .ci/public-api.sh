#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the
# PublicAPI.Unshipped.txt of its project, and removes lines for symbols that no longer exist (RS0017).
# Run it after a deliberate change to the public surface, then review the diff of the .txt files.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet build CoProduction.sln -c Debug -p:TreatWarningsAsErrors=false -p:EnforceCodeStyleInBuild=false >"$log" 2>&1 || true
python3 - "$log" <<'PY'
import re, sys, os, collections
log = open(sys.argv[1], encoding="utf-8").read().splitlines()
add = collections.defaultdict(set); remove = collections.defaultdict(set)
for line in log:
    m = re.search(r"^(.*?)\(\d+,\d+\): (?:warning|error) (RS0016|RS0017|RS0037): Symbol '(.*)' is (not part of the declared public API|part of the declared API, but is either not public or could not be found).*\[(.*\.csproj)\]", line)
    if not m:
        continue
    proj_dir = os.path.dirname(m.group(5))
    (add if m.group(2) == "RS0016" else remove)[proj_dir].add(m.group(3))
for proj_dir in set(add) | set(remove):
    path = os.path.join(proj_dir, "PublicAPI.Unshipped.txt")
    lines = open(path, encoding="utf-8").read().splitlines()
    header = [l for l in lines if l.startswith("#")] or ["#nullable enable"]
    body = {l for l in lines if l and not l.startswith("#")}
    body = (body | add[proj_dir]) - remove[proj_dir]
    open(path, "w", encoding="utf-8").write("\n".join(header + sorted(body, key=lambda s: s.lstrip("~").replace("static ", "").replace("override ", "").replace("abstract ", "").replace("virtual ", ""))) + "\n")
    print(f"{path}: +{len(add[proj_dir])} -{len(remove[proj_dir])}")
PY
rm -f "$log"
