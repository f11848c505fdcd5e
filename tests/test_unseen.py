"""Extraction generalises: on documents written apart from the rules, micro F1 of the answers holds a floor.

The documents and their gold facts are in tests/fixtures/unseen (docNN.txt, docNN.yaml, a development set by
now), tests/fixtures/heldout (hNN.txt, hNN.yaml, a development set since 2026-12-01), tests/fixtures/heldout3
(a development set since 2026-12-02), tests/fixtures/heldout5 (a development set from the start), and the blind
sets tests/fixtures/heldout2 and heldout4 (for measuring only: never read, never tuned on), in the format of the
project's gold files. Each document is built alone with the command line, the competency queries run on its graph,
and answers are matched to gold facts loosely (case, punctuation, stop words, small spelling differences), one
gold fact per answer, the way the project's scorer does it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rdflib import Graph

from hkg.cli import main

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"
HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
HELDOUT2 = Path(__file__).resolve().parent / "fixtures" / "heldout2"
HELDOUT3 = Path(__file__).resolve().parent / "fixtures" / "heldout3"
HELDOUT4 = Path(__file__).resolve().parent / "fixtures" / "heldout4"
HELDOUT5 = Path(__file__).resolve().parent / "fixtures" / "heldout5"
HELDOUT6 = Path(__file__).resolve().parent / "fixtures" / "heldout6"
SETS = [(UNSEEN, 10), (HELDOUT, 12), (HELDOUT2, 12), (HELDOUT3, 12), (HELDOUT4, 12), (HELDOUT5, 12), (HELDOUT6, 12)]
QUERIES = ROOT / "queries"

#: floors a little under what was measured: unseen 0.71 on 2026-11-23 with the first vocabularies, 0.96 on
#: 2026-12-01 after rules were fixed on its misses, 0.95 on 2026-12-02; heldout 0.53 on 2026-12-01 (0.50 when it
#: was written), and from 2026-12-01 a development set too (tuned on: rules and vocabularies were generalised from
#: its misses), 0.77 after that work, 0.76 on 2026-12-02; heldout3 (sample-like pages only: 0.65 when written,
#: 0.67 after the heldout work), from 2026-12-02 a development set too, 0.79 after the work on its misses (new
#: concepts from modifiers and head words, sub-units, honours, vocabulary); the blind set heldout2 0.51 when
#: written, 0.54 on 2026-12-01 after the heldout work, 0.59 on 2026-12-02 after the heldout3 work; the blind set
#: heldout4 (sample-like pages in twelve specialties no earlier set covers) 0.69 when written on 2026-12-02, 0.73
#: after the heldout3 work and the history, staff, people and collaboration rules of the same day; a later round
#: on heldout3's misses the same day (names joined by "and", subjects of paragraphs and sub-units, memberships,
#: operations "of" a condition) took heldout3 to 0.85, heldout2 to 0.62 and heldout4 to 0.75; heldout5, a development
#: set from the start: h49-h55 (native-English pages of seven health systems) 0.46 when written on 2026-12-02, h56-h60
#: (translated styles) 0.72 when first scored after the work on h49-h55 (0.62 with the code before it); that work,
#: on native-English pages, section titles and lists, took heldout2 to 0.66 and heldout4 to 0.76; heldout6 (modelled
#: on what heldout2's README says of it) 0.68 when written on 2026-12-03, 0.78 after the work on its misses and the
#: vocabularies of thirty more specialties, which took heldout2 to 0.69, heldout4 to 0.79 and heldout5 to 0.71
F1_FLOOR = {
    "unseen": 0.92, "heldout": 0.74, "heldout2": 0.66, "heldout3": 0.81, "heldout4": 0.76, "heldout5": 0.68,
    "heldout6": 0.75,
}  # fmt: skip

STOP = {"the", "a", "an", "of", "and", "in", "for", "with", "department", "dept"}
SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

#: kinds a gold file may leave out; a kind it does not annotate is not scored
OPTIONAL = {
    "part_of": ("part_of",),
    "recognitions": ("recognitions",),
    "predecessor": ("predecessor",),
    "former_name": ("former_names",),
    "equipment": ("equipment",),
    "programs": ("programs", "facilities"),
    "person_role": ("people",),
}

#: (query, kind, unit variable, unit label variable, payload variables)
ANSWERS = [
    ("cq01", "hospital", "hospital", "name", ()),
    ("cq01", "hospital_city", "hospital", "name", ("city",)),
    ("cq01", "founded", "hospital", "name", ("founded",)),
    ("cq02", "department", "department", "name", ()),
    ("cq02", "department_hospital", "department", "name", ("hospitalName",)),
    ("cq03", "beds", "unit", "name", ("beds",)),
    ("cq03", "wards", "unit", "name", ("wards",)),
    ("cq03", "staff_total", "unit", "name", ("staff",)),
    ("cq04", "staff", "unit", "name", ("role", "count")),
    ("cq05", "founded", "department", "name", ("founded",)),
    ("cq05", "former_name", "department", "name", ("formerName",)),
    ("cq05", "predecessor", "department", "name", ("predecessorName",)),
    ("cq05", "part_of", "department", "name", ("parentName",)),
    ("cq06", "procedures", "unit", "name", ("procedureLabel",)),
    ("cq07", "cancers", "unit", "name", ("conditionLabel",)),
    ("cq08", "equipment", "unit", "name", ("equipmentLabel",)),
    ("cq09", "programs", "unit", "name", ("programName",)),
    ("cq14", "recognitions", "unit", "name", ("recognition",)),
    ("cq10", "collaborations", "party", "partyName", ("partnerName",)),
    ("cq11", "person", None, None, ("personName",)),
    ("cq11", "person_role", None, None, ("personName", "role")),
    ("cq12", "statistics", "unit", "name", ("value",)),
    ("cq13", "events", "subject", "subjectName", ("year",)),
    ("cq15", "evidence", "unit", "name", ("value",)),
]


# ---------------------------------------------------------------- loose matching
def norm(text) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", str(text).lower().replace("’", "'")).split()
    return " ".join(w for w in words if w not in STOP)


def same_text(a, b) -> bool:
    x, y = norm(a), norm(b)
    return bool(x and y) and (x == y or SequenceMatcher(None, x, y).ratio() >= 0.85)


def same(gold, answer) -> bool:
    if isinstance(gold, list):
        return any(same_text(g, answer) for g in gold)
    try:
        return abs(float(gold) - float(answer)) < 1e-9
    except (TypeError, ValueError):
        return same_text(gold, answer)


def spelled(n: int) -> str:
    if n < 20:
        return SMALL[n]
    return TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + SMALL[n % 10]) if n < 100 else str(n)


def states(evidence: str, value) -> bool:
    n = int(float(value))
    return bool(re.search(rf"(?<![0-9]){n}(?![0-9])", evidence.lower())) or spelled(n) in evidence.lower()


def forms(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


# ---------------------------------------------------------------- gold facts
def gold_facts(gold: dict) -> list[tuple]:
    """(kind, unit, payload): unit is a list of names, [] for the unnamed hospital, None for no unit."""
    facts, named = [], {}
    for h in gold.get("hospitals") or []:
        unit = forms(h.get("name"))
        named.update({norm(n): unit for n in unit})
        if unit:
            facts.append(("hospital", unit, ()))
        for key, kind in (("city", "hospital_city"), ("founded", "founded"), ("beds", "beds")):
            if h.get(key):
                facts.append((kind, unit, (forms(h[key]),) if key == "city" else (h[key],)))

    def unit_of(name) -> list[str]:
        if name in (None, "hospital"):
            return []
        return next((named[norm(n)] for n in forms(name) if norm(n) in named), forms(name))

    for d in gold.get("departments") or []:
        unit = forms(d.get("name"))
        facts.append(("department", unit, ()))
        if d.get("hospital"):
            facts.append(("department_hospital", unit, (forms(d["hospital"]),)))
        for key in ("beds", "wards", "staff_total", "founded"):
            if d.get(key) is not None:
                facts.append((key, unit, (d[key],)))
                if key != "founded":
                    facts.append(("evidence", unit, (d[key],)))
        facts += [("staff", unit, ([role], n)) for role, n in (d.get("staff") or {}).items()]
        facts += [("former_name", unit, (forms(n),)) for n in d.get("former_names") or []]
        for key, kind in (("predecessor", "predecessor"), ("part_of", "part_of")):
            if d.get(key):
                facts.append((kind, unit, (forms(d[key]),)))
        for key, kind in (("procedures", "procedures"), ("cancers", "cancers"), ("equipment", "equipment")):
            facts += [(kind, unit, (forms(x),)) for x in d.get(key) or []]
        facts += [("programs", unit, (forms(x),)) for k in ("programs", "facilities") for x in d.get(k) or []]
        facts += [("recognitions", unit, (forms(r.get("what")),)) for r in d.get("recognitions") or []]
    facts += [("procedures", [], (forms(x),)) for x in gold.get("hospital_procedures") or []]
    facts += [("cancers", [], (forms(x),)) for x in gold.get("hospital_cancers") or []]
    for c in gold.get("collaborations") or []:
        facts.append(("collaborations", unit_of(c.get("party")), (forms(c.get("partner")),)))
    people = set()
    for p in gold.get("people") or []:
        if norm(p["name"]) not in people:
            people.add(norm(p["name"]))
            facts.append(("person", None, (forms(p["name"]),)))
        facts += [("person_role", None, (forms(p["name"]), forms(r))) for r in p.get("roles") or []]
    facts += [("statistics", unit_of(s.get("subject")), (s["value"],)) for s in gold.get("statistics") or []]
    facts += [("events", unit_of(e.get("subject")), (e["year"],)) for e in gold.get("events") or []]
    return facts


def annotated(gold: dict, kind: str) -> bool:
    keys = OPTIONAL.get(kind)
    units = (gold.get("departments") or []) + (gold.get("hospitals") or [])
    return keys is None or any(k in u for u in units for k in keys) or any(k in gold for k in keys)


# ---------------------------------------------------------------- answers
def answers(graph: Graph) -> dict[str, list[dict]]:
    out = {}
    for query in sorted(QUERIES.glob("cq*.rq")):
        rows = graph.query(query.read_text(encoding="utf-8"))
        out[query.name.split("-")[0]] = [{str(k): str(v) for k, v in r.asdict().items() if v is not None} for r in rows]
    return out


def answer_facts(ans: dict) -> dict[str, set]:
    got = defaultdict(set)
    for cq, kind, unit_var, label_var, payload_vars in ANSWERS:
        for row in ans.get(cq, []):
            payload = tuple(row.get(v) for v in payload_vars)
            if not all(payload) or (cq == "cq15" and not (row.get("evidence") and states(row["evidence"], payload[0]))):
                continue
            got[kind].add((row.get(unit_var), row.get(label_var), payload))
    return got


def score(gold: dict, ans: dict) -> tuple[int, int, int]:
    """True positives, answers and gold facts of one document, over the kinds its gold annotates."""
    hospitals = {r.get("hospital") for r in ans.get("cq01", [])}
    named = [forms(h.get("name")) for h in gold.get("hospitals") or [] if h.get("name")]
    named_iris = {r.get("hospital") for r in ans.get("cq01", []) if any(same(n, r.get("name")) for n in named)}

    def unit_matches(unit, iri, label) -> bool:
        if unit is None:
            return True
        return same(unit, label) if unit else iri in hospitals and iri not in named_iris

    got, want = answer_facts(ans), defaultdict(list)
    for kind, unit, payload in gold_facts(gold):
        want[kind].append((unit, payload))
    tp = n_got = n_want = 0
    for kind in set(got) | set(want):
        if not annotated(gold, kind):
            continue
        pool, used = sorted(got[kind], key=str), set()
        for unit, payload in want[kind]:
            for i, (iri, label, apayload) in enumerate(pool):
                if i not in used and unit_matches(unit, iri, label) and all(map(same, payload, apayload)):
                    used.add(i)
                    break
        tp, n_got, n_want = tp + len(used), n_got + len(pool), n_want + len(want[kind])
    return tp, n_got, n_want


# ---------------------------------------------------------------- tests
def build(doc: Path, out: Path, *flags: str) -> Graph:
    result = CliRunner().invoke(main, ["build", str(doc), "-o", str(out), *flags])
    assert result.exit_code == 0, result.output
    return Graph().parse(out)


def test_matching_is_loose_but_not_blind():
    assert same_text("The Gastrointestinal Cancer Center", "gastrointestinal cancer centre")
    assert same(["Department of Urology"], "urology")
    assert not same_text("Breast Surgery", "Thoracic Surgery")
    assert states("The unit has thirty-six beds.", "36") and not states("It has 136 beds.", "36")


@pytest.mark.parametrize("folder,count", SETS, ids=[f.name for f, _ in SETS])
def test_documents_written_apart_from_the_rules_reach_the_f1_floor(tmp_path, folder, count):
    docs = sorted(p for p in folder.glob("*.txt"))
    assert len(docs) == count
    floor = F1_FLOOR[folder.name]
    tp = n_got = n_want = 0
    for doc in docs:
        gold = yaml.safe_load(doc.with_suffix(".yaml").read_text(encoding="utf-8"))
        graph = build(doc, tmp_path / f"{doc.stem}.ttl", "--no-validate")
        t, g, w = score(gold, answers(graph))
        tp, n_got, n_want = tp + t, n_got + g, n_want + w
    precision, recall = tp / n_got, tp / n_want
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= floor, f"micro F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}) fell under {floor}"


@pytest.mark.parametrize("folder", [f for f, _ in SETS], ids=[f.name for f, _ in SETS])
def test_documents_written_apart_from_the_rules_pass_the_gate(tmp_path, folder):
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 0, result.output
