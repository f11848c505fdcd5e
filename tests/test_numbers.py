"""parse_number() and number_spans(): digits, English number words, both mixed, with offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hkg.graph.numbers import NumberSpan, number_spans, parse_number

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int, *, hyphen: bool = True, and_: bool = True) -> str:
    """English words for 0 <= n < 10**9 (a test-only speller, independent of the code under test)."""
    if n < 20:
        return _SMALL[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (("-" if hyphen else " ") + _SMALL[unit] if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_SMALL[hundreds]} hundred" + ((" and " if and_ else " ") + spell(rest, hyphen=hyphen) if rest else "")
    for scale, word in ((10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            high, rest = divmod(n, scale)
            head = f"{spell(high, hyphen=hyphen, and_=and_)} {word}"
            if not rest:
                return head
            joiner = " and " if rest < 100 and and_ else " "
            return head + joiner + spell(rest, hyphen=hyphen, and_=and_)
    raise ValueError(n)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("80", 80),
        ("1,994", 1994),
        ("400000", 400000),
        ("0.7", 0.7),
        ("21 000", 21000),
        ("two", 2),
        ("Thirty-two", 32),
        ("thirty two", 32),
        ("one hundred and twenty", 120),
        ("a dozen", 12),
        ("a hundred", 100),
        ("2 thousand", 2000),
        ("1.5 million", 1_500_000),
        ("eleven hundred", 1100),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value
    assert type(parse_number(text)) is type(value)


@pytest.mark.parametrize("text", ["", "beds", "twenty thirty", "two three", "a", "hundred hundred", "1,99", "one two"])
def test_parse_number_rejects_what_is_not_one_number(text):
    assert parse_number(text) is None


def test_number_spans_finds_every_number_with_offsets():
    text = (
        "It has 32 beds, thirty-two wards and 1,994 staff; in 2019 about 1.5 million visits, a 0.7% rate, 80-bed unit."
    )
    spans = number_spans(text)
    assert [(text[s.start : s.end], s.value) for s in spans] == [
        ("32", 32),
        ("thirty-two", 32),
        ("1,994", 1994),
        ("2019", 2019),
        ("1.5 million", 1_500_000),
        ("0.7", 0.7),
        ("80", 80),
    ]
    assert [s.is_year_like for s in spans] == [False, False, False, True, False, False, False]


def test_number_spans_keeps_separate_numbers_apart():
    spans = number_spans("twenty thirty, one and two, COVID-19 and H1N1, No. 5")
    assert [s.value for s in spans] == [20, 30, 1, 2, 19, 5]


def test_a_sentence_end_is_not_a_decimal():
    assert number_spans("The ward has 80. Another has 12.") == [
        NumberSpan(13, 15, 80, "80"),
        NumberSpan(29, 31, 12, "12"),
    ]


@given(st.integers(min_value=0, max_value=10**6))
def test_digits_parse_to_themselves(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**6), st.booleans(), st.booleans())
def test_english_words_parse_to_their_number(n, hyphen, and_):
    words = spell(n, hyphen=hyphen, and_=and_)
    assert parse_number(words) == n
    sentence = f"The hospital has {words} beds."
    assert [(s.start, s.end, s.value) for s in number_spans(sentence)] == [(17, 17 + len(words), n)]
