#!/usr/bin/env python3
"""Build fixtures/real/: re-creations of real published self-assessment forms and their variants.

    scripts/make-real-fixtures.py build     # write fixtures/real/{dev,test}/*.txt and gold/*.json
    scripts/make-real-fixtures.py check     # verify gold against the facts, and files on disk
                                            # against a fresh rendering (exit 1 on any difference)
    scripts/make-real-fixtures.py coverage  # issue 17's layouts per half (real forms, variants)
    scripts/make-real-fixtures.py list [--markdown]   # one line per fixture: half, layout, landlord

Inputs (all in the repository, stdlib only, deterministic):
  fixtures/real/facts/<id>.json   one file per real form: "facts" (what the real page shows:
                                  source address, landlord, version, date, the provisions
                                  visible with their comply values and answer words, the
                                  layout) and "recreation" (how our fixture reproduces that
                                  layout: its line structure as templates, chrome and titles
                                  written by us, rows with their printed numbers and answers)
  fixtures/real/variants.json     synthetic variants: another invented landlord, other
                                  chrome, another answer vocabulary, other evidence, applied
                                  to a real form's recreation (same layout mechanism)
  fixtures/real/phrases.json      our own phrase bank: evidence and commentary sentences,
                                  intro paragraphs, chrome lines
  crates/chc-code/data/registry.json   the Code's wording (requirements)
  /work/notes is NOT read: nothing third-party goes into the output.

Row templates. A recreation's rows are rendered through a template string, e.g.
"{num}{req}{ans}{ev}" for cells run together, "{num}\n\n{req}\n\n{ans}\n\n{ev}" for one cell
per line, "| {num} | {req} | {ans} | {ev} | {comm} |" for pipes, or labelled records
"Code provision {num}\n\nRequirement\n\n{req}\n\nDo we comply?\n\n{ans}\n\n...". The gold row
is built from the same field values, so the gold always agrees with the fixture.

Split: a form's half is fixed once by the first byte of sha256 of its source address (the URL
exactly as stored, scheme included): even -> dev, odd -> test. Variants follow their base form.
"""

import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.path.join(ROOT, "fixtures", "real")
FACTS = os.path.join(REAL, "facts")
REGISTRY = os.path.join(ROOT, "crates", "chc-code", "data", "registry.json")

COMPLY_WORDS = {
    # answer as printed (lower-cased, trailing full stop dropped) -> normalised comply
    "yes": "yes", "y": "yes", "yes we comply": "yes", "met": "yes", "fully met": "yes",
    "fully compliant": "yes", "compliant": "yes", "✓": "yes", "✓ compliant": "yes", "✔": "yes",
    "no": "no", "n": "no", "not met": "no", "non-compliant": "no", "not compliant": "no", "✗": "no",
    "✗ not compliant": "no",
    "partial": "partial", "partially": "partial", "partially met": "partial",
    "partially compliant": "partial", "part": "partial",
    "not applicable": "not_applicable", "n/a": "not_applicable",
    "": "unknown",
}


def comply_of(raw):
    key = raw.strip().lower().rstrip(".").strip()
    if key not in COMPLY_WORDS:
        raise ValueError(f"answer {raw!r} is not in the answer vocabulary")
    return COMPLY_WORDS[key]


def half_of(url):
    return "dev" if hashlib.sha256(url.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def pick(seq, *keys):
    """Deterministic choice from seq keyed by strings."""
    h = hashlib.sha256("\x1f".join(keys).encode("utf-8")).digest()
    return seq[int.from_bytes(h[:4], "big") % len(seq)]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Registry:
    def __init__(self):
        self.by_key = {}
        for p in load_json(REGISTRY)["provisions"]:
            self.by_key[(p["version"], p["number"])] = p

    def text(self, version, number):
        return self.by_key[(version, number)]["text"]

    def kind(self, version, number):
        return self.by_key[(version, number)]["kind"]


def to_curly(s):
    """Straight quotes to the curly ones web pages show (our gold keeps them straight)."""
    s = re.sub(r"(^|[\s(:/-])'", lambda m: m.group(1) + "\u2018", s)
    s = s.replace("'", "\u2019")
    s = re.sub(r'(^|[\s(:/-])"', lambda m: m.group(1) + "\u201c", s)
    s = s.replace('"', "\u201d")
    return s


def straight(s):
    return (s.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"'))


class Phrases:
    def __init__(self, data):
        self.d = data

    def evidence(self, version, section, form, prov, comply):
        bank = self.d["evidence"]
        key = f"{version}:{section}"
        if comply in ("no", "partial"):
            return pick(self.d["gap_evidence"], form, prov, "gap-ev")
        return pick(bank.get(key) or bank["any"], form, prov, "ev")

    def commentary(self, version, section, form, prov, comply):
        if comply in ("no", "partial"):
            return pick(self.d["gap_commentary"], form, prov, "gap-comm")
        bank = self.d["commentary"]
        return pick(bank.get(f"{version}:{section}") or bank["any"], form, prov, "comm")


def requirement_paragraphs(reg, version, number, mode, custom):
    """The requirement cell as the form prints it, as a list of paragraphs (lines)."""
    if custom is not None:
        return list(custom) if isinstance(custom, list) else custom.split("\n")
    if version == "2020":
        raise ValueError("2020 rows need their question text given in the recreation")
    text = reg.text(version, number)
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    # A stray provision number left inside a quotation by the registry build (e.g. "expect
    # 2.2 to receive") is not part of the Code's wording.
    paras = [re.sub(r"\s(\d\.\d{1,2})\s(?=[a-z])", " ", p) for p in paras]
    if mode == "first":  # only the lead-in line ("A complaint must be defined as:")
        return paras[:1]
    if mode == "joined":  # everything on one line
        return [" ".join(paras)]
    if mode == "ellipsis":  # "… if further enquiries" (2022 1.6 printed as on the form)
        paras[0] = re.sub(r"^\.\.\.\s*", "\u2026 ", paras[0])
        return paras
    if mode == "older-definition":  # a 2024 form quoting the 2020/2022 definition of a complaint
        return [reg.text("2022", "1.2").split(": ", 1)[0] + ":",
                reg.text("2022", "1.2").split(": ", 1)[1]]
    if mode == "split-definition":  # "A complaint must be defined as:" / the quotation
        if len(paras) == 1 and ": '" in paras[0]:
            a, b = paras[0].split(": ", 1)
            return [a + ":", b]
        return paras
    if mode == "full":
        return paras
    raise ValueError(f"unknown requirement mode {mode}")


def fmt_paras(paras, sep, bullet):
    out = []
    for p in paras:
        if p.startswith("• "):
            p = bullet + p[2:] if bullet is not None else p
        out.append(p)
    return sep.join(out)


def gold_text(paras):
    """Gold text: one line per paragraph, list items as '• ' lines, straight quotes."""
    lines = []
    for p in paras:
        p = straight(p).strip()
        p = re.sub(r"^(?:-|•)\s+", "• ", p)
        p = re.sub(r"[ \t]+", " ", p)
        if p:
            lines.append(p)
    return "\n".join(lines)


def as_list(v):
    if v is None:
        return []
    if isinstance(v, list):
        return v
    return [p for p in v.split("\n")]


class Renderer:
    def __init__(self, reg, phrases):
        self.reg = reg
        self.ph = phrases

    def render(self, form_id, facts, rec, subst):
        """Return (text, gold) for one recreation. subst carries a variant's changes."""
        version = facts["code_version"]
        curly = rec.get("curly", True)
        answers = subst.get("answers", {})
        seed = subst.get("seed", form_id)
        row_tpl = rec["row_tpl"]
        req_sep = rec.get("req_sep", "\n")
        ev_sep = rec.get("ev_sep", "\n")
        comm_sep = rec.get("comm_sep", ev_sep)
        bullet = rec.get("bullet", "• ")
        gold_rows = []
        parts = []  # (text, glue to the next part)
        default_glue = rec.get("join", "\n")
        for item in self.items(rec, subst):
            if isinstance(item, str):
                parts.append((self.fill(item, rec, subst), default_glue))
                continue
            if "text" in item:  # a literal line that runs into the next part
                parts.append((self.fill(item["text"], rec, subst), item.get("glue", default_glue)))
                continue
            r = item
            prov = r["p"]
            section = prov.split(".")[0].replace("2020-", "")
            number = prov.replace("2020-", "")
            comply_fact = r["comply"]
            raw = r.get("ans", "")
            if subst.get("answers") is not None and raw != "" and not r.get("keep_ans"):
                raw = self.reanswer(raw, comply_fact, answers)
            if raw == "" and comply_fact != "unknown":
                raise ValueError(f"{form_id} {prov}: comply {comply_fact} but no answer printed")
            comply = comply_of(raw)
            if comply != comply_fact:
                raise ValueError(f"{form_id} {prov}: answer {raw!r} reads {comply}, facts say {comply_fact}")
            req_paras = requirement_paragraphs(self.reg, version, number, r.get("req_mode", rec.get("req_mode", "full")), r.get("req"))
            tpl = r.get("tpl", row_tpl)
            # A cell the template does not print is empty in the gold too.
            ev_paras = self.cell(r, "ev", version, section, seed, prov, comply) if "{ev}" in tpl else []
            comm_paras = self.cell(r, "comm", version, section, seed, prov, comply) if "{comm}" in tpl else []
            req_paras = [self.fill(x, rec, subst) for x in req_paras]
            ev_paras = [self.fill(x, rec, subst) for x in ev_paras]
            comm_paras = [self.fill(x, rec, subst) for x in comm_paras]
            num = r.get("num", "")
            fields = {
                "num": num,
                "req": fmt_paras(req_paras, r.get("req_sep", req_sep), r.get("bullet", bullet)),
                "ans": raw,
                "ev": fmt_paras(ev_paras, r.get("ev_sep", ev_sep), r.get("bullet", bullet)),
                "comm": fmt_paras(comm_paras, r.get("comm_sep", comm_sep), r.get("bullet", bullet)),
            }
            text = self.fill(tpl.format(**fields), rec, subst)
            parts.append((text, r.get("glue", default_glue)))
            kind = None if version == "2020" else ("must" if version == "2024" else self.reg.kind(version, number))
            gold_rows.append({
                "provision": number,
                "number_in_source": bool(num.strip()),
                "requirement_kind": kind,
                "requirement": gold_text(req_paras),
                "comply": comply,
                "comply_raw": straight(raw).strip(),
                "evidence": gold_text(ev_paras) if not rec.get("merged_evidence") else gold_text(ev_paras + comm_paras),
                "commentary": "" if rec.get("merged_evidence") else gold_text(comm_paras),
                "rag": None,
            })
        text = "".join(t + (g if i + 1 < len(parts) else "") for i, (t, g) in enumerate(parts))
        if curly:
            text = to_curly(text)
        text = text.rstrip("\n") + "\n"
        gold = {
            "landlord": subst.get("landlord", facts["gold_landlord"]),
            "code_version": version,
            "document_date": subst.get("document_date", facts["date"]["document_date"]),
            "draft": False,
            "rows": gold_rows,
        }
        return text, gold

    def items(self, rec, subst):
        """The recreation's parts in order, with a variant's changes: its own chrome, the
        text before the first row dropped (a form starting mid-table), comply values changed,
        rows added after the last row."""
        chrome_before = subst.get("chrome_before", rec.get("chrome_before", []))
        chrome_after = subst.get("chrome_after", rec.get("chrome_after", []))
        body = list(rec["body"])
        rows = [i for i, x in enumerate(body) if isinstance(x, dict) and "p" in x]
        if subst.get("start_at_first_row"):
            body = body[rows[0]:]
            rows = [i - rows[0] for i in rows]
        changed = subst.get("comply", {})
        answers = subst.get("answers") or {}
        first = next((body[i] for i in rows if body[i].get("ans")), None)
        out = []
        for x in body:
            if isinstance(x, dict) and x.get("p") in changed:
                x = {k: v for k, v in x.items() if k not in ("ev", "comm")}
                x["comply"] = changed[x["p"]]
                x["ans"] = self.answer_for(x["comply"], first, answers)
                x["keep_ans"] = True
            out.append(x)
        extra = []
        for e in subst.get("extra_rows", []):
            e = dict(e)
            e.setdefault("num", e["p"].replace("2020-", "") if not e["p"].startswith("2020-") else "")
            if "ans" not in e:
                e["ans"] = self.answer_for(e["comply"], first, answers)
            e["keep_ans"] = True
            extra.append(e)
        if extra:
            last = max(i for i, x in enumerate(out) if isinstance(x, dict) and "p" in x)
            out = out[:last + 1] + extra + out[last + 1:]
        return list(chrome_before) + out + list(chrome_after)

    def answer_for(self, comply, first, answers):
        """The answer a variant prints for a comply value, in the style of the form's answers."""
        if comply == "unknown":
            return ""
        if comply in answers:
            word = answers[comply]
        else:
            word = {"yes": "Yes", "no": "No", "partial": "Partial", "not_applicable": "Not applicable"}[comply]
            if first is not None and comply_of(first["ans"]) == comply:
                return first["ans"]
        if first is not None:
            return self.reanswer(first["ans"], comply, {comply: word})
        return word

    def fill(self, s, rec, subst):
        """Placeholders «name»: «intro:KEY» from the phrase bank, others from the variables
        (the recreation's, overridden by a variant's: landlord names, dates, initials)."""
        values = dict(rec.get("vars", {}))
        values.update(subst.get("vars", {}))

        def repl(m):
            key = m.group(1)
            if key.startswith("intro:"):
                return pick(self.ph.d["intro"][key[6:]], subst.get("seed", ""), key)
            if key in values:
                return values[key]
            raise ValueError(f"no value for «{key}»")
        s = re.sub(r"\u00ab([a-z:_0-9-]+)\u00bb", repl, s)
        for old, new in subst.get("replace", []):
            s = s.replace(old, new)
        return s

    def cell(self, r, name, version, section, seed, prov, comply):
        if name in r:
            return as_list(r[name])
        style = r.get(name + "_style", "bank")
        if style == "none":
            return []
        if name == "ev":
            return [self.ph.evidence(version, section, seed, prov, comply)]
        return [self.ph.commentary(version, section, seed, prov, comply)]

    @staticmethod
    def reanswer(raw, comply, answers):
        """A variant's answer vocabulary: keep the printed shape (trailing full stop, case)."""
        word = answers.get(comply)
        if word is None:
            return raw
        if raw.endswith(".") and not word.endswith("."):
            word += "."
        if raw.isupper() and len(raw) > 1:
            word = word.upper()
        return word


def load_all():
    reg = Registry()
    phrases = Phrases(load_json(os.path.join(REAL, "phrases.json")))
    forms = {}
    for name in sorted(os.listdir(FACTS)):
        if name.endswith(".json"):
            d = load_json(os.path.join(FACTS, name))
            if d["facts"]["id"] + ".json" != name:
                raise ValueError(f"{name}: id {d['facts']['id']} does not match the file name")
            forms[d["facts"]["id"]] = d
    variants = load_json(os.path.join(REAL, "variants.json"))["variants"]
    return reg, phrases, forms, variants


def plan():
    """Every fixture: (stem, half, facts, recreation, substitutions, kind)."""
    reg, phrases, forms, variants = load_all()
    out = []
    for fid, d in forms.items():
        f, rec = d["facts"], d["recreation"]
        out.append((rec["stem"], half_of(f["source_url"]), f, rec, {"seed": fid}, "real", fid))
    for v in variants:
        base = forms[v["base"]]
        f, rec = base["facts"], dict(base["recreation"])
        if "recreation" in v:
            rec.update(v["recreation"])
        subst = {k: v[k] for k in v if k not in ("id", "base", "recreation", "note")}
        subst.setdefault("seed", v["id"])
        out.append((v["id"], half_of(f["source_url"]), f, rec, subst, "variant", v["base"]))
    return reg, phrases, out


def render_all():
    reg, phrases, items = plan()
    r = Renderer(reg, phrases)
    files = {}
    for stem, half, f, rec, subst, kind, base in items:
        text, gold = r.render(stem, f, rec, subst)
        src = f"fixtures/real/{half}/{stem}.txt"
        gold = {"source": src, **gold}
        files[os.path.join(REAL, half, stem + ".txt")] = text
        files[os.path.join(REAL, half, "gold", stem + ".json")] = json.dumps(gold, indent=2, ensure_ascii=False) + "\n"
        check_gold_against_facts(stem, kind, f, subst, gold)
    return files, items


def check_gold_against_facts(stem, kind, facts, subst, gold):
    """Rows = the visible provisions recorded in the facts, comply values = the facts'."""
    if kind == "real":
        # Facts key 2020 questions "2020-T.Q"; the gold, like the tool, numbers them "T.Q"
        # and says the version in code_version.
        want = [(r["provision"].replace("2020-", ""), r["comply"]) for r in facts["rows"]]
        got = [(r["provision"], r["comply"]) for r in gold["rows"]]
        if want != got:
            raise ValueError(f"{stem}: gold rows {got} differ from facts {want}")
        numbered = [r["provision"].replace("2020-", "") for r in facts["rows"] if r["number_printed"]]
        got_numbered = [r["provision"] for r in gold["rows"] if r["number_in_source"]]
        if numbered != got_numbered:
            raise ValueError(f"{stem}: printed numbers {got_numbered} differ from facts {numbered}")
        if gold["code_version"] != facts["code_version"]:
            raise ValueError(f"{stem}: version differs from facts")
        if gold["landlord"] != facts["gold_landlord"]:
            raise ValueError(f"{stem}: landlord differs from facts")
    for r in gold["rows"]:
        if r["comply"] != comply_of(r["comply_raw"]) and r["comply_raw"]:
            raise ValueError(f"{stem} {r['provision']}: comply_raw {r['comply_raw']!r} vs {r['comply']}")


def build():
    files, items = render_all()
    for half in ("dev", "test"):
        os.makedirs(os.path.join(REAL, half, "gold"), exist_ok=True)
    stale = set()
    for half in ("dev", "test"):
        for sub in ("", "gold"):
            d = os.path.join(REAL, half, sub)
            for name in os.listdir(d):
                p = os.path.join(d, name)
                if os.path.isfile(p) and (name.endswith(".txt") or name.endswith(".json")) and p not in files:
                    stale.add(p)
    for p in sorted(stale):
        os.remove(p)
    for p, text in sorted(files.items()):
        with open(p, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print(f"wrote {len(files)} files ({len(items)} fixtures), removed {len(stale)} stale")


def check():
    files, items = render_all()
    bad = 0
    for p, text in sorted(files.items()):
        try:
            with open(p, encoding="utf-8") as f:
                on_disk = f.read()
        except FileNotFoundError:
            on_disk = None
        if on_disk != text:
            print(f"differs from a fresh rendering: {os.path.relpath(p, ROOT)}")
            bad += 1
    print(f"checked {len(items)} fixtures against their facts; {bad} files differ")
    return 1 if bad else 0


ISSUE_LAYOUTS = [  # (name in issue 17, the layout tag a fixture shows it with)
    ("every cell on its own line", "cell-per-line"),
    ("cells run together", "run-together"),
    ("cells joined by spaces", "space-joined"),
    ("answer words other than Yes/No", "vocabulary"),
    ("rows with no printed number", "no-number"),
    ("chrome before/after the form", "chrome"),
    ("starts mid-table", "mid-table-start"),
    ("2020-Code questionnaire", "questionnaire-2020"),
    ("policy paragraph references in evidence", "policy-refs"),
    ("label/value records", "label-value"),
    ("pipe-separated", "pipe"),
    ("tab-separated", "tab-separated"),
    ("answers lost", "lost-comply"),
]


def layout_tags(f, subst, rows):
    """The layout of a fixture: its base form's primary layout and quirks, plus what a
    variant adds (tabs, chrome, a mid-table start, another answer vocabulary)."""
    tags = {f["layout"]["primary"], *f["layout"]["tags"]}
    if any("\t" in new for _, new in subst.get("replace", [])):
        tags.add("tab-separated")
    if subst.get("start_at_first_row"):
        tags.add("mid-table-start")
    if subst.get("chrome_before") or subst.get("chrome_after"):
        tags.add("chrome")
    words = {r["comply_raw"].rstrip(".").lower() for r in rows if r["comply_raw"]}
    if words - {"yes", "no"}:
        tags.add("vocabulary")
    return tags


def coverage():
    """Which of issue 17's layouts each half covers, counting real forms and variants."""
    files, items = render_all()
    table = {}
    for stem, half, f, rec, subst, kind, base in items:
        gold = json.loads(files[os.path.join(REAL, half, "gold", stem + ".json")])
        tags = layout_tags(f, subst, gold["rows"])
        for name, tag in ISSUE_LAYOUTS:
            if tag in tags:
                table.setdefault(name, {}).setdefault((half, kind), 0)
                table[name][(half, kind)] += 1
    print("| layout (issue 17) | dev real | dev variants | test real | test variants |")
    print("|---|---|---|---|---|")
    for name, _ in ISSUE_LAYOUTS:
        c = table.get(name, {})
        print(f"| {name} | {c.get(('dev', 'real'), 0)} | {c.get(('dev', 'variant'), 0)} | {c.get(('test', 'real'), 0)} | {c.get(('test', 'variant'), 0)} |")


def listing(markdown=False):
    files, items = render_all()
    if markdown:
        print("| half | fixture | real form (facts id) / variant of | landlord (gold) | Code | layout | quirks |")
        print("|---|---|---|---|---|---|---|")
    for stem, half, f, rec, subst, kind, base in sorted(items, key=lambda x: (x[1], x[5], x[0])):
        landlord = subst.get("landlord", f["gold_landlord"])
        if markdown:
            origin = f"`{base}`" if kind == "real" else f"variant of `{base}`"
            gold = json.loads(files[os.path.join(REAL, half, "gold", stem + ".json")])
            quirks = sorted(layout_tags(f, subst, gold["rows"]) - {f["layout"]["primary"]})
            print(f"| {half} | `{stem}` | {origin} | {landlord or '(not named in the text)'} | {f['code_version']} | {f['layout']['primary']} | {', '.join(quirks)} |")
        else:
            print(f"{half:4} {kind:7} {stem:45} {f['layout']['primary']:18} {landlord}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "build"
    if cmd == "build":
        build()
    elif cmd == "check":
        sys.exit(check())
    elif cmd == "coverage":
        coverage()
    elif cmd == "list":
        listing(markdown="--markdown" in sys.argv)
    else:
        print(__doc__)
        sys.exit(2)
