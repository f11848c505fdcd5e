"""Human-readable HTML documentation of the hkg ontology, generated from ontology/hkg.ttl (Jinja2, escaped)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from jinja2 import Environment, select_autoescape
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from hkg.graph.vocab import HKG, HKG_ONTOLOGY, PREFIXES

log = logging.getLogger(__name__)

#: the page template (Jinja2, autoescaped), shipped with the ontology package
TEMPLATE = "docs-template.html"

KINDS = (
    (OWL.Class, "classes", "Classes"),
    (OWL.ObjectProperty, "object-properties", "Object properties"),
    (OWL.DatatypeProperty, "datatype-properties", "Datatype properties"),
)
PREFIX_TABLE = {
    **{k: str(v) for k, v in PREFIXES.items()},
    "wd": "http://www.wikidata.org/entity/",
    "fhir": "http://hl7.org/fhir/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


@dataclass
class Link:
    """A term as shown on the page: its text and where it links (an anchor for hkg terms)."""

    text: str
    href: str


@dataclass
class Term:
    """One documented class or property."""

    iri: str
    anchor: str
    curie: str
    label: str
    definition: str
    facts: list[tuple[str, list[Link]]] = field(default_factory=list)


def _curie(iri: str) -> str:
    for prefix, ns in sorted(PREFIX_TABLE.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _link(node) -> Link:
    if isinstance(node, BNode):
        return Link("(class expression)", "")
    if isinstance(node, Literal):
        return Link(str(node), "")
    iri = str(node)
    if iri.startswith(str(HKG)):
        return Link(_curie(iri), "#" + iri[len(str(HKG)) :])
    return Link(_curie(iri), iri)


def _text(g: Graph, node, prop) -> str:
    values = sorted(g.objects(node, prop), key=lambda v: (getattr(v, "language", None) != "en", str(v)))
    return str(values[0]) if values else ""


FACT_ROWS = (
    ("Subclass of", RDFS.subClassOf, False),
    ("Superclass of", RDFS.subClassOf, True),
    ("Disjoint with", OWL.disjointWith, False),
    ("Sub-property of", RDFS.subPropertyOf, False),
    ("Super-property of", RDFS.subPropertyOf, True),
    ("Inverse of", OWL.inverseOf, False),
    ("Domain", RDFS.domain, False),
    ("Range", RDFS.range, False),
    ("Used as domain of", RDFS.domain, True),
    ("Used as range of", RDFS.range, True),
    ("Close match", SKOS.closeMatch, False),
    ("Broad match", SKOS.broadMatch, False),
    ("See also", RDFS.seeAlso, False),
    ("Defined by", RDFS.isDefinedBy, False),
)


def _term(g: Graph, node: URIRef, kind: URIRef) -> Term:
    iri = str(node)
    local = iri[len(str(HKG)) :] if iri.startswith(str(HKG)) else _curie(iri).replace(":", "-")
    term = Term(iri, local, _curie(iri), _text(g, node, RDFS.label), _text(g, node, SKOS.definition))
    facts = list(FACT_ROWS)
    if kind != OWL.Class:
        facts.append(("Characteristics", RDF.type, False))
    for title, prop, inverse in facts:
        values = g.subjects(prop, node) if inverse else g.objects(node, prop)
        links = sorted((_link(v) for v in values if v != kind), key=lambda link: link.text)
        if links:
            term.facts.append((title, links))
    return term


def _sections(g: Graph, own: bool) -> list[tuple[str, str, list[Term]]]:
    sections = []
    for kind, anchor, title in KINDS:
        nodes = [n for n in g.subjects(RDF.type, kind) if isinstance(n, URIRef)]
        nodes = [n for n in nodes if str(n).startswith(str(HKG)) == own]
        terms = sorted((_term(g, n, kind) for n in nodes), key=lambda t: t.curie.lower())
        sections.append((anchor if own else "reused-" + anchor, title, terms))
    return sections


def _disjoint_sets(g: Graph) -> list[list[Link]]:
    return [
        [_link(m) for m in g.items(g.value(node, OWL.members))] for node in g.subjects(RDF.type, OWL.AllDisjointClasses)
    ]


def _metadata(g: Graph) -> dict[str, object]:
    o = URIRef(HKG_ONTOLOGY)
    return {
        "iri": HKG_ONTOLOGY,
        "title": _text(g, o, DCTERMS.title) or "hkg ontology",
        "description": _text(g, o, DCTERMS.description),
        "version_iri": _text(g, o, OWL.versionIRI),
        "version": _text(g, o, OWL.versionInfo),
        "license": _text(g, o, DCTERMS.license),
        "created": _text(g, o, DCTERMS.created),
    }


def render_html(ontology: Graph | None = None) -> str:
    """The documentation page of the ontology (by default the packaged ontology/hkg.ttl) as HTML."""
    if ontology is None:
        from hkg.graph.gate import ontology_graph

        ontology = ontology_graph()
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    source = resources.files("hkg.ontology").joinpath(TEMPLATE).read_text(encoding="utf-8")
    template = env.from_string(source)
    return template.render(
        meta=_metadata(ontology),
        own=_sections(ontology, own=True),
        reused=_sections(ontology, own=False),
        disjoint=_disjoint_sets(ontology),
        prefixes=sorted(PREFIX_TABLE.items()),
    )


def build_docs(out_dir: Path) -> Path:
    """Write the ontology documentation to `out_dir/hkg.html` and return that path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "hkg.html"
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(render_html(), encoding="utf-8")
    tmp.replace(path)
    log.info("ontology documentation written to %s", path)
    return path
