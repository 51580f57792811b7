#!/usr/bin/env python3
"""Fills every ```csharp block that follows a <!-- snippet: file#region --> line with that region's code
(dedented), so a page shows exactly what compiles. DocsSnippetTests fails when a page and its regions differ;
run this after changing a region:  python3 .ci/fill-snippets.py docs/read-side.md [more pages]"""
import re, sys, os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
marker = re.compile(r"(<!--\s*snippet:\s*(?P<file>[^#\s]+)#(?P<region>[\w-]+)\s*-->\n)```csharp\n.*?```", re.S)

def region(path, name):
    lines = open(os.path.join(root, path), encoding="utf-8").read().replace("\r\n", "\n").split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == "#region " + name)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "#endregion")
    body = [l.rstrip() for l in lines[start + 1:end]]
    indent = min((len(l) - len(l.lstrip()) for l in body if l), default=0)
    return "\n".join(l[indent:] for l in body).strip("\n")

for page in sys.argv[1:]:
    path = os.path.join(root, page)
    text = open(path, encoding="utf-8").read()
    filled = marker.sub(lambda m: m.group(1) + "```csharp\n" + region(m.group("file"), m.group("region")) + "\n```", text)
    if filled != text:
        open(path, "w", encoding="utf-8").write(filled)
        print(f"{page}: filled")
