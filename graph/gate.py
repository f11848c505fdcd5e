"""The validation gate: SHACL shapes (pySHACL) plus an OWL consistency check (owlready2/HermiT).

SHACL: https://www.w3.org/TR/shacl/ ; never raises for a violation, returns a `GateResult`.

A build is gated in pieces that add up to the whole graph (graph/build.py):
- each document's graph on its own (`check_document`, in the build's worker processes);
- the nodes that several documents describe, over the union of what the documents say of them and of their
  neighbours (`check_shared`): the only places where the union can break a shape that every document passes;
- the OWL consistency of the whole graph through its summary (graph/consistency.py).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from rdflib import RDF, Graph, URIRef, Variable
from rdflib.namespace import SH
from rdflib.term import Node

from hkg.graph.vocab import PREFIXES

log = logging.getLogger(__name__)


class Finding(NamedTuple):
    """One validation result: the node, the property path, what is wrong, and how bad it is."""

    focus: Node | None
    path: Node | None
    message: str
    severity: str


@dataclass(frozen=True)
class GateResult:
    """Outcome of `check`: `conforms` is False when any Violation (not Warning) was found."""

    conforms: bool
    text: str
    results: list[Finding] = field(default_factory=list)
    report_graph: Graph | None = field(default=None, compare=False, repr=False)

    @property
    def violations(self) -> list[Finding]:
        return [r for r in self.results if r.severity == "Violation"]


def _read_package_ttl(package: str, names: list[str] | None = None) -> Graph:
    g = Graph()
    root = resources.files(package)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ttl") and (names is None or entry.name in names):
            g.parse(data=entry.read_text(encoding="utf-8"), format="turtle", publicID=f"file:///{entry.name}")
    return g


@functools.cache
def shapes_graph() -> Graph:
    """All SHACL shapes of `shapes/*.ttl` in one graph (cached: do not modify it)."""
    return _read_package_ttl("hkg.shapes")


@functools.cache
def ontology_graph() -> Graph:
    """The hkg OWL ontology (`ontology/hkg.ttl` plus `ontology/components/*.ttl`; cached: do not modify it)."""
    g = _read_package_ttl("hkg.ontology", ["hkg.ttl"])
    components = resources.files("hkg.ontology").joinpath("components")
    if components.is_dir():
        for entry in sorted(components.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".ttl"):
                g.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
    return g


def short(node: Node | None, graph: Graph) -> str:
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except (ValueError, KeyError):
            return f"<{node}>"
    return node.n3()


def _findings(report: Graph) -> list[Finding]:
    out = []
    for res in report.objects(None, SH.result):
        severity = report.value(res, SH.resultSeverity)
        messages = [str(m) for m in report.objects(res, SH.resultMessage)]
        out.append(
            Finding(
                focus=report.value(res, SH.focusNode),
                path=report.value(res, SH.resultPath),
                message="; ".join(sorted(messages)) or "(no message)",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    return sorted(out, key=lambda f: (f.severity, str(f.focus), str(f.path), f.message))


#: SHACL engines: pySHACL is the reference; pyshacl-turbo (same `validate()` call, Rust core) is used when it is
#: installed, since it is about ten times faster; tests/test_shapes.py runs every case on both.
ENGINES = ("pyshacl", "turbo")


def available_engines() -> list[str]:
    """The SHACL engines installed here, the fastest first."""
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return ["pyshacl"]
    return ["turbo", "pyshacl"]


def _engine(engine: str) -> str:
    if engine == "auto":
        return available_engines()[0]
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; use one of {ENGINES}")
    return engine


@functools.cache
def _compiled_shapes():
    """The shapes compiled once per process by pyshacl-turbo's Rust core."""
    from pyshacl_turbo import CompiledShapes

    return CompiledShapes(shapes_graph(), advanced=True)


def _report(conforms, report, text) -> tuple[bool, list[Finding], Graph]:
    if not isinstance(report, Graph):  # the engine could not run the shapes: a bug in shapes/, not in the data
        log.error("SHACL validation failed: %s", text)
        return False, [Finding(None, None, f"SHACL validation could not run: {text}", "Violation")], Graph()
    return bool(conforms), _findings(report), report


_OPTIONS = {"allow_warnings": True, "abort_on_first": False}


def _shacl(data: Graph | str, engine: str = "auto", focus: Sequence[str] | None = None):
    """Validate an rdflib Graph or N-Triples text (parsed by the engine itself when it is pyshacl-turbo)."""
    focus_nodes = [URIRef(f) for f in focus] if focus is not None else None
    if _engine(engine) == "turbo":
        from pyshacl_turbo.rdf import Input

        source = Input(data, "nt", None, {}) if isinstance(data, str) else data
        return _report(*_compiled_shapes().validate(source, focus_nodes=focus_nodes, **_OPTIONS))
    from pyshacl import validate  # imported here: it takes a while, and pyshacl-turbo does not need it

    if isinstance(data, str):
        data = Graph().parse(data=data, format="nt")
    result = validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, focus_nodes=focus_nodes, **_OPTIONS
    )
    return _report(*result)


# ------------------------------------------------------------------ the nodes several documents describe


def _triple_patterns(node):
    """Every triple pattern of a parsed SPARQL query (translated BGPs, and the untranslated ones inside
    FILTER [NOT] EXISTS, which rdflib keeps as flat s p o s p o ... lists)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        for entry in node.get("triples") or ():
            flat = list(entry)
            yield from (tuple(flat[i : i + 3]) for i in range(0, len(flat) - 2, 3))
        for key, value in node.items():
            if key != "triples":
                yield from _triple_patterns(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _triple_patterns(value)


def _iris(term) -> set[URIRef]:
    if isinstance(term, URIRef):
        return {term}
    found = set()
    for part in getattr(term, "args", None) or [getattr(term, "path", None) or getattr(term, "arg", None)]:
        if part is not None and part is not term:
            found |= _iris(part)
    return found


@functools.cache
def _sparql_patterns() -> tuple[tuple, ...]:
    """The triple patterns of every SPARQL target and constraint of the shapes."""
    from rdflib.plugins.sparql import prepareQuery

    g = shapes_graph()
    prefixes = {str(g.value(d, SH.prefix)): str(g.value(d, SH.namespace)) for d in g.objects(None, SH.declare)}
    return tuple(
        pattern
        for text in g.objects(None, SH.select)
        for pattern in _triple_patterns(prepareQuery(str(text), initNs=prefixes).algebra)
    )


def _backward_predicates() -> frozenset[str]:
    """Predicates the shapes follow backwards, from the node they check to a subject that points at it:
    sh:inversePath, and triple patterns of their SPARQL with $this as the object (the provenance shapes find a
    fact's statement through rdf:subject). A document that only points at a node along one of these still says
    something the shapes check of that node."""
    return _predicates()[0]


def _forward_predicates() -> frozenset[str]:
    """Every predicate the shapes name in a path or a SPARQL pattern: the values a shape can look at from the
    node it checks are reached along these."""
    return _predicates()[1]


@functools.cache
def _predicates() -> tuple[frozenset[str], frozenset[str]]:
    """(backward, forward) predicates as N-Triples IRIs, derived from the shapes once and kept in hkg's cache
    (graph/cache.py): parsing the shapes' SPARQL takes a quarter of a second."""
    from hkg.graph import cache

    shapes = sorted(
        (e for e in resources.files("hkg.shapes").iterdir() if e.name.endswith(".ttl")), key=lambda e: e.name
    )
    files = [*shapes, Path(__file__)]
    backward, forward = cache.cached("shape-predicates", cache.digest(files, ["rdflib"]), _derive_predicates)
    return frozenset(backward), frozenset(forward)


def _derive_predicates() -> tuple[list[str], list[str]]:
    g = shapes_graph()
    backward = {p for p in g.objects(None, SH.inversePath) if isinstance(p, URIRef)}
    this = Variable("this")
    for _, predicate, obj in _sparql_patterns():
        if obj == this:
            backward |= _iris(predicate)
    forward: set[URIRef] = set()
    for path in g.objects(None, SH.path):
        stack = [path]
        while stack:
            node = stack.pop()
            if isinstance(node, URIRef):
                forward.add(node)
            else:  # a path expression: its lists and nested paths
                stack.extend(o for p, o in g.predicate_objects(node) if p != RDF.type)
    for _, predicate, _ in _sparql_patterns():
        forward |= _iris(predicate)
    return sorted(f"<{p}>" for p in backward), sorted(f"<{p}>" for p in forward if p != RDF.nil)


class Union:
    """The documents of a build, indexed one by one as they are built, for the checks of their union: the
    nodes several documents describe (`shared`), and with `owl` the summariser of the OWL check.

    A node that every document describing it describes alike (the same lines: a vocabulary concept, an
    extractor), and that no document points at along a predicate the shapes follow backwards, is not shared:
    the union says of it what each document says, which passed the shapes already."""

    def __init__(self, owl: bool = True):
        from hkg.graph import consistency

        self.summariser = consistency.new_summariser() if owl else None
        self.shared: set[str] = set()
        self._first: dict[str, tuple[int, object]] = {}  # node -> (first document, fingerprint there)
        self._count = 0
        self._backward = _backward_predicates()

    def add(self, ntriples: str) -> None:
        i, first, backward, shared = self._count, self._first, self._backward, self.shared
        self._count += 1
        if self.summariser is not None:  # one pass over the lines for both
            subjects, pointed = self.summariser.index(ntriples, backward)
        else:
            subjects, pointed = {}, set()
            for line in ntriples.splitlines():
                if line:
                    s, p, o = line.split(" ", 2)
                    subjects[s] = subjects.get(s, 0) + hash(line)
                    if p in backward:
                        pointed.add(o[:-2].rstrip())
        for node in pointed:
            subjects[node] = _POINTED
        for node, print_ in subjects.items():
            seen = first.setdefault(node, (i, print_))
            if seen[0] != i and (print_ is _POINTED or seen[1] is _POINTED or seen[1] != print_):
                shared.add(node)


#: the fingerprint of a node pointed at along a backward predicate: equal to no other
_POINTED = object()


def shared_nodes(documents: Sequence[str]) -> set[str]:
    """Nodes ("<iri>") that more than one document's N-Triples describe, or point at along a predicate the shapes
    follow backwards."""
    union = Union(owl=False)
    for nt in documents:
        union.add(nt)
    return union.shared


def _neighbourhood(documents: Sequence[str], nodes: set[str]) -> str:
    """N-Triples of what any document says of `nodes`, of the subjects pointing at them along a predicate the
    shapes follow backwards, and of the nodes they point at along a predicate the shapes name (whose types and
    values the shapes check)."""
    backward, forward = _backward_predicates(), _forward_predicates()
    lines: set[str] = set()
    around: set[str] = set()
    for nt in documents:
        for line in nt.splitlines():
            s, p, o = line.split(" ", 2)
            if s in nodes:
                lines.add(line)
                if o[0] != '"' and p in forward:
                    around.add(o[:-2])
            elif p in backward and o[:-2] in nodes:
                lines.add(line)
                around.add(s)
    around -= nodes
    for nt in documents:
        for line in nt.splitlines():
            if line.split(" ", 1)[0] in around:
                lines.add(line)
    return "\n".join(sorted(lines)) + "\n"


def check_document(ntriples: str, engine: str = "auto") -> GateResult:
    """SHACL validation of one document's graph (N-Triples text) on its own."""
    conforms, findings, report = _shacl(ntriples, engine)
    return _result(conforms, findings, report)


def check_shared(documents: Sequence[str], engine: str = "auto", shared: set[str] | None = None) -> GateResult:
    """SHACL validation of the nodes several documents describe, over everything the documents say of them.

    With `check_document` passing on every document this completes the validation of their union: any other
    focus node has all its triples, and every node pointing at it along a predicate the shapes follow backwards,
    in one document; what the union adds to a neighbour (more types, more values) cannot break the shapes'
    sh:class, sh:node and sh:hasValue checks on it, which only ask for something to be there.
    tests/test_gate.py cuts every broken graph of tests/shapes/cases into documents and checks that the pieces
    find what validating the whole finds.
    """
    if shared is None:
        shared = shared_nodes(documents)
    if not shared:
        return _result(True, [], None)
    conforms, findings, report = _shacl(
        _neighbourhood(documents, shared), engine, focus=sorted(s[1:-1] for s in shared)
    )
    return _result(conforms, findings, report)


def format_findings(findings: list[Finding], graph: Graph | None = None) -> str:
    """One line per finding: severity, focus node, path, message."""
    g = graph if graph is not None else _prefixed_graph()
    return "\n".join(f"{f.severity}: {short(f.focus, g)} {short(f.path, g)}: {f.message}" for f in findings)


def _prefixed_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def check_owl(data: Graph) -> GateResult:
    """Only the OWL consistency check of `data` with the ontology (a missing Java gives a Warning)."""
    from hkg.graph import consistency

    return consistency.check_documents([data.serialize(format="nt")])


def _result(conforms: bool, findings: list[Finding], report: Graph | None) -> GateResult:
    violations = sum(f.severity == "Violation" for f in findings)
    head = "Conforms." if conforms else f"Does not conform: {violations} violation(s)."
    body = format_findings(findings)
    return GateResult(conforms, head + ("\n" + body if body else ""), findings, report)


def check(data: Graph, *, owl: bool = True, engine: str = "auto") -> GateResult:
    """Validate `data` against the shapes (and, if `owl`, the ontology); never raises for a violation.
    `engine` is "auto" (the fastest installed), "pyshacl" or "turbo"."""
    conforms, findings, report = _shacl(data, engine)
    if owl:
        owl_findings = check_owl(data).results
        findings = findings + owl_findings
        conforms = conforms and not any(f.severity == "Violation" for f in owl_findings)
    result = _result(conforms, findings, report)
    log.info("gate: %s (%d findings)", result.text.split("\n", 1)[0], len(findings))
    return result
