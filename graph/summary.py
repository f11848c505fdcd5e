"""The summary of a graph for the OWL check: a few hundred individuals that are consistent exactly when the graph is.

HermiT needs minutes and gigabytes for a graph of a million triples, but almost all of its individuals look alike:
thousands of text spans, figures, units. The summary ABox (Fokoue, Kershenbaum, Ma, Schonberg, Srinivas: "The
Summary Abox: Cutting Ontologies Down to Size", ISWC 2006) maps every individual to one representative per kind
and keeps each assertion between representatives. Here the kind of an individual is its *signature*: the classes
it is typed with, the object properties it has and is the value of, and the data properties it has.

- Sound: the map is a homomorphism, so a model of the summary is a model of the graph (interpret each individual
  as its representative). A consistent summary proves the graph consistent. Individuals the ontology names are
  kept as themselves.
- Exact for ontologies without restrictions, nominals, cardinalities, keys or property characteristics that count
  or compare individuals (`exactness_problems` lists what breaks it): then what an individual entails depends on its
  signature alone, so an inconsistent summary means an inconsistent graph.
- Data values: what a value can contradict is the range of its property (a datatype). Values are kept per
  representative, property, datatype and language tag: for numbers the least and the greatest (the XSD numeric
  ranges are intervals) and the first that is not whole; for other datatypes one well-formed value and every value
  that is not a well-formed literal of its datatype; for datatypes this module does not know, every value.

Input and output are N-Triples lines, so a graph is summarised without parsing it into rdflib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, XSD

RDF_TYPE = f"<{RDF.type}>"
_XSD = str(XSD)
NUMERIC = {
    _XSD + name
    for name in (
        "integer nonNegativeInteger positiveInteger nonPositiveInteger negativeInteger long int short byte "
        "unsignedLong unsignedInt unsignedShort unsignedByte decimal double float"
    ).split()
}
_DATE_TAIL = r"(Z|[+-]\d\d:\d\d)?"
#: well-formed lexical forms of the non-numeric datatypes whose values cannot otherwise contradict a range
LEXICAL = {
    _XSD + "string": None,
    str(RDF.langString): None,
    _XSD + "anyURI": None,
    _XSD + "boolean": re.compile(r"true|false|1|0"),
    _XSD + "date": re.compile(r"-?\d{4,}-\d\d-\d\d" + _DATE_TAIL),
    _XSD + "dateTime": re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?" + _DATE_TAIL),
    _XSD + "gYear": re.compile(r"-?\d{4,}" + _DATE_TAIL),
}
#: ontology terms under which an individual's entailments no longer follow from its signature alone
NOT_EXACT = {
    OWL.Restriction,
    OWL.oneOf,
    OWL.hasValue,
    OWL.hasSelf,
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.hasKey,
    OWL.propertyDisjointWith,
    OWL.AllDisjointProperties,
    OWL.complementOf,
    OWL.withRestrictions,
    OWL.datatypeComplementOf,
    OWL.propertyChainAxiom,
    OWL.AsymmetricProperty,
    OWL.IrreflexiveProperty,
    OWL.ReflexiveProperty,
    OWL.sameAs,
    OWL.differentFrom,
    OWL.AllDifferent,
    OWL.NegativePropertyAssertion,
}
#: data assertions that name or count individuals: a graph holding them is not summarised
NOT_SUMMARISABLE = {f"<{OWL.sameAs}>", f"<{OWL.differentFrom}>"}


def exactness_problems(ontology: Graph) -> list[str]:
    """Why the summary of a graph under `ontology` might be inconsistent when the graph is not (empty: exact)."""
    used = set(ontology.predicates()) | set(ontology.objects(None, RDF.type))
    problems = [f"the ontology uses {term.n3(ontology.namespace_manager)}" for term in sorted(used & NOT_EXACT)]
    for rng in sorted(set(ontology.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#range")))):
        if str(rng).startswith(_XSD) and str(rng) not in NUMERIC and str(rng) not in LEXICAL:
            problems.append(f"the ontology uses the datatype {rng} as a range")
    return problems


def triples(ntriples: str) -> Iterator[tuple[str, str, str]]:
    """Subject, predicate and object of each line of canonical N-Triples (one triple a line, terms separated by
    one space, ending in " .", as Oxigraph and rdflib write it), as written."""
    for line in ntriples.splitlines():
        if line and line[0] != "#":
            s, p, o = line.split(" ", 2)
            yield s, p, o[:-2].rstrip()


def literal_parts(o: str) -> tuple[str, str]:
    """(lexical form as written, datatype-or-language key) of an N-Triples literal."""
    end = o.rfind('"')
    tail = o[end + 1 :]
    if tail.startswith("^^<"):
        return o[1:end], tail[3:-1]
    if tail.startswith("@"):
        return o[1:end], "@"  # every language tag contradicts the same ranges
    return o[1:end], _XSD + "string"


class Signature(NamedTuple):
    """What an individual's entailments depend on: its classes, the object properties it has and is the value of,
    and the data properties it has (N-Triples IRIs). Equal signatures are one object (interned)."""

    types: frozenset[str]
    out: frozenset[str]
    into: frozenset[str]
    data: frozenset[str]


@dataclass
class Summary:
    """The summary graph as N-Triples lines, and how many individuals it stands for with how many."""

    lines: list[str]
    individuals: int
    representatives: int


class Summariser:
    """Two passes over the same documents: `index` every document, then `summary`."""

    def __init__(self, keep: Iterable[str] = (), skip_predicates: Iterable[str] = ()):
        self.keep = set(keep)  # individuals kept as themselves ("<iri>")
        self.skip = set(skip_predicates)
        self.nodes: dict[str, Signature] = {}
        self._interned: dict[Signature, Signature] = {}
        self.summarisable = True

    def index(self, ntriples: str, backward: frozenset[str] = frozenset()) -> tuple[dict[str, int], set[str]]:
        """Index one document's canonical N-Triples (see `triples`). Returns, from the same pass, the nodes the
        document describes (its subjects), each with a fingerprint of its lines (equal descriptions, equal
        fingerprints, whatever the order of the lines), and the nodes it points at along a predicate of
        `backward`."""
        local: dict[str, tuple[set[str], set[str], set[str], set[str]]] = {}
        skip = self.skip
        subjects: dict[str, int] = {}
        pointed: set[str] = set()
        for line in ntriples.splitlines():
            if not line or line[0] == "#":
                continue
            s, p, o = line.split(" ", 2)
            subjects[s] = subjects.get(s, 0) + hash(line)
            o = o[:-2].rstrip()
            if p in backward:
                pointed.add(o)
            if p in skip:
                continue
            sig = local.get(s)
            if sig is None:
                sig = local[s] = (set(), set(), set(), set())
            if p == RDF_TYPE:
                sig[0].add(o)
            elif o[0] == '"':
                sig[3].add(p)
            else:
                if p in NOT_SUMMARISABLE:
                    self.summarisable = False
                sig[1].add(p)
                target = local.get(o)
                if target is None:
                    target = local[o] = (set(), set(), set(), set())
                target[2].add(p)
        nodes, interned = self.nodes, self._interned
        for node, (types, out, into, data) in local.items():
            old = nodes.get(node)
            if old is not None:
                types, out, into, data = old.types | types, old.out | out, old.into | into, old.data | data
            sig = Signature(frozenset(types), frozenset(out), frozenset(into), frozenset(data))
            nodes[node] = interned.setdefault(sig, sig)
        return subjects, pointed

    def summary(self, documents: Iterable[str]) -> Summary:
        """The summary of the documents given to `index` (given again, in any order)."""
        reps: dict[Signature, str] = {}
        node_rep: dict[str, str] = {}
        for node, sig in self.nodes.items():
            if node in self.keep:
                node_rep[node] = node
                continue
            rep = reps.get(sig)
            if rep is None:
                rep = reps[sig] = f"<urn:hkg:summary:{len(reps)}>"
            node_rep[node] = rep
        out: set[str] = set()
        values: dict[tuple[str, str, str], _Values] = {}
        skip = self.skip
        for ntriples in documents:
            for s, p, o in triples(ntriples):
                if p in skip:
                    continue
                rs = node_rep[s]
                if p == RDF_TYPE:
                    out.add(f"{rs} {p} {o} .")
                elif o[0] == '"':
                    lexical, kind = literal_parts(o)
                    slot = values.get((rs, p, kind))
                    if slot is None:
                        slot = values[(rs, p, kind)] = _Values(kind)
                    elif slot.settled:
                        continue
                    slot.add(lexical, o)
                else:
                    out.add(f"{rs} {p} {node_rep[o]} .")
        for (rs, p, _), slot in values.items():
            out.update(f"{rs} {p} {o} ." for o in slot.kept())
        return Summary(sorted(out), len(self.nodes), len(reps))


class _Values:
    """The values of one property of one representative that can contradict a range (see the module docstring)."""

    __slots__ = ("numeric", "known", "pattern", "low", "high", "kept_values", "valid_seen", "fraction_seen", "settled")

    def __init__(self, kind: str):
        self.numeric = kind in NUMERIC
        self.known = kind == "@" or kind in LEXICAL
        self.pattern = LEXICAL.get(kind)
        self.low: tuple[Decimal, str] | None = None
        self.high: tuple[Decimal, str] | None = None
        self.kept_values: dict[str, None] = {}  # an insertion-ordered set of literals, as written
        self.valid_seen = self.fraction_seen = False
        self.settled = False  # nothing more of this kind can change what is kept (plain text, once one is kept)

    def add(self, lexical: str, literal: str) -> None:
        if self.numeric:
            try:
                value = Decimal(lexical.strip())
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite():  # not a number, or INF/NaN: kept as written
                self.kept_values[literal] = None
                return
            if self.low is None or value < self.low[0]:
                self.low = (value, literal)
            if self.high is None or value > self.high[0]:
                self.high = (value, literal)
            if not self.fraction_seen and value != value.to_integral_value():
                self.fraction_seen = True
                self.kept_values[literal] = None
        elif not self.known or (self.pattern is not None and not self.pattern.fullmatch(lexical)):
            self.kept_values[literal] = None  # an unknown datatype, or ill-formed for its own datatype
        elif not self.valid_seen:
            self.valid_seen = True
            self.kept_values[literal] = None
            self.settled = self.pattern is None

    def kept(self) -> list[str]:
        found = dict(self.kept_values)
        for bound in (self.low, self.high):
            if bound is not None:
                found[bound[1]] = None
        return list(found)
