"""The OWL ontology: it parses, every term is documented, the QC checks pass, HermiT finds it consistent,
the code uses only declared terms, and the gate's OWL check catches contradicting data."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from hkg.graph import gate
from hkg.graph.vocab import HKG, HKG_ONTOLOGY

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "hkg.ttl"
CHECKS = sorted((ROOT / "ontology" / "checks").glob("*-violation.rq"))
BAD = Path(__file__).parent / "ontology"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime: no `java` on PATH")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY)


def declared_terms(g: Graph) -> set[URIRef]:
    return {t for kind in TERM_TYPES for t in g.subjects(RDF.type, kind) if isinstance(t, URIRef)}


def test_ontology_header(onto):
    o = URIRef(HKG_ONTOLOGY)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert onto.value(o, OWL.versionIRI) == URIRef("https://w3id.org/hkg/ontology/2026-11-23")
    for p in (OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created):
        assert onto.value(o, p) is not None, p


def test_every_term_has_label_definition_and_source(onto):
    terms = declared_terms(onto)
    assert len(terms) > 100
    for t in terms:
        assert isinstance(onto.value(t, RDFS.label), Literal), f"{t} has no rdfs:label"
        assert isinstance(onto.value(t, SKOS.definition), Literal), f"{t} has no skos:definition"
        assert onto.value(t, RDFS.isDefinedBy) is not None, f"{t} has no rdfs:isDefinedBy"


MODEL_TERMS = """Hospital Unit Department Centre Ward Clinic Division Organization Person Document TextSpan
FactStatement StaffCount Programme Facility Collaboration Figure Event Founding Recognition ClinicalDepartment
MedicalTechnologyDepartment Split Renaming foundingYear formerName predecessor bedCount wardCount staffTotal
nursingUnitCount departmentCount hasStaffCount roleAsWritten role count performs treats uses runs hasFacility
offeringType hasFigure measure qualifier period holds recognitionKind grantor year decade subject party partner
collaborationKind qualification evidence inDocument sha256 fileName retrieved curationStatus version""".split()


@pytest.mark.parametrize("name", MODEL_TERMS)
def test_model_term_is_declared(onto, name):
    assert HKG[name] in declared_terms(onto), f"hkg:{name} (docs/model.md) is not declared"


def _code_terms() -> dict[str, set[str]]:
    """hkg: terms used by the pipeline code and the competency queries, read now (they change)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "graph").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"\bHKG\.(\w+)", text) + re.findall(r"\bHKG\[\s*[\"'](\w+)[\"']\s*\]", text):
            found.setdefault(name, set()).add(path.name)
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = re.sub(r"#[^\n]*", "", path.read_text(encoding="utf-8"))
        for name in re.findall(r"\bhkg:(\w+)", text):
            found.setdefault(name, set()).add(path.name)
    return found


def test_code_and_queries_use_only_declared_terms(onto):
    terms = declared_terms(onto)
    undeclared = {n: sorted(files) for n, files in _code_terms().items() if HKG[n] not in terms}
    assert not undeclared, f"hkg terms used but not declared in ontology/hkg.ttl: {undeclared}"


def test_reused_terms_are_listed_per_source(onto):
    listed: set[str] = set()
    for path in sorted((ROOT / "ontology" / "imports").glob("*_terms.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        listed |= {ln for ln in lines if ln and not ln.startswith("#")}
    kinds = (*TERM_TYPES, OWL.AnnotationProperty)
    external = {str(t) for k in kinds for t in onto.subjects(RDF.type, k) if not str(t).startswith(HKG_ONTOLOGY)}
    external -= {str(RDFS.label), str(RDFS.comment)}
    assert external - listed == set(), "declared but not listed in ontology/imports/*_terms.txt"
    assert listed - external == set(), "listed in ontology/imports/*_terms.txt but not declared"


# ---------------------------------------------------------------- QC checks (ROBOT-report style)


@pytest.mark.parametrize("check", CHECKS, ids=[c.stem for c in CHECKS])
def test_check_passes_on_ontology(onto, check):
    rows = list(onto.query(check.read_text(encoding="utf-8")))
    assert rows == [], f"{check.name}: {rows}"


@pytest.mark.parametrize("check", CHECKS, ids=[c.stem for c in CHECKS])
def test_check_fires_on_its_bad_fixture(check):
    fixture = BAD / f"{check.stem}.ttl"
    assert fixture.exists(), f"{check.name} needs a known-bad fixture {fixture.relative_to(ROOT)}"
    rows = list(Graph().parse(fixture).query(check.read_text(encoding="utf-8")))
    assert rows, f"{check.name} does not fire on {fixture.name}"


def test_owl_dl_reserved_vocabulary_is_not_subclassed(onto):
    """rdf:Statement & co. are reserved in OWL 2 DL: FactStatement maps to it, it does not subclass it."""
    for cls in onto.objects(None, RDFS.subClassOf):
        assert not str(cls).startswith(str(RDF)), cls
    assert (HKG.FactStatement, SKOS.broadMatch, RDF.Statement) in onto


def test_alignments(onto):
    assert (HKG.bedCount, SKOS.closeMatch, URIRef("http://www.wikidata.org/entity/P6801")) in onto
    assert (HKG.Hospital, RDFS.subClassOf, URIRef("https://schema.org/Hospital")) in onto
    assert (HKG.Unit, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#OrganizationalUnit")) in onto


# ---------------------------------------------------------------- HermiT


def _owlready_world(graph: Graph):
    import owlready2

    world = owlready2.World()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world.get_ontology(path.as_uri()).load()
    return world


@needs_java
def test_ontology_and_vocabularies_are_consistent_with_no_unsatisfiable_class(onto):
    import owlready2

    g = Graph()
    for t in onto:
        g.add(t)
    for vocab in sorted((ROOT / "ontology" / "vocab").glob("*.ttl")):
        g.parse(vocab)
    world = _owlready_world(g)
    try:
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        pytest.fail("HermiT: ontology + vocabularies are inconsistent")
    assert list(world.inconsistent_classes()) == []
    world.close()


def _valid_data() -> Graph:
    return Graph().parse(Path(__file__).parent / "shapes" / "valid.ttl")


@needs_java
def test_gate_owl_accepts_valid_data():
    result = gate.check(_valid_data())
    assert result.conforms, result.text


@needs_java
def test_gate_owl_finds_a_person_who_is_an_organisation():
    g = _valid_data()
    person = URIRef("http://example.org/id/document/d/person/a")
    g.add((person, RDF.type, HKG.Organization))
    result = gate.check_owl(g)
    assert not result.conforms
    assert any(f.focus == person and "disjoint" in f.message for f in result.results), result.text


@needs_java
def test_gate_owl_finds_a_unit_that_is_a_hospital():
    g = _valid_data()
    unit = URIRef("http://example.org/id/org/h/unit/u")
    g.add((unit, RDF.type, HKG.Hospital))
    result = gate.check(g)
    assert not result.conforms
    assert "hkg:Hospital" in result.text and "hkg:Unit" in result.text


def test_gate_without_java_warns_and_conforms(monkeypatch):
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    result = gate.check(_valid_data())
    assert result.conforms
    assert "no Java runtime" in result.text
    assert [f.severity for f in result.results] == ["Warning"]


# ---------------------------------------------------------------- documentation


def test_docs_name_every_class_and_property(tmp_path, onto):
    from bs4 import BeautifulSoup

    from hkg.graph import docs

    html_path = docs.build_docs(tmp_path)
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ")
    ids = {el.get("id") for el in soup.find_all(id=True)}
    for term in declared_terms(onto):
        label = str(onto.value(term, RDFS.label))
        assert label in text, f"{term} ({label}) is not in the documentation"
        if str(term).startswith(str(HKG)):
            assert term.removeprefix(str(HKG)) in ids, f"no anchor #{term.removeprefix(str(HKG))}"
    assert soup.title.get_text() == str(onto.value(URIRef(HKG_ONTOLOGY), DCTERMS.title))


def test_docs_escape_text(onto):
    from hkg.graph import docs

    g = Graph()
    for t in onto:
        g.add(t)
    g.set((HKG.Ward, SKOS.definition, Literal("<script>alert(1)</script>")))
    html = docs.render_html(g)
    assert "<script>" not in html and "&lt;script&gt;" in html
