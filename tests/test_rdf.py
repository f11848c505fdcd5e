"""graph/rdf.py writes N-Triples lines itself: they must be what Oxigraph writes for the same terms."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from hkg.graph import rdf

XSD = "http://www.w3.org/2001/XMLSchema#"


@given(st.text())
def test_a_plain_literal_is_written_as_oxigraph_writes_it(text):
    assert rdf._lit(text) == str(ox.Literal(text))
    assert rdf._lit(text, lang="en") == str(ox.Literal(text, language="en"))


@given(st.text(), st.sampled_from(["nonNegativeInteger", "decimal", "anyURI", "date", "string"]))
def test_a_typed_literal_is_written_as_oxigraph_writes_it(text, datatype):
    iri = XSD + datatype
    assert rdf._lit(text, datatype=f"<{iri}>") == str(ox.Literal(text, datatype=ox.NamedNode(iri)))


@given(st.one_of(st.integers(), st.booleans()))
def test_numbers_and_booleans_get_their_datatype(value):
    kind = "boolean" if isinstance(value, bool) else "integer"
    expected = ox.Literal(
        ("true" if value else "false") if kind == "boolean" else str(value), datatype=ox.NamedNode(XSD + kind)
    )
    assert rdf._lit(value) == str(expected)


def test_a_document_graph_parses_back_to_the_same_lines():
    from hkg.graph.facts import Entity, Evidence, Extraction, fact

    ev = Evidence(0, 10, 'Line\none\t"two" \\ \u00e9 \U0001f600')
    hospital = Entity("h", "hospital", 'The "Quoted"\\ Hospital', ev)
    extraction = Extraction(
        "d", {"h": hospital}, [fact("founded", "h", 1990, ev), fact("city", "h", "S\u00e3o Paulo", ev)]
    )
    info = rdf.DocumentInfo(slug="d", title="T\u00e9st \x7f", sha256="0" * 64, file_name="d.txt")
    lines = rdf.triples(extraction, info, "http://example.org/")
    text = rdf.to_ntriples(lines)
    again = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES).decode()
    assert sorted(again.splitlines()) == sorted(lines)
    assert any('"1990"^^<http://www.w3.org/2001/XMLSchema#integer>' in line for line in lines)


def test_a_narrower_kind_of_a_vocabulary_concept_points_to_it_as_broader():
    """'subtotal laryngectomy' is a new concept, and a SPARQL query rolling laryngectomies up through skos:broader
    finds it; the broader concept is copied in with its label."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS

    from hkg.graph.extract import extract

    text = "Department of Otolaryngology\n\nThe department performs subtotal laryngectomy for glottic cancer."
    info = rdf.DocumentInfo(slug="d", title=None, sha256="0" * 64, file_name="d.txt")
    g = rdf.to_graph(extract("d", text), info, "http://example.org/")
    new = URIRef("http://example.org/id/concept/procedure/subtotal-laryngectomy")
    broader = set(g.objects(new, SKOS.broader))
    assert broader == {URIRef("https://w3id.org/hkg/vocab/procedure/laryngectomy")}
    assert set(g.objects(broader.pop(), SKOS.prefLabel)) == {Literal("laryngectomy", lang="en")}
