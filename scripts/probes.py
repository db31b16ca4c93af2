#!/usr/bin/env python3
"""Metamorphic probes of generality on the dev half of fixtures/real (issue 17).

Each probe rewrites the dev fixtures (never the test half) in one way a real page differs
from them, knows what the tool must then answer, runs `chc extract` once on every variant and
prints how many it got right, per kind of rewrite. They test mechanisms, not examples: every
probe draws its names from the gazetteer at random (seeded) or from invented landlords.

    python3 scripts/probes.py --chc target/release/chc [--work /tmp/probes] [PROBE ...] [--show]

Probes (all by default):
  passing     another body named in a cell ("passed to X", "run by X", "tenants of X"):
              the landlord stays unnamed; the publisher named in its own voice ("At X, ...",
              "X accepts ...", "all X staff"): X. Sentences alternate between a tuning and a
              held-out list (even/odd); both are printed.
  places      a gazetteer landlord named in one place: title (plain, capitals, "... | X"),
              cookie notice, introduction, heading, footers (registered society, office,
              copyright, rights, menu links).
  footers     a page that starts mid-table (first gold row cut off) and ends with one footer
              style (copyright, address, e-mail, registered society, feedback widget then
              the name, a menu line), gazetteer and invented landlords.
  short       unique initials or stems named once in a cell: as the cell's own ("LHP policy
              4.2"): the landlord; in passing: none.
  spellings   gazetteer names as pages spell them: "&" <-> "and", "St.", hyphens as spaces,
              curly apostrophes, "Ltd" added.
  hosts       a landlord named only by an e-mail address whose host spells its name in full,
              without kind words, with another kind ending, hyphenated or by initials.
  joint       two councils with one shared service named as one (expected "A and B"), and
              single forms naming two councils together in passing.
  answers     pipe forms' "Yes"/"No" cells in other vocabularies: comply unchanged.
  questions   2020 questionnaires with every "?" removed: rows, comply and version unchanged.
  fragments   windows of 2, 3 or 5 gold rows cut out of each dev form (a page that starts
              inside the table, without title or header): those rows, with their answers.

The variants are written under --work, never into the repository. Stdlib only.
"""

import argparse
import csv
import glob
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("landlord_variants", os.path.join(ROOT, "scripts", "landlord-variants.py"))
lv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lv)

INVENTED = ["Wrenfold Homes", "Kestrelby Housing Trust", "Marrowvale District Council", "Thornwick Community Housing"]


def dev_bases(step=1, strip=True):
    """(name, text, gold) of every `step`th dev fixture, its landlord's names removed."""
    out = []
    for path in sorted(glob.glob(os.path.join(lv.DEV, "*.txt")))[::step]:
        base = os.path.basename(path)[:-4]
        gold = json.load(open(os.path.join(lv.DEV, "gold", base + ".json"), encoding="utf-8"))
        text = open(path, encoding="utf-8").read()
        if strip and gold["landlord"]:
            text = lv.strip(text, lv.Forms(text, gold["landlord"]))
        out.append((base, text, gold))
    return out


def top(text, line):
    return line + "\n\n" + text


def bottom(text, line):
    return text.rstrip("\n") + "\n\n" + line + "\n"


def gazetteer_sample(n, seed, kinds=None):
    rows = [r for r in csv.DictReader(open(lv.GAZETTEER, encoding="utf-8")) if kinds is None or r["kind"] in kinds]
    return random.Random(seed).sample(rows, n)


# ---------------------------------------------------------------------------------------
# Each probe yields (variant name, kind, text, check) where check(document) -> bool.

def landlord_is(want):
    return lambda d: d is not None and d["landlord"] == want


PASSING = [
    "Complaints about adult social care are passed to {o}.", "Residents are signposted to {o} for advice on homelessness.",
    "Our out-of-hours repairs line is run by {o}.", "The policy was shared with {o} as part of our joint service.",
    "Stage 2 reviews are carried out jointly with {o}.", "The approach mirrors the one used by {o}.",
    "Training was delivered by staff seconded from {o}.", "Complaints about highways should go to {o}.",
    "Lettings are made through the choice-based scheme run by {o}.", "The policy was peer reviewed by {o} in 2023.",
    "Complaints about planning go to {o}'s planning team.", "In 2023 we compared our process with {o}.",
    "Gas servicing complaints are handled by our contractor {o} under the same policy.", "We shared good practice at a regional forum hosted by {o}.",
    "Tenants of {o} living on our estates should contact their own landlord.", "Where a complaint concerns {o}, we pass it on within five working days.",
    "Mediation is provided by {o} at no cost to residents.", "The new system was also adopted by {o} last year.",
    "Our complaints lead previously worked at {o}.", "A joint complaint with {o} gets one combined response.",
    "Complaints about council tax are dealt with by {o}.", "Our stage 1 letter template was adapted from one by {o}.",
    "The scrutiny panel visited {o} to see how they handle complaints.", "Residents in shared blocks may also complain to {o}, which owns the freehold.",
]
OWN_VOICE = [
    "At {t}, every complaint is logged on our case system.", "{t} accepts complaints made through a representative.",
    "The policy of {t} defines a complaint in section 2.", "All {t} staff complete complaint handling training.",
    "Complaints made to {t} are acknowledged within five working days.", "We at {t} publish this page every year.",
    "This definition is used across {t}.", "Board members of {t} review this self-assessment.",
    "{t} complaints policy, section 3.", "{t} does not charge residents for making a complaint.",
    "Every {t} resident can complain in person, by phone or online.", "As {t}, we aim to resolve complaints at the first point of contact.",
    "{t} Complaints Policy 2024 (page 4).", "The {t} Board approved the policy in May 2024.",
    "{t} records every expression of dissatisfaction.", "Our complaints team at {t} can be reached by phone or online.",
]
OTHERS = ["Norfolk County Council", "Mears Group", "Clarion Housing Group", "Broadland District Council", "Peabody Trust",
          "Leeds City Council", "Onward Homes", "Devon County Council", "Sanctuary Housing", "Kent County Council"]
TARGETS = ["Stevenage Borough Council", "Karbon Homes", "Grand Union Housing Group", "London Borough of Hackney",
           "Salix Homes", "Places for People", "Cornwall Council", "Orbit Group"]


def probe_passing():
    for base, text, gold in dev_bases():
        anchors = lv.evidence_anchors(text, gold)
        if not anchors:
            continue
        for i, s in enumerate(PASSING):
            half = "tune" if i % 2 == 0 else "holdout"
            yield f"{base}__neg{i}", f"passing-{half}", lv.insert_at(text, anchors[0], s.format(o=OTHERS[(i + len(base)) % len(OTHERS)])), landlord_is(None)
        for i, s in enumerate(OWN_VOICE):
            half = "tune" if i % 2 == 0 else "holdout"
            t = TARGETS[(i + len(base)) % len(TARGETS)]
            yield f"{base}__pos{i}", f"own-voice-{half}", lv.insert_at(text, anchors[0], s.format(t=t)), landlord_is(t)


PLACES = {
    "title-plain": lambda t, n: top(t, f"{n} Complaint Handling Code Self-Assessment 2024/25"),
    "title-upper": lambda t, n: top(t, f"{n.upper()} - SELF-ASSESSMENT AGAINST THE COMPLAINT HANDLING CODE"),
    "title-pipe": lambda t, n: top(t, f"Complaint handling self-assessment | {n}"),
    "cookie": lambda t, n: top(t, f"{n} uses cookies to make this website work. Accept all cookies\nSkip to main content\n\nSelf-assessment 2025"),
    "intro": lambda t, n: top(t, f"Self-assessment 2025\n\nThe table below sets out how {n} meets each part of the Code."),
    "heading-policy": lambda t, n: top(t, f"Self-assessment\n\n{n} complaints policy and the Code"),
    "footer-registered": lambda t, n: bottom(t, f"{n} Limited is a registered society under the Co-operative and Community Benefit Societies Act 2014."),
    "footer-office": lambda t, n: bottom(t, f"Registered office: {n}, 1 High Street"),
    "footer-copyright": lambda t, n: bottom(t, f"Copyright {n} 2025"),
    "footer-rights": lambda t, n: bottom(t, f"\u00a9 {n} Ltd 2025. All rights reserved."),
    "footer-links": lambda t, n: bottom(t, f"Privacy notice\nAccessibility statement\nContact {n}\nSitemap"),
}


def probe_places():
    bases = dev_bases(step=5)
    for i, r in enumerate(gazetteer_sample(120, 29)):
        base, text, _ = bases[i % len(bases)]
        for kind, place in PLACES.items():
            yield f"{base}__{kind}__{i}", kind, place(text, r["name"]), landlord_is(r["name"])


def host_of(name):
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("the ", "")) + (".gov.uk" if name.endswith("Council") else ".org.uk")


FOOTERS = {
    "copyright": lambda n: f"\u00a9 Copyright {n} 2024",
    "address": lambda n: f"{n}, Town Hall, High Street, Anytown AB1 2CD",
    "email": lambda n: f"Telephone: 01234 567890 | Email: customer.services@{host_of(n)}",
    "registered-society": lambda n: f"{n} is a charitable Registered Society under the Co-operative and Community Benefit Societies Act 2014.",
    "follow-then-copyright": lambda n: f"Follow us\nFacebook\nTwitter\n\n\u00a9 2024 {n} Limited. Registered in England.",
    "name-under-widget": lambda n: f"Was this page useful? Yes No\n\n{n}\nContact us\nCookies",
    "reviewed-then-name": lambda n: f"Page last reviewed: 3 June 2024\n\n{n}\n\nAll rights reserved",
    "menu-line": lambda n: f"Home | About {n} | News | Contact",
}


def mid_table(text, gold):
    """The text from the second gold row on: no title, no header, no first row."""
    if len(gold["rows"]) < 3:
        return None
    row = gold["rows"][1]
    at = text.find(row["requirement"].split("\n")[0][:40])
    if at < 0:
        return None
    start = text.rfind("\n", 0, at) + 1
    above = text.rfind("\n", 0, max(start - 1, 0)) + 1
    if row.get("provision") and text[above:start].strip().rstrip(".") == row["provision"]:
        start = above
    return text[start:]


def probe_footers():
    bases = [(b, mid_table(t, g)) for b, t, g in dev_bases(step=3)]
    bases = [(b, t) for b, t in bases if t]
    names = [r["name"] for r in gazetteer_sample(40, 41)] + INVENTED
    k = 0
    for n in names:
        for kind, footer in FOOTERS.items():
            base, text = bases[k % len(bases)]
            k += 1
            yield f"{base}__{kind}__{k}", kind, bottom(text, footer(n)), landlord_is(n)


def probe_short():
    gaz = lv.Gazetteer(lv.GAZETTEER)
    names = [r["name"] for r in gazetteer_sample(400, 5)]
    forms = []
    for n in names:
        if len(lv.initials(n)) >= 3 and gaz.unique_initials(n):
            forms.append(("initials", n, lv.initials(n)))
        s = lv.stem(n)
        if s and s != n and len(s) >= 5 and " " in s and gaz.unique_stem(n):
            forms.append(("stem", n, s))
    bases = [(b, t, lv.evidence_anchors(t, g)) for b, t, g in dev_bases(step=4)]
    bases = [(b, t, a[0]) for b, t, a in bases if a]
    own = ["{s} complaints policy, section 3.", "{s} policy 4.2 sets this out.", "{s} has used this definition since 2021.", "At {s}, every complaint is logged."]
    passing = ["Complaints about shared blocks are passed to {s}.", "Our contractor also works for {s}."]
    for i, (form, name, short) in enumerate(forms[:120]):
        base, text, at = bases[i % len(bases)]
        for j, s in enumerate(own):
            yield f"{base}__{form}-own{j}__{i}", f"{form}-own", lv.insert_at(text, at, s.format(s=short)), landlord_is(name)
        for j, s in enumerate(passing):
            yield f"{base}__{form}-passing{j}__{i}", f"{form}-passing", lv.insert_at(text, at, s.format(s=short)), landlord_is(None)


def spellings(name):
    if " & " in name:
        yield "ampersand-as-and", name.replace(" & ", " and ")
    if " and " in name:
        yield "and-as-ampersand", name.replace(" and ", " & ")
    if re.search(r"\bSt ", name):
        yield "st-with-stop", re.sub(r"\bSt ", "St. ", name)
    if "'" in name:
        yield "curly-apostrophe", name.replace("'", "\u2019")
    if "-" in name and "Co-operative" not in name:
        yield "hyphen-as-space", name.replace("-", " ")
    if name.endswith(("Homes", "Housing", "Group", "Association", "Trust")):
        yield "ltd-added", name + " Ltd"


def probe_spellings():
    bases = dev_bases(step=6)
    i = 0
    for r in csv.DictReader(open(lv.GAZETTEER, encoding="utf-8")):
        for kind, written in spellings(r["name"]):
            base, text, _ = bases[i % len(bases)]
            i += 1
            yield f"{base}__{kind}__{i}", kind, top(text, f"{written}: Complaint Handling Code self-assessment 2025"), landlord_is(r["name"])


def host_forms(name):
    s = lv.stem(name)
    plain = name[4:] if name.startswith("The ") else name
    out = {"full": lv.key(plain), "stem": lv.key(s), "hyphenated": "-".join(re.sub(r"[^a-z0-9 ]", "", plain.lower()).split())}
    if len(lv.initials(name)) >= 3:
        out["initials"] = lv.initials(name).lower()
    if "Housing" in name.split() and "Housing" not in s.split():
        out["stem-housing"] = lv.key(s) + "housing"
    return out


def probe_hosts():
    bases = dev_bases(step=6)
    for i, r in enumerate(gazetteer_sample(150, 17, kinds={"housing_association", "almo"})):
        base, text, _ = bases[i % len(bases)]
        for form, label in host_forms(r["name"]).items():
            yield f"{base}__{form}__{i}", form, bottom(text, f"Questions about this page? Email feedback@{label}.org.uk"), landlord_is(r["name"])


JOINT = [
    ("Adur & Worthing Councils", "Adur District Council and Worthing Borough Council"),
    ("Babergh and Mid Suffolk District Councils", "Babergh District Council and Mid Suffolk District Council"),
    ("South Hams District Council and West Devon Borough Council", "South Hams District Council and West Devon Borough Council"),
    ("Richmond and Wandsworth Councils", "London Borough of Richmond upon Thames and London Borough of Wandsworth"),
    ("South Norfolk and Broadland", "South Norfolk Council and Broadland District Council"),
]


def probe_joint():
    for base, text, gold in dev_bases(step=4):
        for i, (written, want) in enumerate(JOINT):
            yield f"{base}__title{i}", "joint-title", top(text, f"{written}: Complaint Handling Code self-assessment 2025"), landlord_is(want)
            yield f"{base}__intro{i}", "joint-intro", top(text, f"Self-assessment 2025\n\nThis is the joint self-assessment of {written}, who share one housing service."), landlord_is(want)
            yield f"{base}__footer{i}", "joint-footer", bottom(text, f"\u00a9 2025 {written}"), landlord_is(want)
        yield f"{base}__work-with", "together-in-passing", top(text, "Karbon Homes: Complaint Handling Code self-assessment 2025\n\nWe work with Newcastle City Council and Gateshead Council on joint complaints."), landlord_is("Karbon Homes")
        anchors = lv.evidence_anchors(text, gold)
        if anchors:
            yield f"{base}__about", "together-in-passing", lv.insert_at(text, anchors[0], "Complaints about Norfolk County Council and Suffolk County Council services go to them directly."), landlord_is(None)


YES = ["Yes.", "YES", "Y", "Compliant", "Fully compliant", "Met", "\u2713", "\u2714 Yes", "\u2705", "Yes - fully", "Complies", "Achieved", "In place", "Yes (compliant)", "Compliance: Yes"]
NO = ["No.", "NO", "N", "Not compliant", "Non-compliant", "Not met", "\u2717", "\u2718 No", "\u274c", "No - see action plan", "Does not comply", "Not achieved", "Not in place", "No (action planned)", "Compliance: No"]


def comply_kept(gold):
    want = {r["provision"]: r["comply"] for r in gold["rows"] if r["comply_raw"] in ("Yes", "No")}
    return lambda d: d is not None and all({r["provision"]: r["comply"] for r in d["rows"]}.get(p) == c for p, c in want.items())


def probe_answers():
    for base, text, gold in dev_bases(strip=False):
        if text.count("| Yes |") + text.count("| No |") < 2:
            continue
        for i, (yes, no) in enumerate(zip(YES, NO)):
            yield f"{base}__v{i}", f"{yes} / {no}", text.replace("| Yes |", f"| {yes} |").replace("| No |", f"| {no} |"), comply_kept(gold)


def probe_questions():
    for base, text, gold in dev_bases(strip=False):
        if gold["code_version"] != "2020":
            continue
        rows = {r["provision"]: r["comply"] for r in gold["rows"]}

        def same(d, rows=rows):
            return d is not None and d["code_version"] == "2020" and {r["provision"]: r["comply"] for r in d["rows"] if r["provision"] in rows} == rows

        yield f"{base}__no-question-marks", "2020-without-question-marks", text.replace("?", ""), same


def row_start(text, row, after):
    """Where a gold row starts in its form's text (its printed number's line if that is
    just above), searching from `after`; None if not found."""
    at = text.find(row["requirement"].split("\n")[0][:40], after) if row["requirement"] else -1
    if at < 0:
        return None
    start = text.rfind("\n", 0, at) + 1
    for _ in range(2):
        above = text.rfind("\n", 0, max(start - 1, 0)) + 1
        if row.get("number_in_source") and text[above:start].strip().rstrip(".") == row["provision"]:
            return above
        if text[above:start].strip():
            break
        start = above
    return text.rfind("\n", 0, at) + 1


def probe_fragments():
    for base, text, gold in dev_bases(strip=False):
        starts, after = [], 0
        for r in gold["rows"]:
            at = row_start(text, r, after)
            starts.append(at)
            after = at + 1 if at is not None else after
        for k in (2, 3, 5):
            for s in range(1, len(starts) - 1, k):
                a, b = starts[s], starts[s + k] if s + k < len(starts) else len(text)
                if a is None or b is None or b <= a:
                    continue
                want = {r["provision"]: r["comply"] for r in gold["rows"][s:s + k]}
                check = lambda d, want=want: d is not None and all({r["provision"]: r["comply"] for r in d["rows"]}.get(p) == c for p, c in want.items())
                yield f"{base}__{k}-rows-from-{s}", f"{k} rows", text[a:b], check


PROBES = {"passing": probe_passing, "places": probe_places, "footers": probe_footers, "short": probe_short, "spellings": probe_spellings,
          "hosts": probe_hosts, "joint": probe_joint, "answers": probe_answers, "questions": probe_questions, "fragments": probe_fragments}


def run(chc, work, probe, show):
    src, out = os.path.join(work, probe, "in"), os.path.join(work, probe, "out")
    shutil.rmtree(os.path.join(work, probe), ignore_errors=True)
    os.makedirs(src)
    checks = {}
    for name, kind, text, check in PROBES[probe]():
        name = re.sub(r"[^A-Za-z0-9_.-]", "-", name)
        with open(os.path.join(src, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        checks[name] = (kind, check)
    subprocess.run([chc, "extract", src, "--out", out, "-q"], stderr=subprocess.DEVNULL, check=False)
    tally = defaultdict(lambda: [0, 0])
    failures = []
    for name, (kind, check) in checks.items():
        path = os.path.join(out, "documents", name + ".json")
        doc = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else None
        ok = check(doc)
        tally[kind][0] += ok
        tally[kind][1] += 1
        if not ok:
            failures.append((kind, name, doc["landlord"] if doc else "(refused)"))
    right, total = sum(t[0] for t in tally.values()), sum(t[1] for t in tally.values())
    print(f"{probe}: {right}/{total} right")
    for kind, (ok, n) in sorted(tally.items()):
        print(f"  {kind:32} {ok:5}/{n}")
    if show:
        for f in failures:
            print("  FAIL", *f)
    return right, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chc", required=True)
    ap.add_argument("--work", default="/tmp/chc-probes")
    ap.add_argument("--show", action="store_true", help="list the variants each probe got wrong")
    ap.add_argument("probes", nargs="*", choices=[[]] + list(PROBES), default=[])
    args = ap.parse_args()
    for probe in args.probes or list(PROBES):
        run(args.chc, args.work, probe, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
