"""Namespace constants for every vocabulary hkg writes (see docs/model.md)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

HKG_ONTOLOGY = "https://w3id.org/hkg/ontology"
HKG = Namespace(HKG_ONTOLOGY + "#")
HKGV = Namespace("https://w3id.org/hkg/vocab/")
W3ID_BASE = "https://w3id.org/hkg/"
ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

DEFAULT_BASE_URI = "http://localhost:8000/"

#: The concept schemes of ontology/vocab, by the kind of mention they name.
SCHEMES = {
    "procedure": HKGV["procedures"],
    "condition": HKGV["conditions"],
    "equipment": HKGV["equipment"],
    "role": HKGV["roles"],
    "offering": HKGV["offerings"],
}

PREFIXES = {
    "hkg": HKG,
    "hkgv": HKGV,
    "org": ORG,
    "schema": SDO,
    "skos": SKOS,
    "prov": PROV,
    "oa": OA,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}


def bind_prefixes(graph) -> None:
    """Bind hkg's usual prefixes on an rdflib graph (for readable Turtle)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
