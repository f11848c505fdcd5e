"""The build's gate in pieces (graph/gate.py): every document on its own, then what documents share.

The pieces must never let through a violation that validating the union in one piece finds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from hkg.graph import gate, pipeline

HERE = Path(__file__).parent
CASES = sorted((HERE / "shapes" / "cases").glob("*.ru"))
CORPUS = HERE.parent / "corpus"
UNSEEN = HERE / "fixtures" / "unseen"


def _split(g: Graph, parts: int, seed: int) -> list[str]:
    """The graph cut into `parts` documents at random, triple by triple; every document types the nodes it
    mentions, as hkg's documents do."""
    types: dict = {}
    for s, o in g.subject_objects(RDF.type):
        types.setdefault(s, []).append(o)
    docs: list[Graph] = [Graph() for _ in range(parts)]
    for s, p, o in g:
        if p == RDF.type:
            continue
        k = int(hashlib.sha256(f"{seed} {s} {p} {o}".encode()).hexdigest(), 16) % parts
        docs[k].add((s, p, o))
        for node in (s, o):
            for t in types.get(node, ()):
                docs[k].add((node, RDF.type, t))
    for node, ts in types.items():  # a node typed and nothing else
        for t in ts:
            docs[0].add((node, RDF.type, t))
    return [d.serialize(format="nt") for d in docs]


def _pieces_conform(documents: list[str]) -> bool:
    return all(gate.check_document(nt).conforms for nt in documents) and gate.check_shared(documents).conforms


def _piece_findings(documents: list[str]) -> set:
    found = set(gate.check_shared(documents).results)
    for nt in documents:
        found.update(gate.check_document(nt).results)
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_a_finding_is_found_however_the_graph_is_cut_into_documents(case):
    g = Graph().parse(HERE / "shapes" / "valid.ttl")
    g.update(case.read_text(encoding="utf-8"))
    whole = set(gate.check(g, owl=False).results)
    assert whole
    for parts, seed in ((2, 1), (3, 2)):
        missed = whole - _piece_findings(_split(g, parts, seed))
        assert not missed, f"{case.stem}: cut into {parts}, the pieces miss {missed}"


def _built(folder: Path) -> list[str]:
    options = pipeline.BuildOptions("http://example.org/", 5_000_000, validate=False)
    return [pipeline.build_one(str(p), options).ntriples for p in sorted(folder.glob("*.txt"))]


def test_documents_that_conform_pass_in_pieces_as_in_one():
    documents = _built(CORPUS) + _built(UNSEEN)
    whole = Graph()
    for nt in documents:
        whole.parse(data=nt, format="nt")
    assert gate.check(whole, owl=False).conforms
    assert _pieces_conform(documents)


def test_two_documents_that_give_a_hospital_two_addresses_fail_together_only():
    one = _built(CORPUS)[4]
    hospital = next(line.split(" ")[0] for line in one.splitlines() if line.split(" ")[2].endswith("#Hospital>"))
    other = (
        f"{hospital} <{RDF.type}> <https://w3id.org/hkg/ontology#Hospital> .\n"
        f'{hospital} <http://www.w3.org/2000/01/rdf-schema#label> "H" .\n'
        f"{hospital} <https://schema.org/address> <http://example.org/address/2> .\n"
        f"<http://example.org/address/2> <{RDF.type}> <https://schema.org/PostalAddress> .\n"
        f'<http://example.org/address/2> <https://schema.org/addressLocality> "Elsewhere" .\n'
    )
    if "<https://schema.org/address>" not in one:
        pytest.skip("the sample document gives its hospital no address")
    assert gate.check_document(one).conforms and gate.check_document(other).conforms
    shared = gate.check_shared([one, other])
    assert not shared.conforms
    assert "at most one address" in shared.text


@pytest.mark.parametrize("fork_from", [0, 10**9], ids=["forked", "in-process"])
def test_the_build_checks_shared_nodes_in_a_forked_process_with_the_same_verdict(monkeypatch, fork_from):
    from hkg.graph import build

    one = _built(CORPUS)[4]
    hospital = next(line.split(" ")[0] for line in one.splitlines() if line.split(" ")[2].endswith("#Hospital>"))
    if "<https://schema.org/address>" not in one:
        pytest.skip("the sample document gives its hospital no address")
    other = (
        f"{hospital} <{RDF.type}> <https://w3id.org/hkg/ontology#Hospital> .\n"
        f'{hospital} <http://www.w3.org/2000/01/rdf-schema#label> "H" .\n'
        f"{hospital} <https://schema.org/address> <http://example.org/address/2> .\n"
        f"<http://example.org/address/2> <{RDF.type}> <https://schema.org/PostalAddress> .\n"
    )
    monkeypatch.setattr(build._SharedCheck, "FORK_FROM", fork_from)
    for documents, conforms in (([one, other], False), ([one, one], True)):
        shared = gate.shared_nodes(documents)
        check = build._SharedCheck(documents, shared)
        assert (check.process is not None) == (fork_from == 0 and bool(shared))
        found = check.result()
        expected = gate.check_shared(documents, shared=shared)
        assert found.conforms is conforms is expected.conforms
        assert found.text == expected.text


def test_a_node_every_document_describes_alike_is_not_checked_again_but_one_described_otherwise_is():
    one = _built(CORPUS)[0]
    concept = next(line.split(" ")[0] for line in one.splitlines() if "/vocab/procedure/" in line.split(" ")[0])
    assert concept not in gate.shared_nodes([one, one])
    relabelled = one.replace(
        f'{concept} <http://www.w3.org/2004/02/skos/core#prefLabel> "',
        f'{concept} <http://www.w3.org/2004/02/skos/core#prefLabel> "other ',
        1,
    )
    assert relabelled != one
    assert concept in gate.shared_nodes([one, relabelled])
    # a node statements point at (rdf:subject, which the provenance shapes follow backwards) stays shared
    subject = next(line.split(" ")[2] for line in one.splitlines() if "22-rdf-syntax-ns#subject>" in line)
    assert subject in gate.shared_nodes([one, one])
