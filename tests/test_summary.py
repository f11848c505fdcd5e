"""The OWL check through the summary (graph/summary.py): it says what HermiT says of the whole graph."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from hkg.graph import consistency, gate
from hkg.graph import summary as summ

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")

HKG = "https://w3id.org/hkg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = f"<{RDF.type}>"


def _verdicts(ntriples: str) -> tuple[bool, bool, summ.Summary]:
    """(HermiT on the summary, HermiT on the graph itself, the summary)."""
    summariser = consistency.new_summariser()
    summariser.index(ntriples)
    summary = summariser.summary([ntriples])
    whole = [f"{s} {p} {o} ." for s, p, o in summ.triples(ntriples) if p not in consistency.NOT_FOR_OWL]
    return consistency._hermit(summary.lines), consistency._hermit(whole), summary


def _valid_ntriples() -> str:
    from pathlib import Path

    return Graph().parse(Path(__file__).parent / "shapes" / "valid.ttl").serialize(format="nt")


def test_the_hkg_ontology_is_summarised_exactly():
    assert summ.exactness_problems(gate.ontology_graph()) == []


def test_counting_axioms_make_the_summary_inexact():
    onto = Graph()
    onto.add((URIRef(HKG + "bedCount"), RDF.type, OWL.FunctionalProperty))
    onto.add((URIRef(HKG + "bedCount"), URIRef("http://www.w3.org/2000/01/rdf-schema#range"), URIRef(XSD + "time")))
    problems = summ.exactness_problems(onto)
    assert any("FunctionalProperty" in p for p in problems) and any("time" in p for p in problems)


def test_triples_reads_canonical_ntriples():
    nt = '<http://a> <http://p> "x y ."@en .\n\n<http://a> <http://q> <http://b> .\n'
    assert list(summ.triples(nt)) == [
        ("<http://a>", "<http://p>", '"x y ."@en'),
        ("<http://a>", "<http://q>", "<http://b>"),
    ]


def _units(n: int, beds: list[str]) -> str:
    lines = []
    for i in range(n):
        u = f"<http://example.org/unit/{i}>"
        lines += [f"{u} {TYPE} <{HKG}Unit> .", f"{u} {TYPE} <{HKG}Department> .", f'{u} <{HKG}name> "U{i}" .']
        lines.append(f"{u} <{HKG}bedCount> {beds[i % len(beds)]} .")
        lines.append(f"{u} <http://www.w3.org/ns/org#unitOf> <http://example.org/hospital> .")
    lines.append(f"<http://example.org/hospital> {TYPE} <{HKG}Hospital> .")
    return "\n".join(lines) + "\n"


def test_many_alike_individuals_become_one():
    nt = _units(200, [f'"{n}"^^<{XSD}nonNegativeInteger>' for n in (10, 20, 30)])
    summariser = consistency.new_summariser()
    summariser.index(nt)
    summary = summariser.summary([nt])
    assert summary.individuals == 201 and summary.representatives == 2
    beds = [line for line in summary.lines if "bedCount" in line]
    assert len(beds) == 2 and any('"10"' in b for b in beds) and any('"30"' in b for b in beds)  # least, greatest


@needs_java
def test_valid_data_has_a_consistent_summary():
    by_summary, by_graph, summary = _verdicts(_valid_ntriples())
    assert by_summary is True and by_graph is True
    assert summary.representatives < summary.individuals


@needs_java
@pytest.mark.parametrize(
    "extra",
    [
        # a person who is an organisation (disjoint classes)
        f"<http://example.org/id/document/d/person/a> {TYPE} <{HKG}Organization> .",
        # a text span said to be in a person (rdfs:range makes the person a document)
        f"<http://example.org/id/document/d/span/0-10> <{HKG}inDocument> <http://example.org/id/document/d/person/a> .",
        # a language-tagged qualification where the range is xsd:string
        f'<http://example.org/id/document/d/person/a> <{HKG}qualification> "M.D."@en .',
    ],
)
def test_an_inconsistency_is_found_through_the_summary(extra):
    by_summary, by_graph, _ = _verdicts(_valid_ntriples() + extra + "\n")
    assert by_graph is False
    assert by_summary is False


@needs_java
def test_a_bad_value_among_good_ones_is_kept():
    beds = [f'"{n}"^^<{XSD}nonNegativeInteger>' for n in (10, 20)] + [
        '"-5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    ]
    by_summary, by_graph, _ = _verdicts(_units(30, beds))
    assert by_summary == by_graph


# The property the gate relies on: for any graph, the summary is consistent exactly when the graph is.
_NODES = [f"<http://example.org/n{i}>" for i in range(5)]
_CLASSES = [f"<{HKG}{c}>" for c in ("Person", "Organization", "Hospital", "Unit", "Document", "TextSpan", "Figure")]
_OBJECT = [f"<{HKG}{p}>" for p in ("inDocument", "evidence", "hasFigure", "party")] + [
    "<http://www.w3.org/ns/org#unitOf>",
    "<http://www.w3.org/ns/org#hasUnit>",
]
_DATA = [
    (f"<{HKG}bedCount>", [f'"{n}"^^<{XSD}nonNegativeInteger>' for n in (0, 7)] + [f'"-3"^^<{XSD}integer>']),
    (f"<{HKG}qualification>", ['"M.D."', '"M.D."@en']),
    (f"<{HKG}foundingYear>", [f'"1950"^^<{XSD}integer>', '"1950"']),
]
_triple = st.one_of(
    st.tuples(st.sampled_from(_NODES), st.just(TYPE), st.sampled_from(_CLASSES)),
    st.tuples(st.sampled_from(_NODES), st.sampled_from(_OBJECT), st.sampled_from(_NODES)),
    st.sampled_from(_DATA).flatmap(lambda d: st.tuples(st.sampled_from(_NODES), st.just(d[0]), st.sampled_from(d[1]))),
)


@needs_java
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_triple, min_size=1, max_size=12))
def test_summary_and_graph_agree(triples):
    nt = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    by_summary, by_graph, _ = _verdicts(nt)
    assert by_summary == by_graph


def _java_env(monkeypatch, user_options: str | None) -> dict:
    """The environment owlready2 starts HermiT's Java with (the call is recorded, not run)."""
    from owlready2 import reasoning

    seen = {}

    def record(command, **kwargs):
        seen.update(kwargs.get("env") or {})
        seen["ran"] = True
        return b""

    monkeypatch.setattr(reasoning.subprocess, "check_output", record)
    if user_options is None:
        monkeypatch.delenv("JAVA_TOOL_OPTIONS", raising=False)
    else:
        monkeypatch.setenv("JAVA_TOOL_OPTIONS", user_options)
    consistency._hermit([])
    assert seen.pop("ran")
    assert "env" not in reasoning._subprocess_kargs  # restored for other users of owlready2
    return seen


def test_hermit_runs_in_a_lean_jvm_unless_the_user_set_java_options(monkeypatch):
    assert _java_env(monkeypatch, None)["JAVA_TOOL_OPTIONS"] == consistency.JVM_OPTIONS
    assert "JAVA_TOOL_OPTIONS" not in _java_env(monkeypatch, "-Xmx4g")  # the inherited environment: the user's
