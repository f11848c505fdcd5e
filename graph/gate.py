"""The validation gate: SHACL shapes (pySHACL) plus an OWL consistency check (owlready2/HermiT).

SHACL: https://www.w3.org/TR/shacl/ ; never raises for a violation, returns a `GateResult`.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from pyshacl import validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL, RDFS, SH
from rdflib.term import Node

from hkg.graph.vocab import PREFIXES

log = logging.getLogger(__name__)

#: reification triples carry no OWL meaning, and rdf:predicate's values (properties) would be punned
_NOT_FOR_OWL = {RDF.subject, RDF.predicate, RDF.object}


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


def _short(node: Node | None, graph: Graph) -> str:
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


def _validator(engine: str):
    if engine == "auto":
        engine = available_engines()[0]
    if engine == "turbo":
        from pyshacl_turbo import validate as turbo_validate

        return turbo_validate
    if engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r}; use one of {ENGINES}")
    return validate


def _shacl(data: Graph, engine: str = "auto") -> tuple[bool, list[Finding], Graph]:
    conforms, report, _text = _validator(engine)(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    if not isinstance(report, Graph):  # pySHACL could not run the shapes: a bug in shapes/, not in the data
        log.error("SHACL validation failed: %s", _text)
        return False, [Finding(None, None, f"SHACL validation could not run: {_text}", "Violation")], Graph()
    return bool(conforms), _findings(report), report


def _disjoint_pairs(onto: Graph) -> list[tuple[URIRef, URIRef]]:
    pairs = [(a, b) for a, b in onto.subject_objects(OWL.disjointWith)]
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(onto.items(onto.value(node, OWL.members)))
        pairs += [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
    return pairs


def _explain_inconsistency(data: Graph) -> list[Finding]:
    """Point at nodes typed with two disjoint classes (the usual cause); cheap, rdflib only."""
    onto = ontology_graph()
    supers: dict[Node, set[Node]] = {}
    for node, cls in data.subject_objects(RDF.type):
        closure = {cls} | set(onto.transitive_objects(cls, RDFS.subClassOf))
        supers.setdefault(node, set()).update(closure)
    found = []
    for a, b in _disjoint_pairs(onto):
        for node, types in supers.items():
            if a in types and b in types:
                msg = f"Is both {_short(a, onto)} and {_short(b, onto)}, which the ontology declares disjoint."
                found.append(Finding(node, RDF.type, msg, "Violation"))
    if not found:
        msg = "The data contradicts the ontology (HermiT: inconsistent); no node has two disjoint types."
        found.append(Finding(None, None, msg, "Violation"))
    return found


def _owl_input(data: Graph) -> Graph:
    g = Graph()
    for triple in ontology_graph():
        g.add(triple)
    for s, p, o in data:
        if p not in _NOT_FOR_OWL:
            g.add((s, p, o))
    return g


def _owl(data: Graph) -> list[Finding]:
    """HermiT consistency of data + ontology; a missing Java or a reasoner crash is a Warning."""
    import owlready2

    if shutil.which(owlready2.JAVA_EXE) is None:
        return [Finding(None, None, "OWL consistency not checked: no Java runtime on PATH.", "Warning")]
    with tempfile.TemporaryDirectory(prefix="hkg-gate-") as tmp:
        path = Path(tmp) / "data.nt"
        _owl_input(data).serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(path.as_uri()).load()
            owlready2.sync_reasoner_hermit(
                world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
            )
        except owlready2.OwlReadyInconsistentOntologyError:
            return _explain_inconsistency(data)
        except (subprocess.CalledProcessError, OSError) as err:
            log.warning("HermiT failed: %s", err)
            return [Finding(None, None, f"OWL consistency not checked: HermiT failed ({err}).", "Warning")]
        finally:
            world.close()
    return []


def format_findings(findings: list[Finding], graph: Graph | None = None) -> str:
    """One line per finding: severity, focus node, path, message."""
    g = graph if graph is not None else _prefixed_graph()
    return "\n".join(f"{f.severity}: {_short(f.focus, g)} {_short(f.path, g)}: {f.message}" for f in findings)


def _prefixed_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def check_owl(data: Graph) -> GateResult:
    """Only the OWL consistency check of `data` with the ontology (a missing Java gives a Warning)."""
    findings = _owl(data)
    conforms = not any(f.severity == "Violation" for f in findings)
    head = "Consistent with the ontology." if conforms else "Inconsistent with the ontology."
    body = format_findings(findings)
    return GateResult(conforms, head + ("\n" + body if body else ""), findings)


def check(data: Graph, *, owl: bool = True, engine: str = "auto") -> GateResult:
    """Validate `data` against the shapes (and, if `owl`, the ontology); never raises for a violation.
    `engine` is "auto" (the fastest installed), "pyshacl" or "turbo"."""
    conforms, findings, report = _shacl(data, engine)
    if owl:
        owl_findings = _owl(data)
        findings = findings + owl_findings
        conforms = conforms and not any(f.severity == "Violation" for f in owl_findings)
    violations = sum(f.severity == "Violation" for f in findings)
    head = "Conforms." if conforms else f"Does not conform: {violations} violation(s)."
    body = format_findings(findings)
    log.info("gate: %s (%d findings)", head, len(findings))
    return GateResult(conforms, head + ("\n" + body if body else ""), findings, report)
