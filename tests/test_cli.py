"""The command line as a user meets it: help texts, one-line errors, exit codes, atomic and repeatable builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from hkg import __version__
from hkg.cli import main
from hkg.graph import store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture
def runner():
    return CliRunner()


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", ["build", "validate", "query", "serve", "docs"])
def test_every_subcommand_help_names_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "hkg " + command in result.output


def test_build_missing_path_is_one_line_and_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and "nope" in lines[-1]
    assert "Traceback" not in result.output
    assert not (tmp_path / "g.ttl").exists()


def test_build_unknown_suffix_fails_before_work(runner, tmp_path):
    result = runner.invoke(main, ["build", str(CORPUS / "000_f5cc3f4de3b39859.txt"), "-o", str(tmp_path / "g.xyz")])
    assert result.exit_code == 2
    assert ".ttl" in result.output


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_build_corpus_writes_nonempty_turtle(sample_graph):
    g = Graph().parse(sample_graph)
    assert len(g) > 500


def test_rebuild_gives_isomorphic_graph_with_same_iris(sample_graph, tmp_path, runner):
    again = tmp_path / "again.ttl"
    result = runner.invoke(main, ["build", str(CORPUS), "-o", str(again), "--quiet"])
    assert result.exit_code == 0, result.output
    a, b = Graph().parse(sample_graph), Graph().parse(again)
    assert isomorphic(a, b)
    assert set(a.subjects()) == set(b.subjects())


def test_document_order_does_not_change_iris(tmp_path, runner):
    docs = sorted(CORPUS.glob("*.txt"))[:2]
    out1, out2 = tmp_path / "1.nt", tmp_path / "2.nt"
    assert runner.invoke(main, ["build", str(docs[0]), str(docs[1]), "-o", str(out1), "-q"]).exit_code == 0
    assert runner.invoke(main, ["build", str(docs[1]), str(docs[0]), "-o", str(out2), "-q"]).exit_code == 0
    assert isomorphic(Graph().parse(out1), Graph().parse(out2))


def test_bad_documents_are_skipped_and_the_rest_built(tmp_path, runner):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(CORPUS / "004_762b254b7fe9d5e8.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    out = tmp_path / "g.ttl"
    result = runner.invoke(main, ["build", str(folder), "-o", str(out), "-q"])
    assert result.exit_code == 4, result.output
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert "Traceback" not in result.output
    g = Graph().parse(out)
    assert any("good" in str(s) for s in g.subjects())


def test_failed_build_leaves_previous_graph(tmp_path, runner):
    out = tmp_path / "g.ttl"
    out.write_text("# the last good graph\n")
    result = runner.invoke(main, ["build", str(tmp_path / "missing-folder"), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text() == "# the last good graph\n"


def test_validate_sample_graph_conforms(sample_graph, runner):
    result = runner.invoke(main, ["validate", str(sample_graph), "--no-owl"])
    assert result.exit_code == 0, result.output


def test_store_build_and_rebuild_reuses_unchanged_documents(tmp_path, runner):
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(f, folder / f.name)
    store = tmp_path / "store"
    first = runner.invoke(main, ["build", str(folder), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "2 built" in first.output
    second = runner.invoke(main, ["build", str(folder), "--store", str(store)])
    assert second.exit_code == 0, second.output
    assert "0 built, 2 unchanged" in second.output


def test_documents_that_disagree_do_not_fail_the_gate(tmp_path, runner):
    """Two pages about one named unit may give its partnership a different kind and its honour a different year;
    the graph keeps both readings instead of failing the gate (regression found by the build benchmark)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The Department of Cardiology of Riverside General Hospital cooperates with Lakeside Hospital in Toronto, "
        "Canada for clinical trials. In 2015, the department was awarded the Provincial Key Clinical Specialty by "
        "the Provincial Health Commission.\n"
    )
    (folder / "b.txt").write_text(
        "The Department of Cardiology of Riverside General Hospital cooperates with Lakeside Hospital in Toronto, "
        "Canada for training. In 2016, the department was awarded the Provincial Key Clinical Specialty by the "
        "Provincial Health Commission.\n"
    )
    out = tmp_path / "g.ttl"
    result = runner.invoke(main, ["build", str(folder), "-o", str(out), "-q", "--no-owl"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "clinical trials" in text and "training" in text


def test_generic_hospital_names_are_not_shortened_into_one():
    from hkg.graph.extract import short_hospital_name

    assert short_hospital_name("Affiliated Hospital of Example Medical College") == (
        "Affiliated Hospital of Example Medical College"
    )
    assert short_hospital_name("Riverside Hospital of Example University") == "Riverside Hospital"


def test_graph_that_fails_the_gate_is_not_written_and_exit_is_1(tmp_path, runner, monkeypatch):
    from hkg.graph import gate

    def failing(ntriples, engine="auto"):
        return gate.GateResult(False, "Does not conform: 1 violation(s).\nViolation: <x> hkg:bedCount: test", [])

    monkeypatch.setattr(gate, "check_document", failing)
    out = tmp_path / "g.ttl"
    out.write_text("# the last good graph\n")
    result = runner.invoke(main, ["build", str(CORPUS / "004_762b254b7fe9d5e8.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert "failed the SHACL gate" in result.output and "Violation" in result.output
    assert out.read_text() == "# the last good graph\n"


def test_a_violation_names_the_document_it_is_in(tmp_path, runner, monkeypatch):
    """Documents are checked by the shapes in batches; a failing batch is checked document by document, so the
    report says which one fails."""
    from hkg.graph import gate

    real = gate.check_document

    def failing_for_b(ntriples, engine="auto"):
        if "/document/b" in ntriples:
            return gate.GateResult(False, "Does not conform: 1 violation(s).\nViolation: <x> hkg:bedCount: test", [])
        return real(ntriples, engine)

    monkeypatch.setattr(gate, "check_document", failing_for_b)
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"The Department of Surgery of {name.upper()} Hospital has 20 beds.\n")
    result = runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "g.ttl"), "-q", "--no-owl"])
    assert result.exit_code == 1
    assert "b.txt: Does not conform" in result.output
    assert "a.txt" not in result.output and "c.txt" not in result.output
    assert not (tmp_path / "g.ttl").exists()


def test_an_inconsistent_graph_is_not_written_and_leaves_no_temporary_file(tmp_path, runner, monkeypatch):
    """The graph file is written beside its target while HermiT works; an inconsistent verdict removes it."""
    from hkg.graph import consistency, gate

    def inconsistent(documents, summariser=None):
        return gate.GateResult(False, "Inconsistent with the ontology.\nViolation: <x> rdf:type: test", [])

    monkeypatch.setattr(consistency, "available", lambda: True)
    monkeypatch.setattr(consistency, "check_documents", inconsistent)
    out = tmp_path / "g.ttl"
    out.write_text("# the last good graph\n")
    result = runner.invoke(main, ["build", str(CORPUS / "004_762b254b7fe9d5e8.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert "inconsistent with the ontology" in result.output
    assert out.read_text() == "# the last good graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]


def test_one_or_two_jobs_and_a_rebuild_write_the_same_bytes_each_triple_once(tmp_path):
    """Cool URIs and repeatable files: the same corpus gives the same N-Triples file byte for byte, whatever
    `--jobs` says; a triple several documents state (an extractor, a concept, a shared hospital) is written once."""
    import importlib.util
    import subprocess
    import sys

    spec = importlib.util.spec_from_file_location("bench_synth_cli", ROOT / "bench" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = synth
    spec.loader.exec_module(synth)
    folder = tmp_path / "docs"
    synth.write_corpus(folder, 18, 3, None, facts=False)
    for f in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(f, folder / f.name)

    def build(name: str, jobs: int) -> bytes:
        out = tmp_path / name
        done = subprocess.run(
            [sys.executable, "-m", "hkg", "build", str(folder), "-o", str(out), "--jobs", str(jobs), "-q"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return out.read_bytes()

    one, two, again = build("1.nt", 1), build("2.nt", 2), build("again.nt", 1)
    assert one == two == again
    lines = one.decode("utf-8").splitlines()
    assert len(lines) == len(set(lines))
    agents = [line for line in lines if line.endswith("<http://www.w3.org/ns/prov#SoftwareAgent> .")]
    assert agents and len(agents) == len({line.split(" ", 1)[0] for line in agents})


def test_nquads_output_puts_each_document_in_its_named_graph(tmp_path, runner):
    """One named graph per document, written as canonical N-Quads: a space before the graph name
    (regression: the graph name was glued to the object)."""
    import pyoxigraph as ox

    docs = sorted(CORPUS.glob("*.txt"))[:2]
    out = tmp_path / "g.nq"
    result = runner.invoke(main, ["build", *map(str, docs), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "><" not in text and '"<' not in text
    quads = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(text.splitlines())
    assert {q.graph_name.value.rsplit("/", 1)[-1] for q in quads} == {d.stem.lower().replace("_", "-") for d in docs}


SPELLINGS = {"a": "VISUMAX femtosecond laser", "b": "VisuMax femtosecond laser", "c": "VisuMax femtosecond laser"}


def _write_spellings(folder: Path, spellings: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, device in spellings.items():
        (folder / f"{name}.txt").write_text(f"Department of Ophthalmology\n\nThe department uses the {device}.\n")


def _labels(quads) -> dict[str, set[str]]:
    """predicate name -> label texts of the one uncurated device concept."""
    found: dict[str, set[str]] = {}
    for q in quads:
        if (
            str(q.subject.value).endswith("/concept/equipment/visumax-femtosecond-laser")
            and "Label" in q.predicate.value
        ):
            found.setdefault(q.predicate.value.rsplit("#", 1)[1], set()).add(q.object.value)
    return found


@pytest.mark.parametrize("suffix", [".nt", ".nq", ".ttl"])
def test_documents_spelling_a_new_concept_in_other_cases_give_it_one_preferred_label(tmp_path, runner, suffix):
    """A concept the vocabularies lack takes its IRI from its label's slug, so 'VISUMAX ...' and 'VisuMax ...' in
    two documents are one concept; the build gives it the spelling most documents use as its one prefLabel and
    the other as an altLabel, whatever the order of the documents (regression: two prefLabels failed the gate)."""
    import pyoxigraph as ox

    for order, spellings in (("first", SPELLINGS), ("last", dict(zip("cba", SPELLINGS.values(), strict=True)))):
        folder = tmp_path / order
        _write_spellings(folder, spellings)
        out = tmp_path / f"{order}{suffix}"
        result = runner.invoke(main, ["build", str(folder), "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
        fmt = store.format_for(out)
        quads = list(ox.parse(path=str(out), format=fmt))
        assert _labels(quads) == {"prefLabel": {"VisuMax femtosecond laser"}, "altLabel": {"VISUMAX femtosecond laser"}}


def test_a_store_rebuild_keeps_a_preferred_label_when_the_document_giving_it_goes(tmp_path, runner):
    """Documents reused from the store keep their spelling (perhaps demoted to altLabel) and take part in the
    choice again: when the documents giving the preferred spelling are removed, another spelling becomes it."""
    import pyoxigraph as ox

    folder, st = tmp_path / "docs", tmp_path / "store"
    _write_spellings(folder, SPELLINGS)
    assert runner.invoke(main, ["build", str(folder), "--store", str(st), "-q"]).exit_code == 0
    for name in ("b", "c"):
        (folder / f"{name}.txt").unlink()
    result = runner.invoke(main, ["build", str(folder), "--store", str(st)])
    assert result.exit_code == 0, result.output
    assert "0 built, 1 unchanged" in result.output
    quads = list(ox.Store.read_only(str(st)).quads_for_pattern(None, None, None, None))
    assert _labels(quads) == {"prefLabel": {"VISUMAX femtosecond laser"}}


def test_a_unit_that_came_from_two_units_passes_the_gate_with_a_change_from_each(runner, tmp_path):
    doc = tmp_path / "geriatrics.txt"
    doc.write_text(
        "Department of Geriatrics\n\nThe Department of Geriatrics was separated from the Department of Internal "
        "Medicine. The Department of Geriatrics grew out of the Department of Rehabilitation.\n",
        encoding="utf-8",
    )
    out = tmp_path / "g.ttl"
    result = runner.invoke(main, ["build", str(doc), "-o", str(out)])
    assert result.exit_code == 0, result.output
    g = Graph().parse(out)
    changes = list(g.subjects(predicate=URIRef("http://www.w3.org/ns/org#originalOrganization")))
    assert len(changes) == len(set(changes)) == 2


def test_a_graph_the_shapes_engine_cannot_read_skips_its_document_with_a_message(runner, tmp_path, monkeypatch):
    from hkg.graph import gate

    def broken(ntriples, engine="auto"):
        raise ValueError("RDF parse error")

    monkeypatch.setattr(gate, "check_document", broken)
    doc = tmp_path / "a.txt"
    doc.write_text("Department of Geriatrics\n\nThe department has 40 beds.\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(doc), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code != 0
    assert "could not be checked" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "g.ttl").exists()
