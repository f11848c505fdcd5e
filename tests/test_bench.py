"""The benchmark corpus generator is deterministic and writes pages that state the facts it records."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def synth():
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def read_corpus(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_same_seed_writes_the_same_bytes(synth, tmp_path):
    synth.write_corpus(tmp_path / "a", 30, 7, None, facts=True)
    synth.write_corpus(tmp_path / "b", 30, 7, None, facts=True)
    assert read_corpus(tmp_path / "a") == read_corpus(tmp_path / "b")
    assert (tmp_path / "a" / "facts.jsonl").read_bytes() == (tmp_path / "b" / "facts.jsonl").read_bytes()


def test_a_document_does_not_depend_on_the_corpus_size_but_on_the_seed(synth, tmp_path):
    synth.write_corpus(tmp_path / "small", 5, 7, None, facts=False)
    synth.write_corpus(tmp_path / "large", 40, 7, None, facts=False)
    synth.write_corpus(tmp_path / "other", 5, 8, None, facts=False)
    small, large, other = (read_corpus(tmp_path / n) for n in ("small", "large", "other"))
    assert all(large[name] == text for name, text in small.items())
    assert small != other


def test_pages_state_the_facts_recorded_for_them(synth, tmp_path):
    synth.write_corpus(tmp_path, 60, 3, None, facts=True)
    texts = read_corpus(tmp_path)
    facts = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(facts) == len(texts) == 60
    for fact in facts:
        text = texts[fact["file"]]
        # pages glue a few words on purpose ("Hospitalwas") and curl some apostrophes
        flat = text.replace("\n", "").replace(" ", "").replace("’", "'")
        assert text.startswith(fact["unit"] + "\n")
        assert fact["hospital"].replace(" ", "") in flat
        assert str(fact["founded"]) in flat
        assert str(fact["beds"]) in flat or synth.number_words(fact["beds"]).replace(" ", "") in flat
        assert fact["director"]["name"].replace(" ", "") in flat
        for partner in fact["partners"]:
            assert partner["partner"].replace(" ", "") in flat
    units = [(f["hospital"], f["unit"]) for f in facts]
    assert len(set(units)) == len(units), "two pages describe the same unit of the same hospital"


def test_manifest_lists_every_page(synth, tmp_path):
    synth.write_corpus(tmp_path, 12, 1, None, facts=False)
    with (tmp_path / "manifest.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["file"] for r in rows] == sorted(read_corpus(tmp_path))
    assert all(int(r["chars"]) == len((tmp_path / r["file"]).read_text(encoding="utf-8")) for r in rows)


def test_terms_come_from_the_skos_vocabularies_when_present(synth, tmp_path):
    vocab = tmp_path / "vocab"
    vocab.mkdir()
    (vocab / "procedures.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/hkg/vocab/procedure/x> a skos:Concept ;\n"
        '  skos:inScheme <https://w3id.org/hkg/vocab/procedures> ; skos:prefLabel "quadruple bypass grafting"@en .\n',
        encoding="utf-8",
    )
    labels = synth.load_vocab(vocab)
    assert labels["procedure"] == ["quadruple bypass grafting"]
    assert labels["condition"] == synth.BUILTIN_VOCAB["condition"]
    synth.write_corpus(tmp_path / "out", 3, 1, vocab, facts=False)
    assert all("quadruple bypass grafting" in text for text in read_corpus(tmp_path / "out").values())


@pytest.mark.parametrize(
    ("n", "words"), [(7, "seven"), (32, "thirty-two"), (40, "forty"), (105, "one hundred and five")]
)
def test_number_words(synth, n, words):
    assert synth.number_words(n) == words
