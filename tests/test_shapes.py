"""The SHACL shapes: a conforming graph conforms, and each case in tests/shapes/cases/ breaks one shape.

Each case is a SPARQL Update applied to tests/shapes/valid.ttl; its first line is `# expect: <message part>`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from hkg.graph import gate

HERE = Path(__file__).parent / "shapes"
CASES = sorted((HERE / "cases").glob("*.ru"))
HKGSH = "https://w3id.org/hkg/shapes#"


def valid_graph() -> Graph:
    return Graph().parse(HERE / "valid.ttl")


def expected_message(case: Path) -> str:
    first = case.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{case.name}: first line must be '# expect: <message>'"
    return first.removeprefix("# expect: ").strip()


def broken(case: Path) -> Graph:
    g = valid_graph()
    before = set(g)
    g.update(case.read_text(encoding="utf-8"))
    assert set(g) != before, f"{case.name} changed nothing"
    return g


@pytest.mark.parametrize("engine", gate.available_engines())
def test_valid_graph_conforms(engine):
    result = gate.check(valid_graph(), owl=False, engine=engine)
    assert result.conforms, result.text
    assert result.results == []


@pytest.mark.parametrize("engine", gate.available_engines())
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case_violates_with_message(case, engine):
    result = gate.check(broken(case), owl=False, engine=engine)
    want = expected_message(case)
    matching = [f for f in result.results if want in f.message]
    assert matching, f"no finding with {want!r}; got:\n{result.text}"
    if all(f.severity == "Warning" for f in matching):
        assert result.conforms, "warnings alone must not fail the gate"
    else:
        assert not result.conforms
        assert want in result.text


def _messages_by_shape() -> dict[URIRef, set[str]]:
    """Each named node shape with the messages of its own and its property shapes."""
    shapes = gate.shapes_graph()
    out: dict[URIRef, set[str]] = {}
    for shape in (
        set(shapes.subjects(SH.targetClass))
        | set(shapes.subjects(SH.target))
        | set(shapes.subjects(SH.targetSubjectsOf))
    ):
        parts = [shape, *shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]
        out[shape] = {str(m) for p in parts for m in shapes.objects(p, SH.message)}
    return out


def test_every_shape_has_a_message_and_a_violating_case():
    """Every constraint with a message is made to fire by some case (so no shape is dead)."""
    texts = [expected_message(c) for c in CASES]
    by_shape = _messages_by_shape()
    assert len(by_shape) >= 20
    for shape, messages in by_shape.items():
        assert messages, f"{shape} has no sh:message"
        for message in messages:
            fired = any(t in message for t in texts)
            assert fired, f"no case in tests/shapes/cases makes {shape} say {message!r}"


def test_every_constraint_has_a_message():
    shapes = gate.shapes_graph()
    for shape in shapes.subjects(SH.property):
        if not str(shape).startswith(HKGSH):
            continue
        for prop in shapes.objects(shape, SH.property):
            assert shapes.value(prop, SH.message) is not None, f"a property shape of {shape} has no sh:message"


def test_unit_without_hospital_is_fine():
    """A unit whose hospital the document does not name has no org:unitOf, and that conforms."""
    g = valid_graph()
    g.update(
        "DELETE { ?s <http://www.w3.org/ns/org#unitOf> ?h . ?st ?p ?o } WHERE {"
        " ?s <http://www.w3.org/ns/org#unitOf> ?h ."
        " ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://www.w3.org/ns/org#unitOf> ; ?p ?o }"
    )
    result = gate.check(g, owl=False)
    assert result.conforms, result.text


def test_report_lines_name_focus_path_and_message():
    case = HERE / "cases" / "span-order.ru"
    result = gate.check(broken(case), owl=False)
    (finding,) = [f for f in result.results if "oa:start is after" in f.message]
    assert str(finding.focus).endswith("/span/0-10")
    line = next(line for line in result.text.splitlines() if "oa:start is after" in line)
    assert line.startswith("Violation: ") and "span/0-10" in line and "oa:start" in line


def test_counts_as_oxigraph_stores_them_conform():
    """Oxigraph stores xsd:nonNegativeInteger values as xsd:integer; data read back from the store still conforms."""
    g = valid_graph()
    nonneg = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
    for s, p, o in list(g):
        if getattr(o, "datatype", None) == nonneg:
            g.remove((s, p, o))
            g.add((s, p, Literal(int(o))))
    assert not any(getattr(o, "datatype", None) == nonneg for o in g.objects())
    result = gate.check(g, owl=False)
    assert result.conforms, result.text
