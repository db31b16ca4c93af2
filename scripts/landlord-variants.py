#!/usr/bin/env python3
"""Metamorphic test of landlord detection on the dev half of fixtures/real (issue 17).

Useful for anyone changing crates/chc-match/src/landlord.rs or landlord/names.rs: it rewrites
how the landlord appears in each dev fixture while keeping the form, knows what the landlord
must then be, runs `chc extract` on the variants and scores `landlord` per kind of variant.

    python3 scripts/landlord-variants.py --chc target/release/chc [--work /tmp/lv] [--show KIND]
    python3 scripts/landlord-variants.py --chc OLD --chc NEW      # before/after side by side

Bases: every fixtures/real/dev/*.txt with its gold. The landlord's surface forms in a base
are its gold name (with or without "The"), the name's distinctive part ("Wrekin"), its
initials ("FDC") and web hosts that spell it ("eastwoldhomes.org.uk"). Variant kinds:

- swap: every form replaced by another real landlord's (gazetteer names of many shapes:
  "X Borough Council", "X Homes", "X Housing Group", "… Housing Association", "The X Trust",
  "London Borough of X", "&", "-on-", "upon", ordinary words): that landlord.
- strip: every form removed: null (gold convention: a page that never names its landlord).
- title / intro / footer / email-evidence / email-footer / email-contact / url-evidence / initials-title /
  initials-evidence / evidence-owner / evidence-subject: the stripped base with the landlord
  named in one place only, in that way: that landlord.
- passing-*: another landlord named in passing (benchmarking, a partner, a contractor, a
  club), on the base and on the stripped base: the base's answer (the passing one never wins).
- oversight: the Housing Ombudsman, the Regulator of Social Housing and the LGSCO named (with
  their web address): the base's answer.

The variants are written under --work (not into the repository). The sanity column counts
variants whose row count differs from their base's (the rewrite broke the form).
Stdlib only; deterministic.
"""

import argparse
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "fixtures", "real", "dev")
GAZETTEER = os.path.join(ROOT, "crates", "chc-match", "data", "landlords.csv")

# Real landlords of different shapes, named in the variants.
TARGETS = [
    "Stevenage Borough Council",
    "Karbon Homes",
    "Grand Union Housing Group",
    "Castles & Coasts Housing Association",
    "The Papworth Trust",
    "London Borough of Hackney",
    "Cheshire Peaks & Plains Housing Trust",
    "Stoke-on-Trent City Council",
    "London Borough of Richmond upon Thames",
    "Wythenshawe Community Housing Group",
    "Your Homes Newcastle",
    "Orbit Group",
    "Places for People",
    "St Leger Homes",
    "Cornwall Council",
    "Salix Homes",
]
# Invented landlords of the shapes real names take (none is in the gazetteer): the reader must
# find a landlord it has never heard of by the shape of its name.
INVENTED = [
    "Tarnside Homes",
    "Holloway Vale Housing Association",
    "Ashgrove Community Housing",
    "Kingsmere Housing Co-operative",
    "Stanmore Vale Living",
    "Wyvern Housing Society",
    "Oakfield Almshouses",
    "Corran Housing Group",
    "Riverbend Housing Partnership",
    "Hawkmoor Community Homes",
    "Newbank Housing Trust",
    "St Aldric's Housing Trust",
    "Moorland Rural Housing Association",
    "Eastvale Neighbourhood Homes",
    "Ferncliffe Borough Council",
    "Royal Borough of Ashleigh",
    "City of Farnbridge Council",
    "Wexley Metropolitan Borough Council",
    "Dunmere District Council",
    "London Borough of Kellingford",
    "Harrowmoor City Council",
    "Brackwater Council",
    "Greystone & Wold Homes",
    "Cressbrook Communities",
    "Marchfield Homes Trust",
    "Lyndhurst Housing Solutions",
    "Thornwick Almshouse Charity",
    "Bellhaven Housing Foundation",
]
# Landlords named in passing.
OTHERS = ["Clarion Housing Group", "Peabody Trust", "Onward Homes", "Leeds City Council", "Thirteen Group", "Bernicia Group"]
# Invented landlords named in passing (not in the gazetteer).
INVENTED_OTHERS = ["Northbeck Homes", "Kesworth District Council", "Aldbury Housing Trust", "Wenlow Housing Group", "Pellow Vale Housing Association", "Ruddington Living"]

KINDS = {"Council", "Homes", "Housing", "Group", "Association", "Trust", "Partnership", "Living", "Communities", "Almshouses", "Society", "Co-operative"}
QUALIFIERS = {"Borough", "City", "District", "County", "Metropolitan", "Town", "Community", "Housing", "Homes", "Limited"}
CONNECTORS = {"of", "and", "&", "upon", "on", "for", "in", "with", "under", "le", "the"}


def key(name):
    return "".join(c for c in name.lower() if c.isalnum())


def stem(name):
    """The distinctive part of a name, as names.rs takes it; "London Borough of X" → "X"."""
    rest = name[4:] if name.startswith("The ") else name
    for lead in ("London Borough of ", "Royal Borough of ", "City of "):
        if rest.startswith(lead):
            rest = rest[len(lead):]
    words = rest.split()
    while len(words) > 1 and (words[-1] in KINDS or words[-1] in QUALIFIERS or words[-1] in CONNECTORS):
        words.pop()
    return " ".join(words)


def initials(name):
    words = [w for w in re.split(r"[ -]", name) if w and w != "The" and w not in CONNECTORS]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


class Gazetteer:
    def __init__(self, path):
        self.rows = list(csv.DictReader(open(path, encoding="utf-8")))
        self.by_name = {r["name"]: r for r in self.rows}
        stems = defaultdict(set)
        inits = defaultdict(set)
        for r in self.rows:
            stems[stem(r["name"]).lower()].add(r["name"])
            if len(initials(r["name"])) >= 3:
                inits[initials(r["name"])].add(r["name"])
            for a in filter(None, r["aliases"].split(";")):
                if a.isupper() and 3 <= len(a) <= 6:
                    inits[a].add(r["name"])
        self.stems, self.inits = stems, inits

    def domain(self, name):
        """The landlord's own host: from the gazetteer, else its name run together."""
        row = self.by_name.get(name, {"domains": "", "kind": "council" if name.endswith("Council") or name.startswith(("London Borough", "Royal Borough")) else "housing_association"})
        listed = [d for d in row["domains"].split(";") if d]
        if listed:
            return listed[0]
        return key(name[4:] if name.startswith("The ") else name) + (".gov.uk" if row["kind"] == "council" else ".org.uk")

    def unique_stem(self, name):
        return len(self.stems[stem(name).lower()]) == 1

    def unique_initials(self, name):
        if name not in self.by_name:
            return False
        i = initials(name)
        return len(i) >= 3 and self.inits.get(i) == {name}


class Forms:
    """How a base names its landlord: spans of the text to rewrite."""

    def __init__(self, text, landlord):
        self.landlord = landlord
        self.full = sorted({landlord, landlord[4:] if landlord.startswith("The ") else landlord}, key=len, reverse=True)
        self.stem = stem(landlord)
        self.initials = sorted({initials(landlord), "".join(w[0] for w in landlord.split() if w not in ("The", "of", "and"))}, key=len, reverse=True)
        self.initials = [i for i in self.initials if len(i) >= 2 and re.search(r"\b%s\b" % i, text)]
        label = key(self.stem)
        self.hosts = sorted({h for h in re.findall(r"[A-Za-z0-9.-]+\.(?:gov\.uk|org\.uk|co\.uk|com|org|net|uk)\b", text) if label in h.lower()}, key=len, reverse=True)


def spans(text, forms):
    """(start, end, what) of every mention, outermost first, not overlapping."""
    found = []
    for h in forms.hosts:
        for m in re.finditer(re.escape(h), text):
            found.append((m.start(), m.end(), "host"))
    for f in forms.full:
        for m in re.finditer(r"(?<![\w])%s(?![\w])" % re.escape(f), text):
            found.append((m.start(), m.end(), "full"))
    if forms.stem and forms.stem not in forms.full:
        for m in re.finditer(r"(?<![\w.@])%s(?![\w])" % re.escape(forms.stem), text):
            found.append((m.start(), m.end(), "stem"))
    for i in forms.initials:
        for m in re.finditer(r"\b%s\b" % i, text):
            found.append((m.start(), m.end(), "initials"))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept, end = [], -1
    for s in found:
        if s[0] >= end:
            kept.append(s)
            end = s[1]
    return kept


def at_line_start(text, at):
    line_start = text.rfind("\n", 0, at) + 1
    head = text[line_start:at].strip()
    return head == "" or head.endswith((".", ":", "|", "\t")) or text[line_start:at].endswith("\t")


def strip(text, forms):
    """The base with its landlord removed, the form kept."""
    out, last = [], 0
    for start, end, what in spans(text, forms):
        before, after = text[last:start], text[end:]
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if what == "host":
            host = text[start:end]
            out.append(before + re.sub(r"[A-Za-z0-9-]*%s[A-Za-z0-9-]*" % key(forms.stem), "localservices", host, flags=re.I))
        elif line.strip() == text[start:end]:
            # A line that is only the name goes.
            out.append(before)
            end = line_end + 1 if line_end < len(text) else line_end
        elif what == "initials":
            # "FDC policy 6" → "our policy 6"; "Code LHP Self-Assessment" → "Code Self-Assessment".
            if re.match(r" [a-z]", after):
                out.append(before + ("Our" if at_line_start(text, start) else "our"))
            else:
                out.append(before)
                if after.startswith(" "):
                    end += 1
        elif re.match(r"\s*(?:-|–|:|,)\s", after) and text[line_start:start].strip() == "":
            # "Name - title", "Name, Town Hall": the head goes.
            out.append(before)
            end += len(re.match(r"\s*(?:-|–|:|,)\s*", after).group(0))
        elif before.rstrip().endswith("©"):
            out.append(before.rstrip() + " ")
        else:
            out.append(before + ("The landlord" if at_line_start(text, start) or before.rstrip().endswith((".", "!", "?")) else "the landlord"))
        last = end
    out.append(text[last:])
    return "".join(out)


def swap(text, forms, target, gaz):
    out, last = [], 0
    for start, end, what in spans(text, forms):
        out.append(text[last:start])
        original = text[start:end]
        if what == "host":
            new_host = gaz.domain(target)
            label = re.search(r"[A-Za-z0-9-]*%s[A-Za-z0-9.-]*" % key(forms.stem), original, re.I)
            out.append(original[: label.start()] + new_host if label else new_host)
        elif what == "full":
            out.append(target[4:] if target.startswith("The ") and text[max(0, start - 4):start] in ("the ", "The ") else target)
        elif what == "stem":
            out.append(stem(target))
        else:
            i = initials(target)
            out.append(i if len(i) >= 3 else target)
        last = end
    out.append(text[last:])
    return "".join(out)


def evidence_anchors(text, gold):
    """Where a sentence can go inside an evidence (or commentary) cell: the end of a line of
    that cell that the text holds once."""
    anchors = []
    for row in gold["rows"]:
        for cell in (row.get("evidence") or "", row.get("commentary") or ""):
            for line in cell.split("\n"):
                line = line.strip()
                if len(line) >= 12 and text.count(line) == 1:
                    anchors.append(text.index(line) + len(line))
                    break
            else:
                continue
            break
    return sorted(set(anchors))


def insert_at(text, at, sentence):
    head = text[:at]
    sep = " " if not head.endswith((" ", "\n")) else ""
    return head + sep + sentence + text[at:]


def title_first(text, line):
    return line + "\n\n" + text


def footer_last(text, line):
    return text.rstrip("\n") + "\n\n" + line + "\n"


OVERSIGHT = ("Residents can ask the Housing Ombudsman Service (www.housing-ombudsman.org.uk) to look at a complaint; "
             "the Regulator of Social Housing and the Local Government and Social Care Ombudsman (LGSCO) are told of any failings.")


def passing(kind, other, other2):
    return {
        "passing-benchmark": f"We benchmark our response times against {other} and {other2}.",
        "passing-partner": f"Out-of-hours calls are answered by {other}, our partner in the county.",
        "passing-contractor": f"Repairs complaints about our contractor, which also works for {other}, are handled the same way.",
        "passing-club": f"We are members of a benchmarking club with {other}.",
        "passing-compared": f"Our figures compare well with those of {other}.",
        "passing-than": f"Our satisfaction score of 78% is higher than the 71% reported by {other}.",
        "passing-like": f"Like {other}, we publish our complaint figures every quarter.",
        "passing-transfer": f"Tenants whose homes moved to us from {other} in 2023 keep their rights.",
        "passing-review": f"A peer review with {other} looked at our stage 2 letters.",
        "passing-apposition": f"Our repairs contractor, {other}, answers repairs complaints within the same timescales.",
    }[kind]


def variants(base, text, gold, gaz):
    """(name, kind, text, expected landlord) of one base."""
    landlord = gold["landlord"]
    forms = Forms(text, landlord) if landlord else None
    stripped = strip(text, forms) if forms else text
    anchors = evidence_anchors(stripped, gold)
    out = []
    if forms:
        out.append((f"{base}__strip", "strip", stripped, None))
        used = {s[2] for s in spans(text, forms)}
        for t in TARGETS:
            # Named only by short forms: the other landlord's must be its alone.
            if not used & {"full", "host"} and ("stem" in used and not gaz.unique_stem(t) or "initials" in used and not gaz.unique_initials(t)):
                continue
            out.append((f"{base}__swap__{key(t)}", "swap", swap(text, forms, t, gaz), t))
    for n, t in enumerate(TARGETS + INVENTED):
        dom = gaz.domain(t)
        ini = initials(t)
        tag = f"{base}__%s__{key(t)}"
        new = t in INVENTED
        k = (lambda kind: "new-" + kind) if new else (lambda kind: kind)
        out.append((tag % "pipe-title", k("pipe-title"), title_first(stripped, f"Complaint Handling Code self-assessment | {t}"), t))
        out.append((tag % "cookie", k("cookie"), title_first(stripped, f"{t} uses cookies to make this website work. Accept all cookies\n\nSelf-assessment 2025"), t))
        out.append((tag % "address", k("address"), footer_last(stripped, f"{t}, Civic House, 12 Market Street, Ashby AB1 2CD"), t))
        out.append((tag % "registered", k("registered"), footer_last(stripped, f"{t} is registered with the Regulator of Social Housing (L4321)."), t))
        for kind, place, line in (
            ("logo", title_first, f"Skip to main content\n{t} logo\nMenu\nSearch"),
            ("dash-title", title_first, f"Complaint handling self-assessment - {t}"),
            ("upper-title", title_first, f"{t.upper()} \u2013 COMPLAINT HANDLING CODE SELF-ASSESSMENT 2024/25"),
            ("year-title", title_first, f"2024/25 {t} Self-Assessment"),
            ("possessive-title", title_first, f"{t}'s Complaint Handling Code self-assessment"),
            ("we-are", title_first, f"Self-assessment 2025\n\nWe are {t}, a landlord of 4,000 homes in the county."),
            ("object-intro", title_first, f"Self-assessment 2025\n\nThis self-assessment sets out how {t} meets the Code."),
            ("about-heading", title_first, f"About {t}\n\nSelf-assessment 2025"),
            ("social", footer_last, f"Follow {t} on Facebook"),
            ("name-year", footer_last, f"Privacy | Cookies | \u00a9 {t} 2025"),
            ("cookie-website", title_first, f"We use cookies on the {t} website. Accept all cookies\n\nSelf-assessment 2025"),
            ("signed", footer_last, f"Head of Customer Experience, {t}"),
            ("complaints-team", footer_last, f"Questions? Contact the {t} complaints team."),
            # A form's own fields and headings.
            ("label-landlord", title_first, f"Self-assessment 2025\n\nLandlord name: {t}\nDate: March 2025"),
            ("label-organisation", title_first, f"Organisation\t{t}\nCompleted by\tComplaints Manager"),
            ("pipe-landlord", title_first, f"| Landlord | {t} |\n| Date | March 2025 |"),
            ("markdown-heading", title_first, f"# {t}\n\n## Complaint Handling Code self-assessment"),
            ("by-title", title_first, f"Complaint Handling Code self-assessment by {t}"),
            ("initials-bracket", title_first, f"{t} ({initials(t)}) self-assessment against the Complaint Handling Code"),
            ("limited-title", title_first, f"{t} Limited \u2013 Complaint Handling Code self-assessment"),
            ("intro-possessive", title_first, f"Self-assessment 2025\n\nThis is {t}'s self-assessment against the Housing Ombudsman's Code."),
            ("part-of-group", title_first, f"{t} (part of the Wenmoor Housing Group)\n\nComplaint Handling Code self-assessment"),
            ("heading-after-intro", title_first, f"Self-assessment 2025\n\nHow we handle complaints\n\n{t}: how we meet the Code"),
            # Run together as a crawler's text of a page gives it.
            ("glued-title", title_first, f"{t}Complaint Handling Code self-assessment"),
            ("glued-nav", title_first, f"Skip to main content{t}MenuSearchAbout usSelf-assessment 2025"),
            ("glued-footer", footer_last, f"Back to top\u00a9 2025 {t}Privacy notice"),
        ):
            out.append((tag % kind, k(kind), place(stripped, line), t))
        if anchors:
            out.append((tag % "cell-at", k("cell-at"), insert_at(stripped, anchors[0], f"At {t}, every complaint is logged within a day."), t))
            out.append((tag % "response-label", k("response-label"), insert_at(stripped, anchors[0], f"{t} response: the policy says so in section 4."), t))
            glued = stripped[: anchors[0]] + f"{t}'s complaints policy, section 4." + stripped[anchors[0]:]
            out.append((tag % "glued-evidence-owner", k("glued-evidence-owner"), glued, t))
        if new:
            out.append((tag % "title", k("title"), title_first(stripped, f"{t} - Complaint Handling Code self-assessment"), t))
            out.append((tag % "intro", k("intro"), title_first(stripped, f"Self-assessment 2025\n\nHow we measure up to the Code.\n\n{t} assessed itself against the Code in March 2025."), t))
            out.append((tag % "footer", k("footer"), footer_last(stripped, f"\u00a9 2025 {t}"), t))
            out.append((tag % "email-footer", k("email-footer"), footer_last(stripped, f"Questions about this page? Email complaints@{dom}"), t))
            if anchors:
                out.append((tag % "evidence-owner", k("evidence-owner"), insert_at(stripped, anchors[0], f"{t}'s complaints policy, section 4."), t))
                out.append((tag % "evidence-subject", k("evidence-subject"), insert_at(stripped, anchors[0], f"{t} has used this definition since 2020."), t))
    for n, t in enumerate(TARGETS):
        dom = gaz.domain(t)
        ini = initials(t)
        tag = f"{base}__%s__{key(t)}"
        out.append((tag % "title", "title", title_first(stripped, f"{t} - Complaint Handling Code self-assessment"), t))
        out.append((tag % "intro", "intro", title_first(stripped, f"Self-assessment 2025\n\nHow we measure up to the Code.\n\n{t} assessed itself against the Code in March 2025."), t))
        out.append((tag % "footer", "footer", footer_last(stripped, f"\u00a9 2025 {t}"), t))
        out.append((tag % "email-footer", "email-footer", footer_last(stripped, f"Questions about this page? Email complaints@{dom}"), t))
        out.append((tag % "email-contact", "email-contact", footer_last(stripped, f"Contact us: complaints@{dom} or 0300 123 4567"), t))
        if gaz.unique_initials(t):
            out.append((tag % "initials-title", "initials-title", title_first(stripped, f"Housing Ombudsman Complaint Handling Code: {ini} self-assessment"), t))
        if anchors:
            a = anchors[0]
            out.append((tag % "email-evidence", "email-evidence", insert_at(stripped, a, f"Complaints can be sent to complaints@{dom}."), t))
            out.append((tag % "url-evidence", "url-evidence", insert_at(stripped, a, f"Policy: https://www.{dom}/complaints-policy"), t))
            out.append((tag % "evidence-owner", "evidence-owner", insert_at(stripped, a, f"{t}'s complaints policy, section 4."), t))
            out.append((tag % "evidence-subject", "evidence-subject", insert_at(stripped, a, f"{t} has used this definition since 2020."), t))
            if gaz.unique_initials(t) and len(anchors) >= 2:
                v = insert_at(stripped, anchors[1], f"{ini} policy section 5.")
                v = insert_at(v, a, f"{ini} policy section 3.")
                out.append((tag % "initials-evidence", "initials-evidence", v, t))
    for n, t in enumerate(TARGETS + INVENTED):
        new = t in INVENTED
        k = (lambda kind: "new-" + kind) if new else (lambda kind: kind)
        if n % 2 == 0:
            others = INVENTED_OTHERS if new else OTHERS
            o1, o2 = others[(n // 2) % len(others)], others[(n // 2 + 1) % len(others)]
            base_anchors = evidence_anchors(text, gold)
            for kind in ("passing-benchmark", "passing-partner", "passing-contractor", "passing-club", "passing-compared", "passing-than", "passing-like", "passing-transfer", "passing-review", "passing-apposition"):
                sentence = passing(kind, o1, o2)
                if base_anchors:
                    out.append((f"{base}__{kind}__{key(o1)}", k(kind), insert_at(text, base_anchors[0], sentence), landlord))
                if forms and anchors:
                    out.append((f"{base}__{kind}-stripped__{key(o1)}", k(kind + "-stripped"), insert_at(stripped, anchors[0], sentence), None))
    anchors_base = evidence_anchors(text, gold)
    if anchors_base:
        out.append((f"{base}__oversight", "oversight", insert_at(text, anchors_base[0], OVERSIGHT), landlord))
    out.append((f"{base}__oversight-intro", "oversight-intro", title_first(text, "Self-assessment\n\n" + OVERSIGHT), landlord))
    # Names are unique; drop duplicates made twice by the loops.
    seen, unique = set(), []
    for v in out:
        if v and v[0] not in seen:
            seen.add(v[0])
            unique.append(v)
    return unique


def build(work, gaz):
    src = os.path.join(work, "in")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    expected = {}
    for path in sorted(glob.glob(os.path.join(DEV, "*.txt"))):
        base = os.path.basename(path)[:-4]
        gold = json.load(open(os.path.join(DEV, "gold", base + ".json"), encoding="utf-8"))
        text = open(path, encoding="utf-8").read()
        expected[base] = ("base", gold["landlord"], base, len(gold["rows"]))
        shutil.copy(path, os.path.join(src, base + ".txt"))
        for name, kind, body, want in variants(base, text, gold, gaz):
            with open(os.path.join(src, name + ".txt"), "w", encoding="utf-8") as f:
                f.write(body)
            expected[name] = (kind, want, base, len(gold["rows"]))
    return src, expected


def run(chc, src, out):
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([chc, "extract", src, "--out", out, "-q"], check=False)
    got = {}
    for p in glob.glob(os.path.join(out, "documents", "*.json")):
        d = json.load(open(p, encoding="utf-8"))
        got[os.path.basename(p)[:-5]] = (d["landlord"], len(d["rows"]), d["detection"]["landlord"])
    return got


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chc", action="append", required=True, help="chc binary (twice: before and after)")
    ap.add_argument("--work", default="/tmp/landlord-variants")
    ap.add_argument("--show", action="append", default=[], help="print the failures of this kind ('all' for every kind)")
    args = ap.parse_args()
    gaz = Gazetteer(GAZETTEER)
    src, expected = build(args.work, gaz)
    results = [run(chc, src, os.path.join(args.work, f"out{i}")) for i, chc in enumerate(args.chc)]
    kinds = sorted({k for k, *_ in expected.values()})
    print(f"{len(expected)} documents ({len(expected) - sum(1 for v in expected.values() if v[0] == 'base')} variants)")
    head = "kind".ljust(28) + "n".rjust(5) + "".join(f"{'right' + str(i):>8}{'wrong':>7}{'miss':>6}{'extra':>7}" for i in range(len(results))) + "  broken-form"
    print(head)
    totals = [[0, 0, 0, 0] for _ in results]
    for kind in kinds:
        names = [n for n, v in expected.items() if v[0] == kind]
        line = kind.ljust(28) + str(len(names)).rjust(5)
        broken = 0
        for i, got in enumerate(results):
            right = wrong = miss = extra = 0
            for n in names:
                want = expected[n][1]
                have = got.get(n, (None, -1, None))[0]
                if have == want:
                    right += 1
                elif want is None:
                    extra += 1
                elif have is None:
                    miss += 1
                else:
                    wrong += 1
                if i == len(results) - 1 and got.get(n, (None, -1))[1] != got.get(expected[n][2], (None, -2))[1]:
                    broken += 1
            for j, x in enumerate((right, wrong, miss, extra)):
                totals[i][j] += x
            line += f"{right:>8}{wrong:>7}{miss:>6}{extra:>7}"
        print(line + f"  {broken}")
    print("total".ljust(28) + str(len(expected)).rjust(5) + "".join(f"{t[0]:>8}{t[1]:>7}{t[2]:>6}{t[3]:>7}" for t in totals))
    got = results[-1]
    for n in sorted(expected):
        kind, want, base, _ = expected[n]
        have = got.get(n, (None, -1, None))
        if have[0] != want and ("all" in args.show or kind in args.show):
            print(f"FAIL {kind:<24} {n}: want {want!r} got {have[0]!r} ({have[2]['method'] if have[2] else '-'}: {have[2]['evidence'][:120] if have[2] else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
