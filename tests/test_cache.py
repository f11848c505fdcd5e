"""The start-up cache (graph/cache.py): an entry is derived once, read back as it was, named by its inputs, and a
cache that is broken, unwritable or turned off only costs the time of deriving again."""

from __future__ import annotations

import json

import pytest

from hkg.graph import cache, gate, mentions


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HKG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting(value):
    calls = []

    def derive():
        calls.append(1)
        return value

    return derive, calls


def test_an_entry_is_derived_once_and_read_back_equal(folder):
    derive, calls = counting({"Paris": ["Paris", "France"]})
    assert cache.cached("places", "k1", derive) == {"Paris": ["Paris", "France"]}
    assert cache.cached("places", "k1", derive) == {"Paris": ["Paris", "France"]}
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == ["places-k1.json"]


def test_a_changed_input_is_a_new_entry(folder, tmp_path):
    source = tmp_path / "rules.py"
    source.write_text("A = 1\n")
    before = cache.digest([source], ["rdflib"])
    source.write_text("A = 2\n")
    assert cache.digest([source], ["rdflib"]) != before
    assert cache.digest([source], ["rdflib"]) == cache.digest([source], ["rdflib"])
    derive, calls = counting([1])
    cache.cached("x", before, derive)
    cache.cached("x", cache.digest([source]), derive)
    assert len(calls) == 2


def test_a_torn_entry_is_derived_again_and_rewritten(folder):
    folder.mkdir()
    (folder / "x-k.json").write_text('{"half": ')
    derive, calls = counting({"whole": 1})
    assert cache.cached("x", "k", derive) == {"whole": 1}
    assert json.loads((folder / "x-k.json").read_text()) == {"whole": 1} and len(calls) == 1


def test_an_unwritable_cache_still_gives_the_value(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HKG_CACHE_DIR", str(blocker / "cache"))
    derive, calls = counting([3])
    assert cache.cached("x", "k", derive) == [3] and cache.cached("x", "k", derive) == [3]
    assert len(calls) == 2


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("HKG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() is None
    derive, calls = counting([4])
    cache.cached("x", "k", derive), cache.cached("x", "k", derive)
    assert len(calls) == 2 and not list(tmp_path.iterdir())


def test_places_and_shape_predicates_read_from_the_cache_are_what_deriving_gives(folder):
    mentions._gazetteer.cache_clear()
    gate._predicates.cache_clear()
    try:
        derived = (mentions._gazetteer(), gate._predicates())
        assert sorted(p.name.split("-")[0] for p in folder.iterdir()) == ["places", "shape"]
        mentions._gazetteer.cache_clear()
        gate._predicates.cache_clear()
        assert (mentions._gazetteer(), gate._predicates()) == derived
    finally:
        mentions._gazetteer.cache_clear()
        gate._predicates.cache_clear()
    cities, countries = derived[0]
    assert cities["Hamburg"].country == "Germany" and countries["USA"] == "United States"
    backward, forward = derived[1]
    assert "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>" in backward
    assert "<http://www.w3.org/ns/prov#wasDerivedFrom>" in forward
