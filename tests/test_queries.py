"""Competency queries on the graph of a small invented document: what each answers, row by row."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph

from hkg.cli import main

QUERIES = Path(__file__).resolve().parent.parent / "queries"


def answers(tmp_path, text: str, cq: str) -> list[dict]:
    doc = tmp_path / "doc.txt"
    doc.write_text(text)
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(doc), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    g = Graph()
    g.parse(out)
    query = next(QUERIES.glob(cq + "-*.rq")).read_text()
    return [{k: str(v) for k, v in row.asdict().items()} for row in g.query(query)]


def test_people_roles_once_when_as_written_and_label_differ_only_in_case(tmp_path):
    rows = answers(
        tmp_path,
        "Kidney Department\n\nHead nurse Sun Li is a deputy chief nurse. Dr Mark Olsen is the Clinical Director.",
        "cq11",
    )
    sun = sorted(r["role"] for r in rows if r["personName"] == "Sun Li")
    assert sun == ["Head nurse", "deputy chief nurse"]
    olsen = sorted(r["role"] for r in rows if r["personName"] == "Mark Olsen")
    assert "Clinical Director" in olsen and "director" in olsen  # as written and normalised, when they differ


def test_a_hospital_named_in_passing_is_mentioned_not_described(tmp_path):
    text = (
        "Department of Respiratory Medicine, Riverside General Hospital\n\n"
        "The department of Riverside General Hospital has 40 beds. Its outpatient clinic stands beside the old "
        "Northfield Royal Infirmary building. Riverside General Hospital was founded in 1921."
    )
    hospitals = {r.get("name") for r in answers(tmp_path, text, "cq01")}
    assert hospitals == {"Riverside General Hospital"}
    g = Graph().parse(tmp_path / "g.ttl")
    mentioned = g.query(
        "PREFIX schema: <https://schema.org/> "
        'SELECT ?h WHERE { ?d schema:mentions ?h . ?h schema:name "Northfield Royal Infirmary" }'
    )
    assert len(mentioned) == 1  # still in the graph, as a hospital the document names
