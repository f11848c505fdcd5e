"""One description query per entity, shared by its RDF and HTML views, and the page model built from it.

The description holds the entity's own triples, the labels of what it links to, what links to it, and its
provenance: the hkg:FactStatements whose rdf:subject it is, with their evidence spans (oa:exact, oa:start,
oa:end, the document), and the evidence of its n-ary nodes (staff counts, figures, events...).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from hkg.graph.vocab import HKG, HKGV, OA, PREFIXES, SDO, W3ID_BASE

_PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())

DESCRIBE = (
    _PREFIX_LINES
    + """
CONSTRUCT {
  ?e ?p ?o . ?o rdfs:label ?ol . ?o schema:name ?on . ?o skos:prefLabel ?opl .
  ?s ?ip ?e . ?s rdfs:label ?sl .
  ?st a hkg:FactStatement ; rdf:subject ?e ; rdf:predicate ?sp ; rdf:object ?so ;
      prov:wasDerivedFrom ?sd ; hkg:evidence ?span .
  ?span a hkg:TextSpan ; oa:exact ?x ; oa:start ?a ; oa:end ?b ; hkg:inDocument ?sd .
  ?sd dcterms:title ?sdt .
  ?n ?np ?no . ?no rdfs:label ?nol .
  ?nspan a hkg:TextSpan ; oa:exact ?nx ; oa:start ?na ; oa:end ?nb ; hkg:inDocument ?nd .
  ?nd dcterms:title ?ndt .
} WHERE {
  VALUES ?e { <IRI> }
  {
    ?e ?p ?o .
    OPTIONAL { ?o rdfs:label ?ol } OPTIONAL { ?o schema:name ?on } OPTIONAL { ?o skos:prefLabel ?opl }
  } UNION {
    ?s ?ip ?e . FILTER (?ip NOT IN (rdf:subject, rdf:object))
    OPTIONAL { ?s rdfs:label ?sl }
  } UNION {
    ?st rdf:subject ?e ; a hkg:FactStatement ; rdf:predicate ?sp ; rdf:object ?so .
    OPTIONAL { ?st prov:wasDerivedFrom ?sd OPTIONAL { ?sd dcterms:title ?sdt } }
    OPTIONAL { ?st hkg:evidence ?span . ?span oa:exact ?x ; oa:start ?a ; oa:end ?b }
  } UNION {
    ?e ?np0 ?n . ?n hkg:evidence ?nspan . ?n ?np ?no .
    OPTIONAL { ?no rdfs:label ?nol }
    OPTIONAL { ?nspan oa:exact ?nx ; oa:start ?na ; oa:end ?nb }
    OPTIONAL { ?nspan hkg:inDocument ?nd OPTIONAL { ?nd dcterms:title ?ndt } }
  }
}
"""
)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
DCT_TITLE = "http://purl.org/dc/terms/title"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NAMES = (str(SDO.name), RDFS_LABEL, SKOS_PREF, DCT_TITLE)
#: properties shown in the header or only as provenance, not as fact rows
_HIDDEN = {RDF_TYPE, str(HKG.evidence)}


def describe_query(iri: str) -> str:
    """The description query of one entity (the IRI is checked to be a plain IRI first)."""
    return DESCRIBE.replace("<IRI>", str(ox.NamedNode(iri)))


def curie(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return iri


def local_href(iri: str, base_uri: str) -> str | None:
    """Where an IRI's page is on this server, or None if it is not served here."""
    if iri.startswith(base_uri + "id/"):
        return "/page/" + iri[len(base_uri + "id/") :]
    if iri.startswith(str(HKGV)):
        return "/vocab/" + iri[len(str(HKGV)) :]
    if iri.startswith(W3ID_BASE + "ontology"):
        return "/ontology" + iri[len(W3ID_BASE + "ontology") :]
    return None


@dataclass
class Value:
    """A term as shown: text, and a link when it is an IRI."""

    text: str
    href: str | None = None
    iri: str | None = None


@dataclass
class Evidence:
    sentence: str
    document: Value
    start: str
    end: str


@dataclass
class Fact:
    prop: Value
    value: Value
    evidence: list[Evidence] = field(default_factory=list)
    details: list[tuple[Value, Value]] = field(default_factory=list)


@dataclass
class Page:
    iri: str
    name: str
    types: list[Value]
    facts: list[Fact]
    incoming: list[tuple[Value, Value]]


class _Graph:
    """The description triples indexed by subject and predicate."""

    def __init__(self, triples):
        self.spo: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.incoming: list[tuple] = []
        for t in triples:
            self.spo[_key(t.subject)][t.predicate.value].append(t.object)

    def one(self, subject: str, *props: str) -> str | None:
        for prop in props:
            for o in self.spo.get(subject, {}).get(prop, []):
                return o.value
        return None


def _key(term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def build_page(iri: str, ntriples: bytes, base_uri: str) -> Page | None:
    """The page model of `iri` from its description (N-Triples); None when the graph says nothing about it."""
    triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    if not any(_key(t.subject) == iri or _key(t.object) == iri for t in triples):
        return None
    g = _Graph(triples)

    def value(term) -> Value:
        if isinstance(term, ox.Literal):
            return Value(term.value)
        key = _key(term)
        label = g.one(key, *NAMES)
        text = label or curie(key)
        return Value(text, local_href(key, base_uri) or (key if isinstance(term, ox.NamedNode) else None), key)

    statements = _statements(g, iri, triples)
    own = g.spo.get(iri, {})
    facts = []
    for prop, objects in sorted(own.items(), key=lambda kv: curie(kv[0])):
        if prop in _HIDDEN:
            continue
        for o in objects:
            fact = Fact(value(ox.NamedNode(prop)), value(o))
            fact.prop.text = curie(prop)
            node = _key(o)
            node_spans = [_key(span) for span in g.spo.get(node, {}).get(str(HKG.evidence), [])]
            # the key triple's statement and the n-ary node often cite the same span: show it once
            spans = dict.fromkeys(statements.get((prop, _term_key(o)), []) + node_spans)
            fact.evidence = [_evidence(g, span, value) for span in spans]
            if node_spans:
                fact.details = [
                    (Value(curie(p)), value(v))
                    for p, vs in sorted(g.spo[node].items())
                    if p not in _HIDDEN and p != RDFS_LABEL and not p.startswith("http://www.w3.org/ns/prov#")
                    for v in vs
                ]
            facts.append(fact)
    incoming = sorted(
        {
            (_key(t.subject), t.predicate.value): t
            for t in triples
            if _key(t.object) == iri and t.predicate.value not in (RDF_NS + "subject", RDF_NS + "object")
        }.values(),
        key=lambda t: (curie(t.predicate.value), _key(t.subject)),
    )
    return Page(
        iri=iri,
        name=g.one(iri, *NAMES) or curie(iri),
        types=[value(t) for t in own.get(RDF_TYPE, [])],
        facts=facts,
        incoming=[(value(t.subject), Value(curie(t.predicate.value))) for t in incoming],
    )


def _term_key(term) -> str:
    return str(term)


def _statements(g: _Graph, iri: str, triples) -> dict[tuple[str, str], list[str]]:
    """(predicate, object) of each FactStatement about `iri` → its evidence spans."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for _subject, props in g.spo.items():
        if [o.value for o in props.get(RDF_NS + "subject", [])] != [iri]:
            continue
        for p in props.get(RDF_NS + "predicate", []):
            for o in props.get(RDF_NS + "object", []):
                for span in props.get(str(HKG.evidence), []):
                    found[(p.value, _term_key(o))].append(_key(span))
    return found


def _evidence(g: _Graph, span: str, value) -> Evidence:
    doc = g.one(span, str(HKG.inDocument))
    return Evidence(
        sentence=g.one(span, str(OA.exact)) or "",
        document=value(ox.NamedNode(doc)) if doc else Value("(unknown document)"),
        start=g.one(span, str(OA.start)) or "",
        end=g.one(span, str(OA.end)) or "",
    )
