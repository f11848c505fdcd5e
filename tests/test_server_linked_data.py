"""Linked Data: /id/ IRIs answer 303 to a page or to data, descriptions carry provenance, pages escape text."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from server_fixtures import BASE, DOCUMENT, SCRIPT, SPAN, UNIT

from hkg.cli import main
from hkg.config import Settings
from hkg.server import create_app

HKG = rdflib.Namespace("https://w3id.org/hkg/ontology#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
UNIT_PATH = UNIT[len(BASE) :]  # id/org/.../unit/cardiology
REPO = Path(__file__).resolve().parents[1]


def test_entity_iri_for_browsers_is_303_to_its_page(client):
    r = client.get("/" + UNIT_PATH, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 303
    assert r.headers["Location"].endswith("/page/" + UNIT_PATH[3:])
    assert "Accept" in r.headers["Vary"]


@pytest.mark.parametrize(
    ("media", "extension"),
    [
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "rdf"),
    ],
)
def test_entity_iri_for_machines_is_303_to_its_data(client, media, extension):
    r = client.get("/" + UNIT_PATH, headers={"Accept": media})
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/data/{UNIT_PATH[3:]}.{extension}")
    data = client.get(r.headers["Location"])
    assert data.status_code == 200 and data.mimetype == media


def test_entity_iri_with_unservable_accept_is_406(client):
    assert client.get("/" + UNIT_PATH, headers={"Accept": "image/png"}).status_code == 406


def test_turtle_description_has_facts_and_provenance(client):
    r = client.get("/" + UNIT_PATH, headers={"Accept": "text/turtle"}, follow_redirects=True)
    g = rdflib.Graph().parse(data=r.data, format="turtle")
    unit = rdflib.URIRef(UNIT)
    assert int(g.value(unit, HKG.bedCount)) == 80
    statement = g.value(predicate=rdflib.RDF.subject, object=unit)
    assert (statement, rdflib.RDF.type, HKG.FactStatement) in g
    assert g.value(statement, rdflib.RDF.predicate) == HKG.bedCount
    assert g.value(statement, PROV.wasDerivedFrom) == rdflib.URIRef(DOCUMENT)
    span = g.value(statement, HKG.evidence)
    assert span == rdflib.URIRef(SPAN)
    assert "80 beds" in str(g.value(span, OA.exact))
    assert (int(g.value(span, OA.start)), int(g.value(span, OA.end))) == (120, 171)
    # n-ary node (staff count) with its own evidence
    staff = g.value(unit, HKG.hasStaffCount)
    assert str(g.value(g.value(staff, HKG.evidence), OA.exact)) == "It employs 45 nurses."
    # labels of what it links to, and incoming links
    assert str(g.value(g.value(unit, rdflib.URIRef("http://www.w3.org/ns/org#unitOf")), rdflib.RDFS.label))
    assert (rdflib.URIRef(DOCUMENT), rdflib.URIRef("https://schema.org/about"), unit) in g


def test_jsonld_description_parses(client):
    r = client.get(f"/data/{UNIT_PATH[3:]}.jsonld")
    g = rdflib.Graph().parse(data=r.data, format="json-ld")
    assert int(g.value(rdflib.URIRef(UNIT), HKG.bedCount)) == 80


def test_data_and_page_carry_alternate_link_headers(client):
    for path in (f"/page/{UNIT_PATH[3:]}", f"/data/{UNIT_PATH[3:]}.ttl"):
        link = client.get(path).headers["Link"]
        assert 'rel="alternate"' in link and 'type="application/ld+json"' in link


def test_page_shows_name_type_facts_and_quoted_evidence(client):
    html = client.get("/" + UNIT_PATH, follow_redirects=True).get_data(as_text=True)
    assert "<h1>Department of Cardiology</h1>" in html
    assert "hkg:Department" in html
    assert "hkg:bedCount" in html
    assert "The Department of Cardiology has 80 beds" in html
    assert 'href="/page/document/sample-page"' in html  # the document the sentence came from
    assert 'href="/page/org/example-general-hospital"' in html  # IRIs under the base link to their pages
    assert "It employs 45 nurses." in html


def test_script_in_a_literal_is_escaped_on_the_page(client):
    html = client.get(f"/page/{UNIT_PATH[3:]}").get_data(as_text=True)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unknown_iri_is_404(client):
    assert client.get("/id/org/no-such-hospital").status_code == 404
    assert client.get("/page/org/no-such-hospital").status_code == 404
    assert client.get("/data/org/no-such-hospital.ttl").status_code == 404
    r = client.get("/page/org/no-such-hospital", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.mimetype == "text/html"


def test_data_without_known_extension_is_404(client):
    assert client.get(f"/data/{UNIT_PATH[3:]}.png").status_code == 404


def test_ontology_negotiates_html_and_rdf(client):
    html = client.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.mimetype == "text/html"
    for media, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
        r = client.get("/ontology", headers={"Accept": media})
        assert r.mimetype == media
        g = rdflib.Graph().parse(data=r.data, format=fmt)
        assert (HKG.FactStatement, rdflib.RDF.type, rdflib.OWL.Class) in g


def test_vocab_concept_is_served_from_the_graph(client):
    r = client.get("/vocab/procedure/coronary-angiography", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.data, format="turtle")
    concept = rdflib.URIRef("https://w3id.org/hkg/vocab/procedure/coronary-angiography")
    assert str(g.value(concept, rdflib.SKOS.prefLabel)) == "coronary angiography"
    page = client.get("/vocab/procedure/coronary-angiography", headers={"Accept": "text/html"})
    assert "coronary angiography" in page.get_data(as_text=True)
    assert client.get("/vocab/procedure/no-such-thing").status_code == 404


def test_void_describes_the_dataset(client):
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.data, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = g.value(predicate=rdflib.RDF.type, object=void.Dataset)
    assert int(g.value(ds, void.triples)) > 20
    assert int(g.value(ds, void.entities)) >= 5
    assert g.value(ds, void.sparqlEndpoint) == rdflib.URIRef("http://localhost/sparql")
    assert (ds, void.vocabulary, rdflib.URIRef(str(HKG))) in g
    assert (ds, void.dataDump, rdflib.URIRef("http://localhost/dump.nq")) in g


def test_dumps_hold_every_triple(client):
    health = client.get("/health").get_json()
    quads = list(ox.parse(client.get("/dump.nq").data, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == health["triples"]
    ttl = rdflib.Graph().parse(data=client.get("/dump.ttl").data, format="turtle")
    assert len(ttl) == health["triples"]


def test_query_page_lists_competency_queries_and_works_offline(client):
    html = client.get("/").get_data(as_text=True)
    assert 'class="example"' in html and "cq03" in html
    assert "<textarea" in html
    assert "http://" not in html.split("<main>")[0].replace("http://localhost:8000/", "")  # no CDN in <head>
    assert client.get("/static/query.js").status_code == 200


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "tmp.ttl"
    result = CliRunner().invoke(main, ["build", str(REPO / "corpus"), "-o", str(out), "-q", "--no-owl"])
    assert out.exists(), result.output
    app = create_app(Settings(graph_file=str(out)), workers=1)
    yield app
    app.extensions["hkg_backend"].close()


def test_sample_graph_department_dereferences(sample_app):
    client = sample_app.test_client()
    query = "SELECT ?d WHERE { ?d a <https://w3id.org/hkg/ontology#Department> } ORDER BY ?d LIMIT 1"
    bindings = json.loads(client.get("/sparql?query=" + quote(query)).data)["results"]["bindings"]
    department = bindings[0]["d"]["value"]
    path = department[len("http://localhost:8000") :]
    page = client.get(path, headers={"Accept": "text/html"}, follow_redirects=True)
    assert page.status_code == 200
    assert "<h2>Facts</h2>" in page.get_data(as_text=True)
    data = client.get(path, headers={"Accept": "text/turtle"}, follow_redirects=True)
    g = rdflib.Graph().parse(data=data.data, format="turtle")
    assert (rdflib.URIRef(department), rdflib.RDF.type, HKG.Department) in g


def test_vocab_concept_is_served_from_the_vocabulary_files(client):
    from hkg.server.pages import vocabulary_triples

    concepts = [
        t.subject.value
        for t in vocabulary_triples()
        if t.object == ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")
    ]
    if not concepts:
        pytest.skip("ontology/vocab/*.ttl holds no concepts yet")
    path = concepts[0][len("https://w3id.org/hkg/vocab/") :]
    r = client.get("/vocab/" + path, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.data, format="nt")
    assert g.value(rdflib.URIRef(concepts[0]), rdflib.SKOS.prefLabel) is not None
    assert client.get("/vocab/" + path, headers={"Accept": "text/html"}).status_code == 200
