#!/usr/bin/env python3
"""Validate landlords.csv: the gazetteer behind landlord detection (src/landlord.rs).

Checks: RFC 4180 parse with header name,kind,domains,aliases,source; 5 fields a row;
non-empty name that starts with a letter or digit; kind is council|housing_association|almo;
no duplicate names; every domain looks like a lower-case hostname and appears only once in
the file (a row may have none: most registered providers' lists give no web address); rows
sorted by name (case-folded); no alias shared between two rows or equal to another row's
name (normalised to letters and digits, as landlord.rs keys them); every row names at least
one source, each a key listed in landlords_sources.md. Exit status 1 and a list of problems
on failure.
"""
import csv
import re
import sys
from pathlib import Path

KINDS = {"council", "housing_association", "almo"}
SOURCE_KEY = re.compile(r"^\| `([a-z0-9-]+)` \|", re.M)
LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
HOSTNAME = re.compile(rf"^(?=.{{4,253}}$){LABEL}(?:\.{LABEL})+$")
TLD = re.compile(r"\.[a-z]{2,}$")


def key(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())


def main(path: Path) -> int:
    errors = []
    text = path.read_text(encoding="utf-8")
    if text.startswith("\ufeff"):
        errors.append("file starts with a BOM")
    rows = list(csv.reader(text.splitlines(), strict=True))
    sources_md = path.with_name("landlords_sources.md")
    known_sources = set(SOURCE_KEY.findall(sources_md.read_text(encoding="utf-8"))) if sources_md.exists() else set()
    if not known_sources:
        errors.append(f"no source keys found in {sources_md}")
    if not rows or rows[0] != ["name", "kind", "domains", "aliases", "source"]:
        errors.append(f"bad header: {rows[0] if rows else None}")
    body = rows[1:]
    names, domains, alias_owner = {}, {}, {}
    for n, row in enumerate(body, start=2):
        if len(row) != 5:
            errors.append(f"line {n}: {len(row)} fields, expected 5: {row}")
            continue
        name, kind, doms, aliases, sources = (x.strip() for x in row)
        if not name or name != row[0] or not name[0].isalnum():
            errors.append(f"line {n}: empty or untrimmed name, or one that does not start with a letter or digit: {row[0]!r}")
        source_list = sources.split(";")
        if not sources or any(s not in known_sources for s in source_list) or source_list != sorted(set(source_list)):
            errors.append(f"line {n}: sources {sources!r} must be sorted, unique keys of landlords_sources.md")
        if kind not in KINDS:
            errors.append(f"line {n}: bad kind {kind!r}")
        if name in names:
            errors.append(f"line {n}: duplicate name {name!r} (first on line {names[name]})")
        names.setdefault(name, n)
        dlist = [d for d in doms.split(";")] if doms else []
        if any(not d for d in dlist):
            errors.append(f"line {n}: empty domain in {doms!r}")
        for d in filter(None, dlist):
            if d != d.strip() or not HOSTNAME.match(d) or not TLD.search(d) or d.startswith("www."):
                errors.append(f"line {n}: domain {d!r} does not look like a bare lower-case hostname")
            if d in domains:
                errors.append(f"line {n}: duplicate domain {d!r} (also line {domains[d]})")
            domains.setdefault(d, n)
        for a in filter(None, (a.strip() for a in aliases.split(";"))):
            if a == "(abolished)":
                continue
            alias_owner.setdefault(key(a), set()).add(name)
    for n, row in enumerate(body, start=2):
        if len(row) == 5:
            k = key(row[0])
            others = alias_owner.get(k, set()) - {row[0]}
            if others:
                errors.append(f"line {n}: name {row[0]!r} is an alias of {sorted(others)}")
    for k, owners in alias_owner.items():
        if len(owners) > 1:
            errors.append(f"alias key {k!r} shared by {sorted(owners)}")
    order = [r[0] for r in body if r]
    if order != sorted(order, key=str.casefold):
        errors.append("rows are not sorted by name (case-folded)")
    kinds = {}
    for r in body:
        if len(r) == 5:
            kinds[r[1]] = kinds.get(r[1], 0) + 1
    if errors:
        print(f"{path}: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    summary = ", ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
    print(f"{path}: OK, {len(body)} rows ({summary}), {len(domains)} domains")
    return 0


if __name__ == "__main__":
    default = Path(__file__).with_name("landlords.csv")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
