"""What the endpoint says about itself: SPARQL Service Description, VoID, dumps and /health.

SPARQL 1.1 Service Description: https://www.w3.org/TR/sparql11-service-description/
VoID: https://www.w3.org/TR/void/
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from hkg.graph.vocab import PREFIXES
from hkg.server import negotiation as neg
from hkg.server.pages import _rdf_response, negotiated

bp = Blueprint("service", __name__)

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCT = "http://purl.org/dc/terms/"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _backend():
    return current_app.extensions["hkg_backend"]


def _root() -> str:
    return request.url_root


def service_description() -> Response:
    """The service description of /sparql: endpoint, language, result formats, features, default dataset."""
    fmt = negotiated(neg.GRAPHS)
    service = _n(_root() + "sparql")
    dataset, graph = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    t = [
        ox.Triple(service, RDF_TYPE, _n(SD + "Service")),
        ox.Triple(service, _n(SD + "endpoint"), service),
        ox.Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        ox.Triple(service, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        ox.Triple(service, _n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _n(SD + "Dataset")),
        ox.Triple(dataset, _n(SD + "defaultGraph"), graph),
        ox.Triple(graph, RDF_TYPE, _n(SD + "Graph")),
        ox.Triple(graph, _n(VOID + "triples"), ox.Literal(str(_backend().triples()), datatype=_n(XSD_INTEGER))),
    ]
    for f in (*neg.RESULTS, *neg.GRAPHS):
        t.append(ox.Triple(service, _n(SD + "resultFormat"), _n(f.oxigraph.iri)))
    return _rdf_response(t, fmt, {"sd": SD, "void": VOID, "dcterms": DCT})


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _count(text: str) -> int:
    answer = _backend().query(text)
    bindings = json.loads(answer.body)["results"]["bindings"]
    return int(bindings[0]["n"]["value"]) if bindings and "n" in bindings[0] else 0


@bp.route("/.well-known/void")
def void():
    """A VoID description of the dataset: size, entities, vocabularies, endpoint and dumps."""
    fmt = negotiated(neg.GRAPHS)
    base = current_app.config["HKG_SETTINGS"].base_uri
    root = _root()
    ds = _n(root + ".well-known/void#dataset")
    entities = _count(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), "
        + json.dumps(base + "id/")
        + ")) }"
    )
    predicates = json.loads(_backend().query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }").body)["results"]["bindings"]
    used = {b["p"]["value"] for b in predicates}
    t = [
        ox.Triple(ds, RDF_TYPE, _n(VOID + "Dataset")),
        ox.Triple(ds, _n(DCT + "title"), ox.Literal("hkg hospital knowledge graph")),
        ox.Triple(ds, _n(VOID + "triples"), ox.Literal(str(_backend().triples()), datatype=_n(XSD_INTEGER))),
        ox.Triple(ds, _n(VOID + "entities"), ox.Literal(str(entities), datatype=_n(XSD_INTEGER))),
        ox.Triple(ds, _n(VOID + "uriSpace"), ox.Literal(base + "id/")),
        ox.Triple(ds, _n(VOID + "sparqlEndpoint"), _n(root + "sparql")),
        ox.Triple(ds, _n(VOID + "dataDump"), _n(root + "dump.nq")),
        ox.Triple(ds, _n(VOID + "dataDump"), _n(root + "dump.ttl")),
    ]
    for ns in sorted({str(ns) for ns in PREFIXES.values()}):
        if any(p.startswith(ns) for p in used):
            t.append(ox.Triple(ds, _n(VOID + "vocabulary"), _n(ns)))
    return _rdf_response(t, fmt, {"sd": SD, "void": VOID, "dcterms": DCT})


def _dump(fmt: neg.Format, name: str) -> Response:
    response = Response(_backend().dump(fmt), content_type=fmt.content_type())
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/dump.nq")
def dump_nquads():
    """The whole dataset as N-Quads (one named graph per document for a store), streamed from a temporary file."""
    return _dump(neg.NQUADS, "hkg.nq")


@bp.route("/dump.ttl")
def dump_turtle():
    """Every triple as Turtle (the graphs merged)."""
    return _dump(neg.TURTLE, "hkg.ttl")


@bp.route("/health")
def health():
    """Liveness and size: {"status": "ok", "triples": N, "source": ...}."""
    backend = _backend()
    body = {"status": "ok", "triples": backend.triples(), "source": backend.source}
    return Response(json.dumps(body), content_type="application/json")
