#!/usr/bin/env python3
"""Mutation score per folder of src/CoProduction, from Stryker's JSON report
(mutation-testing-report-schema: files -> mutants -> status).

Usage: scripts/mutation-score.py REPORT.json [--survivors]
Score = (killed + timeout) / (killed + timeout + survived + no coverage),
the schema's "mutation score of covered and uncovered code"; compile errors
and ignored mutants are counted but not scored.
"""
import json
import sys
from collections import defaultdict
from pathlib import PurePath

STATUSES = ["Killed", "Survived", "Timeout", "NoCoverage", "CompileError", "RuntimeError", "Ignored"]


def folder_of(path: str) -> str:
    parts = PurePath(path.replace("\\", "/")).parts
    if "CoProduction" in parts:
        rest = parts[len(parts) - 1 - list(reversed(parts)).index("CoProduction") + 1:]
        return rest[0] if len(rest) > 1 else "(root)"
    return parts[-2] if len(parts) > 1 else "(root)"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        report = json.load(f)
    counts = defaultdict(lambda: defaultdict(int))
    survivors = []
    for path, file in sorted(report["files"].items()):
        folder = folder_of(path)
        for m in file["mutants"]:
            counts[folder][m["status"]] += 1
            if m["status"] in ("Survived", "NoCoverage"):
                loc = m["location"]["start"]
                survivors.append((folder, PurePath(path).name, loc["line"], m["status"], m["mutatorName"], m.get("replacement", "")))
    header = f"{'folder':<12} {'score':>7} {'killed':>7} {'survived':>9} {'timeout':>8} {'nocov':>6} {'compile':>8} {'ignored':>8}"
    print(header)
    total = defaultdict(int)
    for folder in sorted(counts):
        c = counts[folder]
        if all(c[s] == 0 for s in ("Killed", "Survived", "Timeout", "NoCoverage")):
            continue  # only ignored or not compiling: outside the folders asked for
        for s in STATUSES:
            total[s] += c[s]
        print(row(folder, c))
    if len(counts) > 1:
        print(row("total", total))
    if "--survivors" in sys.argv:
        print()
        for s in survivors:
            print(f"{s[0]}/{s[1]}:{s[2]} {s[3]} {s[4]}: {s[5]}")
    return 0


def row(name, c) -> str:
    detected = c["Killed"] + c["Timeout"]
    valid = detected + c["Survived"] + c["NoCoverage"]
    score = f"{100.0 * detected / valid:.1f}%" if valid else "n/a"
    return (f"{name:<12} {score:>7} {c['Killed']:>7} {c['Survived']:>9} {c['Timeout']:>8} "
            f"{c['NoCoverage']:>6} {c['CompileError']:>8} {c['Ignored']:>8}")


if __name__ == "__main__":
    sys.exit(main())
