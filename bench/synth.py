"""Generate a deterministic synthetic corpus of hospital department pages for benchmarks."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
VOCAB_DIR = ROOT / "ontology" / "vocab"

# Slot fillers: all synthetic, none taken from the sample corpus.
CITIES = [
    ("Harbin", "China"),
    ("Nanjing", "China"),
    ("Wuhan", "China"),
    ("Xiamen", "China"),
    ("Kunming", "China"),
    ("Lanzhou", "China"),
    ("Jinan", "China"),
    ("Hefei", "China"),
    ("Changsha", "China"),
    ("Nanning", "China"),
    ("Taiyuan", "China"),
    ("Guiyang", "China"),
    ("Shenyang", "China"),
    ("Dalian", "China"),
    ("Qingdao", "China"),
    ("Fuzhou", "China"),
    ("Hohhot", "China"),
    ("Urumqi", "China"),
    ("Zhengzhou", "China"),
    ("Ningbo", "China"),
    ("Suzhou", "China"),
    ("Wuxi", "China"),
    ("Yantai", "China"),
    ("Luoyang", "China"),
    ("Baotou", "China"),
    ("Zhuhai", "China"),
    ("Shantou", "China"),
    ("Liuzhou", "China"),
    ("Yichang", "China"),
    ("Xuzhou", "China"),
]
FOREIGN_CITIES = [
    ("Lyon", "France"),
    ("Rotterdam", "Netherlands"),
    ("Heidelberg", "Germany"),
    ("Osaka", "Japan"),
    ("Busan", "South Korea"),
    ("Melbourne", "Australia"),
    ("Toronto", "Canada"),
    ("Boston", "USA"),
    ("Houston", "USA"),
    ("Leeds", "UK"),
    ("Uppsala", "Sweden"),
    ("Zurich", "Switzerland"),
    ("Milan", "Italy"),
    ("Porto", "Portugal"),
    ("Vienna", "Austria"),
    ("Singapore", "Singapore"),
]
ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
DISTRICTS = [
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "Riverside",
    "Lakeside",
    "Hillside",
    "Harbour",
    "Old Town",
    "New District",
    "Garden",
    "Bridge",
]
HOSPITAL_FORMS = [
    "{city} {ordinal} People's Hospital",
    "{city} University {ordinal} Affiliated Hospital",
    "{city} {district} District Hospital",
    "{city} {district} Cancer Hospital",
]
UNITS_PER_HOSPITAL = 10
FOREIGN_HOSPITAL_FORMS = [
    "{city} University Hospital",
    "{city} General Hospital",
    "Royal {city} Infirmary",
    "{city} Cancer Institute",
]
ORGANS = [
    "Thoracic",
    "Breast",
    "Hepatobiliary",
    "Colorectal",
    "Gastric",
    "Urological",
    "Gynecological",
    "Head and Neck",
    "Pancreatic",
    "Esophageal",
    "Cardiac",
    "Neurological",
    "Orthopedic",
    "Renal",
]
UNIT_FORMS = [
    ("Department of {organ} Surgery", "Department"),
    ("{organ} Cancer Center", "Centre"),
    ("Department of {organ} Oncology", "Department"),
    ("{organ} Tumor Center", "Centre"),
    ("{organ} Surgery Ward", "Ward"),
    ("{organ} Disease Clinic", "Clinic"),
]
GIVEN = ["Wei", "Min", "Lei", "Jun", "Hua", "Yan", "Tao", "Ping", "Qiang", "Lin", "Fang", "Bo", "Xin", "Rui"]
FAMILY = ["Zhao", "Qian", "Sun", "Zhou", "Wu", "Zheng", "Feng", "Chen", "Chu", "Wei", "Jiang", "Shen", "Han", "Yang"]
QUALS = ["M.D.", "Ph.D.", "M.D., Ph.D.", ""]
SOCIETIES = [
    "Provincial Society of Clinical Oncology",
    "National Association of Surgeons",
    "Regional Medical Association",
    "Society of Minimally Invasive Surgery",
]
GRANTORS = [
    "the Provincial Health Commission",
    "the National Health Commission",
    "the Municipal Government",
    "the Provincial Medical Association",
]
HONOURS = [
    "Provincial Key Clinical Specialty",
    "Model Department of Patient Care",
    "Excellent Teaching Unit",
    "Municipal Key Discipline",
]
COLLAB_KINDS = ["clinical trials", "GCP projects", "surgical training", "joint research", "telemedicine consultations"]
MEASURES = [
    ("{what} operations", "per year"),
    ("outpatient visits", "per year"),
    ("inpatients", "per year"),
    ("{what} procedures", "annually"),
]
RATES = [
    "the minimally invasive surgery rate",
    "the five-year survival rate",
    "the resection rate",
    "the rate of patient satisfaction",
]
MILESTONES = [
    "the department moved into a new inpatient building",
    "the first robotic operation was performed",
    "a day-surgery ward was opened",
    "the unit became a teaching base of the medical college",
    "an intensive care room was set up",
    "a multidisciplinary tumor board was established",
]
PROGRAMMES = [
    "Patient School",
    "Stoma Care Clinic",
    "Survivors Association",
    "Young Surgeons Training Programme",
    "Annual {organ} Oncology Forum",
]
QUALIFIERS = ["more than", "about", "almost", "over", "nearly"]

# Fallback vocabulary when ontology/vocab/*.ttl is absent (plain English clinical terms).
BUILTIN_VOCAB = {
    "procedure": [
        "laparoscopic gastrectomy",
        "lobectomy",
        "segmentectomy",
        "radical mastectomy",
        "sentinel lymph node biopsy",
        "pancreatoduodenectomy",
        "radiofrequency ablation",
        "esophagectomy",
        "hepatectomy",
        "nephrectomy",
        "thyroidectomy",
        "colectomy",
        "chemotherapy",
        "radiotherapy",
        "immunotherapy",
        "targeted therapy",
        "lymph node dissection",
        "endoscopic biopsy",
    ],
    "condition": [
        "lung cancer",
        "breast cancer",
        "gastric cancer",
        "colorectal cancer",
        "liver cancer",
        "esophageal cancer",
        "thyroid cancer",
        "cervical cancer",
        "lymphoma",
        "bladder cancer",
        "pancreatic cancer",
        "kidney cancer",
        "mediastinal tumor",
        "bone tumor",
    ],
    "equipment": [
        "PET-CT",
        "MRI",
        "CT",
        "thoracoscope",
        "mediastinoscope",
        "linear accelerator",
        "da Vinci surgical robot",
        "endoscope",
        "bronchoscope",
        "ultrasound scanner",
    ],
}

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """English words for 0 <= n < 1000 ("thirty-two", "one hundred and five")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    rest = n % 100
    return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + number_words(rest))


def load_vocab(vocab_dir: Path | None) -> dict[str, list[str]]:
    """English prefLabels and altLabels per concept kind from the SKOS files, or the built-in lists."""
    if vocab_dir is None or not vocab_dir.is_dir() or not list(vocab_dir.glob("*.ttl")):
        return {kind: list(labels) for kind, labels in BUILTIN_VOCAB.items()}
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph()
    for path in sorted(vocab_dir.glob("*.ttl")):
        graph.parse(path, format="turtle")
    found: dict[str, set[str]] = {kind: set() for kind in BUILTIN_VOCAB}
    for concept, _, scheme in graph.triples((None, SKOS.inScheme, None)):
        kind = _kind_of_scheme(str(scheme))
        if kind is None:
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                if getattr(label, "language", None) in (None, "en") and 2 < len(str(label)) < 60:
                    found[kind].add(str(label))
    return {kind: sorted(labels) or list(BUILTIN_VOCAB[kind]) for kind, labels in found.items()}


SCHEME_KINDS = {"procedures": "procedure", "conditions": "condition", "equipment": "equipment"}


def _kind_of_scheme(scheme: str) -> str | None:
    return SCHEME_KINDS.get(scheme.rstrip("/").rsplit("/", 1)[-1])


@dataclass
class Doc:
    """One synthetic page and the facts it states."""

    name: str
    text: str = ""
    facts: dict = field(default_factory=dict)


def all_hospitals() -> list[tuple[str, str, str]]:
    """Every distinct synthetic hospital name with its city and country, in a fixed order."""
    out = []
    for city, country in CITIES:
        for form in HOSPITAL_FORMS:
            fillers = ORDINALS if "{ordinal}" in form else DISTRICTS
            for filler in fillers:
                out.append((form.format(city=city, ordinal=filler, district=filler), city, country))
    random.Random("hkg-synth-hospitals").shuffle(out)
    return out


HOSPITALS = all_hospitals()


def hospital_name(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(HOSPITALS)


def unit_of(index: int, seed: int) -> tuple[str, str, str, str, str]:
    """The hospital and unit of document `index`: UNITS_PER_HOSPITAL distinct units share each hospital."""
    number, slot = divmod(index, UNITS_PER_HOSPITAL)
    rounds, number = divmod(number, len(HOSPITALS))
    hospital, city, country = HOSPITALS[number]
    combos = [(organ, form, kind) for organ in ORGANS for form, kind in UNIT_FORMS]
    random.Random(f"hkg-synth:{seed}:{hospital}").shuffle(combos)
    organ, form, kind = combos[(rounds * UNITS_PER_HOSPITAL + slot) % len(combos)]
    return form.format(organ=organ), kind, organ, hospital, city


def partner_name(rng: random.Random) -> tuple[str, str, str]:
    if rng.random() < 0.5:
        return hospital_name(rng)
    city, country = rng.choice(FOREIGN_CITIES)
    return rng.choice(FOREIGN_HOSPITAL_FORMS).format(city=city), city, country


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN).lower()])
    return f"{given} {rng.choice(FAMILY)}" if rng.random() < 0.5 else f"{rng.choice(FAMILY)} {given}"


def count_text(rng: random.Random, n: int) -> str:
    return number_words(n) if n < 100 and rng.random() < 0.3 else str(n)


def join_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _opening(rng, d: Doc, unit: str, hospital: str, city: str) -> str:
    year = rng.randint(1950, 2015)
    d.facts["founded"] = year
    forms = [
        f"The {unit} of {hospital} was established in {year}.",
        f"Founded in {year}, the {unit} is one of the oldest clinical units of {hospital} in {city}.",
        f"Since its founding in {year}, the {unit} at {hospital} has grown into a leading specialty in {city}.",
    ]
    return rng.choice(forms)


def _capacity(rng, d: Doc) -> str:
    beds, wards, staff = rng.randint(20, 180), rng.randint(1, 6), rng.randint(100, 200)
    d.facts.update(beds=beds, wards=wards, staff_total=staff)
    forms = [
        f"It now has {count_text(rng, wards)} wards with {count_text(rng, beds)} beds and {staff} staff members.",
        f"The unit runs {count_text(rng, beds)} beds in {count_text(rng, wards)} wards and employs {staff} staff.",
        f"With {count_text(rng, beds)} beds across {wards} wards, it has a total of {staff} medical staff.",
    ]
    return rng.choice(forms)


def _ranks(rng, d: Doc) -> str:
    ranks = [
        ("chief physicians", rng.randint(1, 8)),
        ("associate chief physicians", rng.randint(1, 10)),
        ("attending physicians", rng.randint(2, 15)),
        ("nurses", rng.randint(10, 60)),
    ]
    ranks = rng.sample(ranks, rng.randint(2, 4))
    d.facts["staff"] = {role: n for role, n in ranks}
    parts = [f"{count_text(rng, n)} {role if n > 1 else role[:-1]}" for role, n in ranks]
    return (
        rng.choice(["The team includes ", "Among the staff there are ", "The staff comprises "])
        + join_list(parts)
        + "."
    )


def _director(rng, d: Doc, unit: str) -> str:
    name, qual = person_name(rng), rng.choice(QUALS)
    society = rng.choice(SOCIETIES)
    years = rng.randint(10, 35)
    d.facts["director"] = {"name": name, "qualification": qual, "member_of": society}
    shown = f"{name}, {qual}" if qual else name
    forms = [
        f"The director of the department, {shown}, has {years} years of clinical experience and is vice chairman "
        f"of the {society}.",
        f"{name} is the director of the {unit} and a member of the {society}.",
        f"Director {name} ({qual or 'chief physician'}) leads the {unit}.",
    ]
    return rng.choice(forms)


def _concepts(rng, d: Doc, vocab: dict[str, list[str]]) -> list[str]:
    procs = rng.sample(vocab["procedure"], min(len(vocab["procedure"]), rng.randint(3, 7)))
    conds = rng.sample(vocab["condition"], min(len(vocab["condition"]), rng.randint(2, 5)))
    equip = rng.sample(vocab["equipment"], min(len(vocab["equipment"]), rng.randint(1, 4)))
    d.facts.update(procedures=procs, conditions=conds, equipment=equip)
    return [
        rng.choice(["The department is proficient in ", "The unit routinely performs ", "Its surgeons carry out "])
        + join_list(procs)
        + ".",
        rng.choice(
            ["It specialises in the treatment of ", "The main diseases treated are ", "Patients are treated for "]
        )
        + join_list(conds)
        + ".",
        rng.choice(["The unit is equipped with ", "Advanced equipment includes ", "Diagnosis relies on "])
        + join_list(equip)
        + ".",
    ]


def _figures(rng, d: Doc, organ: str) -> list[str]:
    out, facts = [], []
    what, period = rng.choice(MEASURES)
    what = what.format(what=organ.lower())
    qual, value = rng.choice(QUALIFIERS), rng.choice([150, 240, 400, 650, 1200, 3000, 8000, 20000])
    facts.append({"measure": what, "value": value, "qualifier": qual, "period": period})
    out.append(f"The department completes {qual} {value} {what} {period}.")
    rate, pct = rng.choice(RATES), rng.randint(60, 99)
    qual = rng.choice(QUALIFIERS)
    facts.append({"measure": rate, "value": pct, "qualifier": qual, "unit": "percent"})
    out.append(f"{rate[0].upper() + rate[1:]} is {qual} {pct}%.")
    d.facts["figures"] = facts
    return out


def _events(rng, d: Doc, unit: str) -> list[str]:
    start = d.facts.get("founded", 1980)
    years = sorted(rng.sample(range(start + 1, 2025), min(3, 2024 - start)))[: rng.randint(1, 3)]
    events = [(y, rng.choice(MILESTONES)) for y in years]
    d.facts["events"] = [{"year": y, "what": w} for y, w in events]
    return [
        rng.choice(["In {y}, {w}.", "{w_cap} in {y}."]).format(y=y, w=w, w_cap=w[0].upper() + w[1:]) for y, w in events
    ]


def _partners(rng, d: Doc) -> list[str]:
    out, facts = [], []
    seen = set()
    for _ in range(rng.randint(1, 3)):
        name, city, country = partner_name(rng)
        if name in seen:
            continue
        seen.add(name)
        kind = random.Random(name).choice(COLLAB_KINDS)  # one kind per partner, so documents never disagree
        facts.append({"partner": name, "city": city, "country": country, "kind": kind})
        out.append(
            rng.choice(
                [
                    f"The department cooperates with {name} in {city}, {country} on {kind}.",
                    f"It has a long-term partnership with {name} ({city}, {country}) for {kind}.",
                ]
            )
        )
    d.facts["partners"] = facts
    return out


def _honours(rng, d: Doc, unit: str) -> list[str]:
    honour, grantor, year = rng.choice(HONOURS), rng.choice(GRANTORS), rng.randint(2000, 2024)
    d.facts["honours"] = [{"what": honour, "grantor": grantor, "year": year}]
    return [f"In {year}, the {unit} was awarded the title of “{honour}” by {grantor}."]


def _programmes(rng, d: Doc, organ: str) -> list[str]:
    names = [p.format(organ=organ) for p in rng.sample(PROGRAMMES, rng.randint(1, 2))]
    d.facts["programmes"] = names
    return [f"The center runs the “{n}”, which is open to patients and their families." for n in names]


def _mess(rng: random.Random, text: str) -> str:
    """Page-scrape noise: a few glued words and straight quotes turned curly."""
    words = text.split(" ")
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        i = rng.randrange(len(words) - 1)
        if words[i] and words[i][-1].isalpha() and words[i + 1][:1].islower():
            words[i] = words[i] + words.pop(i + 1)
    text = " ".join(words)
    return text.replace("'s ", "’s ") if rng.random() < 0.3 else text


def generate(index: int, seed: int, vocab: dict[str, list[str]]) -> Doc:
    """Document number `index` of the corpus for `seed` (independent of how many are generated)."""
    rng = random.Random(f"hkg-synth:{seed}:{index}")
    unit, kind, organ, hospital, city = unit_of(index, seed)
    country = "China"
    d = Doc(name=f"synth_{index:06d}")
    d.facts.update(unit=unit, unit_kind=kind, hospital=hospital, city=city, country=country)
    paragraphs = [
        [_opening(rng, d, unit, hospital, city), _capacity(rng, d), _ranks(rng, d)],
        _concepts(rng, d, vocab) + _figures(rng, d, organ),
        [_director(rng, d, unit)] + _events(rng, d, unit),
        _partners(rng, d) + _honours(rng, d, unit) + _programmes(rng, d, organ),
    ]
    body = "\n\n".join(_mess(rng, " ".join(p)) for p in paragraphs)
    d.text = f"{unit}\n\n{body}\n"
    return d


def write_corpus(out: Path, docs: int, seed: int, vocab_dir: Path | None, facts: bool) -> int:
    """Write `docs` pages (+ manifest.csv, + facts.jsonl if asked) into `out`; return the bytes of text written."""
    out.mkdir(parents=True, exist_ok=True)
    vocab = load_vocab(vocab_dir)
    total = 0
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as mf:
        manifest = csv.writer(mf)
        manifest.writerow(["file", "unit", "hospital", "city", "chars"])
        fact_file = (out / "facts.jsonl").open("w", encoding="utf-8") if facts else None
        try:
            for i in range(docs):
                d = generate(i, seed, vocab)
                (out / f"{d.name}.txt").write_text(d.text, encoding="utf-8")
                manifest.writerow([f"{d.name}.txt", d.facts["unit"], d.facts["hospital"], d.facts["city"], len(d.text)])
                total += len(d.text.encode("utf-8"))
                if fact_file:
                    fact_file.write(json.dumps({"file": f"{d.name}.txt", **d.facts}, ensure_ascii=False) + "\n")
        finally:
            if fact_file:
                fact_file.close()
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000, help="number of documents [1000]")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed [1]")
    parser.add_argument(
        "--vocab",
        default=str(VOCAB_DIR),
        help="folder of SKOS .ttl vocabularies, or 'builtin' for the built-in term lists",
    )
    parser.add_argument("--facts", action="store_true", help="also write facts.jsonl (the facts each page states)")
    args = parser.parse_args(argv)
    vocab_dir = None if args.vocab == "builtin" else Path(args.vocab)
    size = write_corpus(args.out, args.docs, args.seed, vocab_dir, args.facts)
    print(f"wrote {args.docs} documents ({size / 1e6:.1f} MB) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
