"""The lexicon's tokenizer and the token views the rules read: what every sentence goes through first."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hkg.graph import lexicon, mentions


def test_tokenizer_cache_holds_the_vocabularies_words_and_more():
    """spaCy stops caching once its cache holds `max_cache_size` chunks; the labels alone must not fill it, or every
    sentence of a build is split by the affix rules again (20x slower per sentence, found by profiling)."""
    lex = lexicon.load()
    chunks = set()
    for concept in lex.concepts.values():
        chunks.update(concept.label.split())
    for label in lex.label_index:
        chunks.update(label[1].split())
    assert lex.nlp.tokenizer.max_cache_size >= 5 * len(chunks)


PIECES = list("abcXYZ019 -.,()'\n\té’") + ["  ", "CT-guided", "Dr.", "M.D.", "hemicolectomy"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXT)
def test_tokens_are_spacys_tokens(text):
    """`Tokens.of` reads offsets without making a spaCy Token per token: the same words and offsets as spaCy's."""
    doc = lexicon.make_doc(lexicon.load(), text)
    tokens = mentions.Tokens.of(doc, text)
    assert tokens.words == tuple(t.text for t in doc)
    assert tokens.starts == tuple(t.idx for t in doc)
    assert tokens.lower == tuple(t.text.lower() for t in doc)
    assert tokens.text == doc.text == mentions.Tokens.of(doc).text


def test_concept_mentions_give_offsets_in_the_sentence():
    lex = lexicon.load()
    text = "It performs  laparoscopic cholecystectomy\tand ERCP."
    found = mentions.concept_mentions(lex, lexicon.make_doc(lex, text), text=text)
    assert [(m.text, text[m.start : m.end]) for m in found] == [(m.text, m.text) for m in found]
    assert {m.text for m in found} >= {"laparoscopic cholecystectomy", "ERCP"}


def _matches(lex, text):
    return [(lex.match_key(k), s, e) for k, s, e in lex.matches(lexicon.make_doc(lex, text))]


def test_lexicon_from_the_cache_is_the_lexicon_derived(tmp_path, monkeypatch):
    """The start-up cache keeps the tokens of every label: a lexicon read from it matches what one derived from the
    vocabularies matches, and a torn cache entry is derived again."""
    text = "We perform laparoscopic cholecystectomy, ERCP and PET-CT, and treat tumours of the oesophagus."
    try:
        monkeypatch.setenv("HKG_CACHE_DIR", "off")
        lexicon.load.cache_clear()
        derived = lexicon.load()
        monkeypatch.setenv("HKG_CACHE_DIR", str(tmp_path))
        for _ in ("written", "read"):
            lexicon.load.cache_clear()
            cached = lexicon.load()
            assert list(tmp_path.glob("lexicon-*.json"))
            assert cached.concepts == derived.concepts
            assert cached.label_index == derived.label_index and cached.broad == derived.broad
            assert (cached.first_norms, cached.first_orths) == (derived.first_norms, derived.first_orths)
            assert _matches(cached, text) == _matches(derived, text) != []
        for entry in tmp_path.glob("lexicon-*.json"):
            entry.write_text('{"concepts": [', encoding="utf-8")
        lexicon.load.cache_clear()
        assert _matches(lexicon.load(), text) == _matches(derived, text)
    finally:
        lexicon.load.cache_clear()
