"""Numbers in text: digits ("1,994", "0.7", "21 000"), English words ("thirty-two", "one hundred and twenty",
"a dozen") and both mixed ("1.5 million", "2 thousand"), with their offsets.

Hand-written on purpose. The PyPI candidates were checked: `word2number` (w2n.word_to_num) parses one whole
string, raises ValueError on anything else and gives no offsets, so it cannot find numbers inside a sentence;
`number-parser` finds numbers in sentences but rewrites the text (offsets are lost), turns "one of the" and
"second" into digits, and pulls in a large language-data package. What is needed here (spans and values of
cardinals in English sentences) is a small grammar: a number-word sequence is units/teens, tens (optionally
hyphenated with a unit), "hundred", and the scales thousand/million/billion, joined by spaces, hyphens or "and".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
HUNDRED = 100
DOZEN = 12
_WORDS = set(UNITS) | set(TENS) | set(SCALES) | {"hundred", "dozen"}

_WORD = r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?|\.\d+"
_SCALE_WORD = r"(?:hundred|thousand|million|billion|dozen)"
_YEAR_LIKE = re.compile(r"1\d{3}|2[01]\d{2}")
_DIGITS_AND_SCALES = re.compile(rf"({_DIGITS})((?:[ -]{_SCALE_WORD})*)")
_SCALE = re.compile(_SCALE_WORD)
_WORD_BREAK = re.compile(r"[\s-]+")
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:(?:{_DIGITS})(?:[ -]{_SCALE_WORD}\b)*"
    rf"|(?:an? )?\b{_WORD}\b(?:(?: and |[ -]){_WORD}\b)*)(?![\w]|[.,]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberSpan:
    """A number found in a sentence: `text[start:end]` means `value`."""

    start: int
    end: int
    value: int | float
    text: str = ""

    @property
    def is_year_like(self) -> bool:
        """Four plain digits between 1000 and 2199 ("2019"), which is more often a year than a count."""
        return bool(_YEAR_LIKE.fullmatch(self.text)) and isinstance(self.value, int)


def parse_number(text: str) -> int | float | None:
    """The value of a number written in digits, words or both; None if `text` is not (only) a number."""
    s = text.strip().lower()
    if not s:
        return None
    m = _DIGITS_AND_SCALES.fullmatch(s)
    if m:
        value = _digits_value(m.group(1))
        for scale in _SCALE.findall(m.group(2)):
            value = value * (DOZEN if scale == "dozen" else HUNDRED if scale == "hundred" else SCALES[scale])
        return _tidy(value)
    return _words_value(s)


def number_spans(text: str) -> list[NumberSpan]:
    """Every number in `text`, left to right, with its offsets and value. A run of number words that is not
    one number ("two three", "twenty thirty") gives its longest well-formed parts."""
    out = []
    for m in _NUMBER.finditer(text):
        value = parse_number(m.group())
        if value is not None:
            out.append(NumberSpan(m.start(), m.end(), value, m.group()))
        else:
            out.extend(_longest_parts(text, m.start(), m.end()))
    return out


def _longest_parts(text: str, start: int, end: int) -> list[NumberSpan]:
    words = [w.span() for w in re.finditer(r"[A-Za-z]+|[\d.,]+", text[start:end]) if w.group().lower() != "and"]
    out, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            s, e = start + words[i][0], start + words[j - 1][1]
            value = parse_number(text[s:e])
            if value is not None:
                out.append(NumberSpan(s, e, value, text[s:e]))
                i = j
                break
        else:
            i += 1
    return out


def _digits_value(s: str) -> int | float:
    s = s.replace(",", "").replace(" ", "")
    return float(s) if "." in s else int(s)


def _tidy(value: int | float) -> int | float:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _words_value(s: str) -> int | None:
    words = [w for w in _WORD_BREAK.split(s) if w and w != "and"]
    if words and words[0] in ("a", "an"):
        words = words[1:]
        if not words or words[0] not in ("hundred", "thousand", "million", "billion", "dozen"):
            return None
        words = ["one", *words]
    if not words or any(w not in _WORDS for w in words):
        return None
    return _combine(words)


def _combine(words: list[str]) -> int | None:
    """Value of a well-formed cardinal; None for sequences that are not one number ("two three")."""
    total, group, last = 0, 0, None  # last: kind of the previous word, to reject "twenty thirty", "five six"
    seen_scale = 10**12
    for w in words:
        if w in UNITS:
            if last in ("unit", "teen") or (last == "ten" and UNITS[w] >= 10) or (last == "ten" and UNITS[w] == 0):
                return None
            group += UNITS[w]
            last = "teen" if UNITS[w] >= 10 else "unit"
        elif w in TENS:
            if last in ("unit", "teen", "ten"):
                return None
            group += TENS[w]
            last = "ten"
        elif w == "hundred":
            if group >= 100 or last == "hundred":
                return None
            group = (group or 1) * HUNDRED
            last = "hundred"
        elif w == "dozen":
            if last not in ("unit", "teen", "ten", None) or total:
                return None
            group = (group or 1) * DOZEN
            last = "dozen"
        else:
            scale = SCALES[w]
            if scale >= seen_scale or last in ("scale", None) and group == 0:
                return None
            total += (group or 1) * scale
            group, last, seen_scale = 0, "scale", scale
    return total + group
