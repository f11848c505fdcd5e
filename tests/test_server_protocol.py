"""SPARQL 1.1 Protocol rules at /sparql, one test per rule, in-process with Flask's test client."""

from __future__ import annotations

import csv
import gzip
import io
import xml.etree.ElementTree as ET
from urllib.parse import quote

import rdflib
from server_fixtures import UNIT

SELECT = "SELECT ?beds WHERE { ?unit <https://w3id.org/hkg/ontology#bedCount> ?beds }"
ASK = "ASK { ?unit <https://w3id.org/hkg/ontology#bedCount> 80 }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def get(client, query, **kwargs):
    return client.get("/sparql?query=" + quote(query), **kwargs)


def test_get_query_answers_sparql_json_by_default(client):
    r = get(client, SELECT)
    assert r.status_code == 200
    assert r.mimetype == "application/sparql-results+json"
    assert [b["beds"]["value"] for b in r.get_json()["results"]["bindings"]] == ["80"]


def test_post_form_query(client):
    r = client.post("/sparql", data={"query": SELECT})
    assert r.status_code == 200
    assert r.get_json()["results"]["bindings"][0]["beds"]["value"] == "80"


def test_post_direct_query(client):
    r = client.post("/sparql", data=SELECT, content_type="application/sparql-query")
    assert r.status_code == 200
    assert r.get_json()["results"]["bindings"][0]["beds"]["value"] == "80"


def test_select_as_xml_parses(client):
    r = get(client, SELECT, headers={"Accept": "application/sparql-results+xml"})
    assert r.mimetype == "application/sparql-results+xml"
    literals = ET.fromstring(r.data).iter(SRX + "literal")
    assert [e.text for e in literals] == ["80"]


def test_select_as_csv_parses(client):
    r = get(client, SELECT, headers={"Accept": "text/csv"})
    assert r.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(r.get_data(as_text=True)))) == [["beds"], ["80"]]


def test_select_as_tsv(client):
    r = get(client, SELECT, headers={"Accept": "text/tab-separated-values"})
    assert r.mimetype == "text/tab-separated-values"
    lines = r.get_data(as_text=True).splitlines()
    assert lines[0] == "?beds" and "80" in lines[1]


def test_ask_as_json_and_xml(client):
    assert get(client, ASK).get_json()["boolean"] is True
    r = get(client, ASK, headers={"Accept": "application/sparql-results+xml"})
    assert ET.fromstring(r.data).find(SRX + "boolean").text == "true"


def test_construct_negotiates_every_rdf_format(client):
    for media, rdflib_format in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ]:
        r = get(client, CONSTRUCT, headers={"Accept": media})
        assert r.status_code == 200, media
        assert r.mimetype == media
        g = rdflib.Graph().parse(data=r.data, format=rdflib_format)
        assert (rdflib.URIRef(UNIT), rdflib.URIRef("https://w3id.org/hkg/ontology#bedCount"), None) in g


def test_describe_answers_a_graph(client):
    r = get(client, f"DESCRIBE <{UNIT}>", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.data, format="turtle")
    assert len(g) > 3


def test_accept_q_values_pick_the_preferred_format(client):
    r = get(client, SELECT, headers={"Accept": "application/sparql-results+json;q=0.5, text/csv;q=0.9"})
    assert r.mimetype == "text/csv"
    assert "Accept" in r.headers["Vary"]


def test_accept_wildcard_type_matches(client):
    assert get(client, CONSTRUCT, headers={"Accept": "text/*"}).mimetype == "text/turtle"


def test_format_parameter_overrides_accept(client):
    r = client.get("/sparql?format=tsv&query=" + quote(SELECT), headers={"Accept": "application/sparql-results+json"})
    assert r.mimetype == "text/tab-separated-values"
    r = client.get("/sparql?format=jsonld&query=" + quote(CONSTRUCT))
    assert r.mimetype == "application/ld+json"


def test_get_query_accept_bad_is_406(client):
    r = get(client, SELECT, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.get_data(as_text=True)


def test_select_with_only_graph_types_acceptable_is_406(client):
    assert get(client, SELECT, headers={"Accept": "text/turtle"}).status_code == 406


def test_malformed_query_is_400_with_parser_message(client):
    r = get(client, "SELECT ?x WHERE { ?x ?y }")
    assert r.status_code == 400
    text = r.get_data(as_text=True)
    assert "malformed query" in text and "error at 1:" in text


def test_unknown_post_content_type_is_415(client):
    r = client.post("/sparql", data=SELECT, content_type="text/plain")
    assert r.status_code == 415


def test_query_larger_than_max_query_bytes_is_413(make_app):
    client = make_app(max_query_bytes=200).test_client()
    big = SELECT + " #" + "x" * 300
    assert client.post("/sparql", data=big, content_type="application/sparql-query").status_code == 413
    assert client.post("/sparql", data={"query": big}).status_code == 413
    assert get(client, big).status_code == 413


def test_update_parameter_on_read_only_is_403(client):
    r = client.post("/sparql", data={"update": "INSERT DATA { <a:a> <a:b> <a:c> }"})
    assert r.status_code == 403
    assert "read-only" in r.get_data(as_text=True)


def test_post_update_content_type_is_403(client):
    r = client.post("/sparql", data="DELETE WHERE { ?s ?p ?o }", content_type="application/sparql-update")
    assert r.status_code == 403


def test_update_sent_as_query_is_403(client):
    assert get(client, "INSERT DATA { <a:a> <a:b> <a:c> }").status_code == 403


def test_parameter_in_url_and_body_is_400(client):
    r = client.post("/sparql?query=" + quote(SELECT), data={"query": SELECT})
    assert r.status_code == 400


def test_query_given_twice_is_400(client):
    r = client.get("/sparql?query=" + quote(SELECT) + "&query=" + quote(ASK))
    assert r.status_code == 400


def test_default_graph_uri_selects_the_dataset(client):
    # the fixture's triples are in the default graph; naming another graph leaves the query nothing to see
    r = client.get("/sparql?default-graph-uri=" + quote("http://example.org/none") + "&query=" + quote(SELECT))
    assert r.status_code == 200
    assert r.get_json()["results"]["bindings"] == []
    r = client.get("/sparql?named-graph-uri=" + quote("http://example.org/g") + "&query=" + quote(SELECT))
    assert r.get_json()["results"]["bindings"] == []


def test_more_results_than_max_results_is_413(make_app):
    client = make_app(max_results=5).test_client()
    assert get(client, "SELECT * WHERE { ?s ?p ?o }").status_code == 413
    assert get(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 5").status_code == 200


def test_service_description_without_query_parses_as_rdf(client):
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    for media, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
        r = client.get("/sparql", headers={"Accept": media})
        assert r.status_code == 200 and r.mimetype == media
        g = rdflib.Graph().parse(data=r.data, format=fmt)
        service = g.value(predicate=rdflib.RDF.type, object=sd.Service)
        assert g.value(service, sd.endpoint) == rdflib.URIRef("http://localhost/sparql")
        assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
        assert (service, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in g
        assert g.value(service, sd.defaultDataset) is not None


def test_service_description_defaults_to_turtle(client):
    assert client.get("/sparql").mimetype == "text/turtle"


def test_cors_headers_on_get_post_and_preflight(client):
    for r in (get(client, ASK), client.post("/sparql", data={"query": ASK}), client.options("/sparql")):
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert client.options("/sparql").status_code == 204


def test_no_cors_headers_when_disabled(make_app):
    r = get(make_app(cors=False).test_client(), ASK)
    assert "Access-Control-Allow-Origin" not in r.headers


def test_gzip_when_accept_encoding_asks(client):
    r = get(client, CONSTRUCT, headers={"Accept": "application/n-triples", "Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip"
    assert UNIT.encode() in gzip.decompress(r.data)
    plain = get(client, CONSTRUCT, headers={"Accept": "application/n-triples"})
    assert "Content-Encoding" not in plain.headers


def test_every_error_has_the_one_shape(client):
    requests = [
        ("GET", "/sparql?query=" + quote("SELECT nonsense"), {}),
        ("GET", "/sparql?query=" + quote(SELECT), {"headers": {"Accept": "image/png"}}),
        ("POST", "/sparql", {"data": {"update": "CLEAR ALL"}}),
        ("POST", "/sparql", {"data": "x", "content_type": "text/plain"}),
        ("GET", "/no/such/route", {}),
        ("DELETE", "/sparql", {}),
    ]
    for method, path, kwargs in requests:
        text = client.open(path, method=method, **kwargs)
        assert text.status_code >= 400
        assert text.get_data(as_text=True).startswith(f"{text.status_code} ")
        if text.status_code == 406:  # asking for JSON would make the request acceptable
            continue
        headers = {**kwargs.get("headers", {}), "Accept": "application/json"}
        as_json = client.open(path, method=method, **{**kwargs, "headers": headers})
        assert as_json.status_code == text.status_code
        assert set(as_json.get_json()) == {"status", "error", "message"}


def test_health_reports_triples_and_source(client):
    body = client.get("/health").get_json()
    assert body["status"] == "ok" and body["triples"] > 20 and body["source"].startswith("file:")
