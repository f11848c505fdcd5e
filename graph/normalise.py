"""Normalise a document's text (Unicode, quotes, dashes, spaces, glued words) keeping an exact offset map.

`normalise(text)` returns a `Normalised`: the clean text plus, for every character of it, the span of the
original text it came from, so evidence found in the normalised text is cited at its original offsets.
`sentences(text)` splits normalised text into paragraphs (blank lines), lines that stand alone (headings) and
sentences (pysbd, a rule-based splitter that knows abbreviations such as "M.D.", "Dr.", "e.g.", "No. 5").

Glued words ("Hospitalwas", "fromDepartment", "minimallyinvasive") are split with word-frequency evidence, never
with a list of cases: `wordsegment`'s unigram counts (web frequencies) give the probabilities, its English word
list plus the labels of the SKOS vocabularies in `ontology/vocab/*.ttl` are the words that are never cut
("lymphadenectomy", "thoracoscopic"). Only suspicious tokens are looked at (results are cached):

- a camel-glued token ("fromDepartment", "ChineaseMinistry") is cut at the lower→Upper boundary unless it is a
  counted word ("PubMed", "LinkedIn", "YouTube") or its left piece is a 1-3 letter non-function word ("iPhone",
  "McDonald", "DaVinci", "WeChat" stay);
- a lowercase token of 5+ letters that is not an English/vocabulary word is cut when its best segmentation is at
  least `GLUE_EVIDENCE` (100×) more probable than the token (unknown tokens have probability 0; "ofthe" is a
  counted web token but 300× less probable than "of the"). Pieces of 1-3 letters must be function words
  ("in", "was", "of"...), pieces of 4-7 letters English words, longer pieces counted words, so misspellings
  ("personel", "proficent") are not cut into fragments;
- a Capitalised token ("Hospitalwas") is cut only when it is not a counted word and one of its pieces is a
  function word, so names stay whole ("Jianguo", "Zhongshan", "Wason", "Allon").

URLs and e-mail addresses are never touched. A space is also put after a sentence glued to the next one
("in 2019.Amid" → "in 2019. Amid": two lowercase letters or a digit, then ".!?", then a capitalised word).
"""

from __future__ import annotations

import bisect
import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

#: a glued token is split only when its segmentation is this many times more probable than the token
GLUE_EVIDENCE = 100.0
#: at most this many pieces per glued token
MAX_PIECES = 4
#: tokens longer than this are left alone (chemical names, URLs without scheme, garbage)
MAX_GLUED_LEN = 48
#: pieces this long may be any counted word; shorter ones must be in the English word list
LONG_PIECE = 8
#: English function words: the only pieces of 1-3 letters a glued token may be cut into
FUNCTION_WORDS = frozenset(
    "a an the and or nor but of in on at to by for as is was are were be been has had have its it he his she her "
    "they their them this that these those with from which who whom not no also into onto than all any can may "
    "will per via our out up so such both each".split()
)

_CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u2035": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2212": "-",
    "\u2014": " - ",
    "\u2015": " - ",
    "\u2026": "...",
    "\u2028": "\n",
    "\u2029": "\n\n",
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}
_ASCII_FIXES = re.compile(r"\r\n?|[\t\x0b\x0c]|[\x00-\x08\x0e-\x1f\x7f]")
#: the dots that lead a table's label to its value on one line ("Inpatient beds ...... 64"): read as a colon
_DOT_LEADER = re.compile(r"(?<=[^\s.])(?:[ \t]+\.{3,}|\.{5,})[ \t]*(?=[^\s.])")
_PROTECTED = re.compile(r"(?:https?://|ftp://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:com|org|net|edu|gov|cn|htm|html)\b")
_GLUED_SENTENCE = re.compile(r"(?:(?<=[a-z][a-z])|(?<=[0-9]))[.!?](?=[A-Z][a-z])")
_ALPHA_TOKEN = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]+(?![A-Za-z0-9_])")
#: a bracket glued to the word before it: "prostate(TURP)" (but not a plural marker, "patient(s)")
_GLUED_BRACKET = re.compile(r"(?<=[a-z]{3})(?=\((?!e?s\))[A-Za-z][^()\n]{1,60}\))")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
#: a comma or semicolon glued to the word after it, as full-width punctuation becomes when converted: "operations,such
#: as", "M.D.,is", "in 2016,and" (but not "1,200", "2,3-dimethyl")
_GLUED_COMMA = re.compile(r"(?:(?<=[A-Za-z.)\]])[,;]|(?<=[0-9]),|(?<=[0-9]);)(?=[A-Za-z(])")
#: a function word glued to an abbreviation after it: "andICG", "theMDT", "withPET" (not "mRNA", "eGFR", "mmHg")
_WORD_ABBREVIATION = re.compile(r"^([a-z]{2,5})(?=[A-Z]{2})")
_SPACES = re.compile(r"\n(?:[ ]*\n){2,}|[ ]+")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w)\]\"'%])[ ]+(?=[.,;:!?](?![\w]))")


@dataclass(frozen=True)
class Normalised:
    """Normalised text; `starts[i]`/`ends[i]` are the original span character i came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def to_original(self, i: int) -> int:
        """The original offset of normalised offset `i` (0 <= i <= len(text)); monotone."""
        if i < 0 or i > len(self.text):
            raise IndexError(f"offset {i} outside 0..{len(self.text)}")
        return self.starts[i] if i < len(self.text) else self.original_length

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering normalised `text[start:end]`."""
        ostart = self.to_original(start)
        if end <= start:
            return ostart, ostart
        self.to_original(end)
        return ostart, self.ends[end - 1]


@dataclass(frozen=True)
class Sentence:
    """A sentence (or heading line, or bracketed tag) of a normalised text: `text[start:end]`."""

    start: int
    end: int
    text: str


Edit = tuple[int, int, str]  # replace current[start:end] with the string


def _apply(text: str, starts: list[int], ends: list[int], total: int, edits: Iterable[Edit]):
    """Apply non-overlapping, sorted edits, carrying the offset map along."""
    out, ostarts, oends = [], [], []
    pos = 0
    for s, e, rep in edits:
        if s < pos:  # overlaps the previous edit: the first one wins
            continue
        out.append(text[pos:s])
        ostarts.extend(starts[pos:s])
        oends.extend(ends[pos:s])
        if s < e:
            a, b = starts[s], ends[e - 1]
        else:  # an insertion sits, zero-width, where the next character starts
            a = b = starts[s] if s < len(text) else total
        out.append(rep)
        ostarts.extend([a] * len(rep))
        oends.extend([b] * len(rep))
        pos = e
    if pos == 0 and not out:
        return text, starts, ends
    out.append(text[pos:])
    ostarts.extend(starts[pos:])
    oends.extend(ends[pos:])
    return "".join(out), ostarts, oends


def _unicode_edits(text: str) -> list[Edit]:
    """NFKC per character cluster (a base and its combining marks), then quotes, dashes, spaces, invisibles."""
    edits: list[Edit] = []
    i, n = 0, len(text)
    for m in re.finditer(r"[^\x00-\x7f]+", text):
        start = m.start() - 1 if m.start() > 0 and unicodedata.combining(text[m.start()]) else m.start()
        i = max(start, i)
        while i < m.end():
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            cluster = text[i:j]
            rep = _map_chars(unicodedata.normalize("NFKC", cluster))
            if rep != cluster:
                edits.append((i, j, rep))
            i = j
    return edits


def _map_chars(s: str) -> str:
    out = []
    for ch in s:
        if ch in _CHAR_MAP:
            out.append(_CHAR_MAP[ch])
        elif ch.isascii():
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            out.append("" if unicodedata.category(ch) == "Cf" else " ")
        else:
            out.append(ch)
    return "".join(out)


def _ascii_edits(text: str) -> list[Edit]:
    edits = []
    for m in _ASCII_FIXES.finditer(text):
        edits.append((m.start(), m.end(), "\n" if m.group().startswith("\r") else " "))
    edits += [(m.start(), m.end(), ": ") for m in _DOT_LEADER.finditer(text)]
    return sorted(edits)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _glue_edits(text: str) -> list[Edit]:
    """Insert a space after a sentence glued to the next ("2019.Amid"), after a glued comma ("surgery,and"),
    before a glued bracket and inside glued words."""
    protected = _protected_spans(text)
    inserts = [m.end() for m in _GLUED_SENTENCE.finditer(text) if not _inside(protected, m.start())]
    inserts += [m.start() for m in _GLUED_BRACKET.finditer(text) if not _inside(protected, m.start())]
    inserts += [m.end() for m in _GLUED_COMMA.finditer(text) if not _inside(protected, m.start())]
    for m in _ALPHA_TOKEN.finditer(text):
        if len(m.group()) < 5 or _inside(protected, m.start()):
            continue
        inserts.extend(m.start() + k for k in split_points(m.group()))
    return [(p, p, " ") for p in sorted(set(inserts))]


def _space_edits(text: str) -> list[Edit]:
    edits = [(m.start(), m.end(), "") for m in _SPACE_BEFORE_PUNCT.finditer(text)]
    before_punct = {(s, e) for s, e, _ in edits}
    for m in _SPACES.finditer(text):
        if m.span() in before_punct:
            continue
        s, e = m.span()
        if text[s] == "\n":
            if e - s > 2:
                edits.append((s, e, "\n\n"))
        elif s == 0 or e == len(text) or text[s - 1] == "\n" or text[e] == "\n":
            edits.append((s, e, ""))
        elif e - s > 1:
            edits.append((s, e, " "))
    return sorted(edits)


def normalise(text: str) -> Normalised:
    """Normalise `text`: NFKC, straight quotes, '-' dashes, plain spaces, glued words split, spaces collapsed
    (newlines kept, 3+ newlines → one blank line, leading/trailing space of lines and text dropped)."""
    total = len(text)
    cur, starts, ends = text, list(range(total)), list(range(1, total + 1))
    for step in (_unicode_edits, _ascii_edits, _glue_edits, _space_edits):
        cur, starts, ends = _apply(cur, starts, ends, total, step(cur))
    lead = len(cur) - len(cur.lstrip())
    trail = len(cur.rstrip())
    if lead or trail < len(cur):
        cur, starts, ends = cur[lead:trail], starts[lead:trail], ends[lead:trail]
    return Normalised(cur, tuple(starts), tuple(ends), total)


# --- glued words ---------------------------------------------------------------------------------------


class _Lexicon:
    """Word log-probabilities: wordsegment's unigram counts plus vocabulary words (always known)."""

    def __init__(self) -> None:
        from wordsegment import Segmenter

        segmenter = Segmenter()  # only the unigram counts and the word list: the bigrams are not needed
        self.counts: dict[str, float] = segmenter.parse(segmenter.UNIGRAMS_FILENAME)
        self.total = float(segmenter.TOTAL)
        with open(segmenter.WORDS_FILENAME, encoding="utf-8") as f:
            english = {line.strip() for line in f}
        self.medical = frozenset(vocabulary_words())
        self.words = frozenset(english | self.medical)
        self.floor = math.log10(min(self.counts.values()) / self.total)

    def logp(self, word: str) -> float | None:
        """log10 probability of a known word, None for an unknown one."""
        c = self.counts.get(word)
        if c is not None:
            return math.log10(c / self.total)
        return self.floor if word in self.medical else None

    def protected(self, word: str) -> bool:
        """An English or vocabulary word: never cut."""
        return word in self.words


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


def vocabulary_words(folder: Path | None = None) -> set[str]:
    """Lower-case words of the SKOS labels in `ontology/vocab/*.ttl` (empty when there are none)."""
    if folder is None:
        folder = Path(__file__).resolve().parent.parent / "ontology" / "vocab"
    words: set[str] = set()
    label = re.compile(r'(?:prefLabel|altLabel|hiddenLabel)\s+((?:"[^"\n]*"(?:@[\w-]+)?\s*,?\s*)+)')
    for ttl in sorted(folder.glob("*.ttl")):
        try:
            content = ttl.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("cannot read vocabulary %s: %s", ttl, exc)
            continue
        for m in label.finditer(content):
            for lit in re.findall(r'"([^"\n]*)"', m.group(1)):
                words.update(w for w in re.findall(r"[a-z]+", lit.lower()) if len(w) >= 4)
    return words


def _piece_logp(lexicon: _Lexicon, piece: str) -> float | None:
    """log10 p of a piece a glued token may be cut into, None if it may not be one: 1-3 letters must be a
    function word; longer pieces an English or vocabulary word, or a counted word of 8+ letters (technical
    terms a word list lacks, "lymphadenectomy"), so misspellings are not cut into fragments ("profi cent")."""
    if len(piece) <= 3:
        return lexicon.logp(piece) if piece in FUNCTION_WORDS else None
    if piece in lexicon.words or len(piece) >= LONG_PIECE:
        return lexicon.logp(piece)
    return None


@lru_cache(maxsize=200_000)
def _segment(word: str) -> tuple[float, tuple[str, ...]] | None:
    """Most probable cut of lower-case `word` into at most MAX_PIECES allowed pieces: (log10 p, pieces)."""
    lexicon = _lexicon()
    n = len(word)
    # best[i][k]: best (score, pieces) for word[:i] with k pieces
    best: list[dict[int, tuple[float, tuple[str, ...]]]] = [{} for _ in range(n + 1)]
    best[0][0] = (0.0, ())
    for i in range(n):
        if not best[i]:
            continue
        for j in range(i + 1, n + 1):
            lp = _piece_logp(lexicon, word[i:j])
            if lp is None:
                continue
            for k, (score, pieces) in best[i].items():
                if k + 1 > MAX_PIECES:
                    continue
                cand = (score + lp, (*pieces, word[i:j]))
                if k + 1 not in best[j] or cand[0] > best[j][k + 1][0]:
                    best[j][k + 1] = cand
    options = [v for k, v in best[n].items() if k >= 2]
    return max(options) if options else None


@lru_cache(maxsize=200_000)
def split_points(token: str) -> tuple[int, ...]:
    """Offsets inside `token` (letters only) where a space belongs because two words were glued."""
    lexicon = _lexicon()
    if lexicon.protected(token.lower()):
        return ()
    camel_ok = token.lower() not in lexicon.counts  # "PubMed", "LinkedIn", "YouTube" are in the web counts
    points: list[int] = []
    start = 0
    abbreviation = _WORD_ABBREVIATION.match(token)
    if abbreviation and abbreviation.group(1) in FUNCTION_WORDS:
        points.append(start := abbreviation.end())
    for cut in [m.start() for m in _CAMEL.finditer(token) if m.start() > start] + [len(token)]:
        piece = token[start:cut]
        if cut < len(token) and camel_ok and _camel_ok(piece):
            points.append(cut)
            points.extend(start + p for p in _word_points(piece))
            start = cut
    points.extend(start + p for p in _word_points(token[start:]))
    return tuple(sorted(points))


def _camel_ok(left: str) -> bool:
    """A lower→Upper boundary is a glue point when the left piece can stand as a word."""
    return left.lower() in FUNCTION_WORDS or len(left) >= 4


#: the end of a word made the way medical words are, stem + combining vowel + suffix ("stomatological",
#: "cholangitis", "hepatectomy"): a glue cut may fall before such a word ("mediastinum lymphadenectomy") but
#: not inside its last few letters ("stoma to logical"), even when the word counts do not know the word
MEDICAL_SUFFIX = re.compile(
    r"(?:olog(?:y|ies|ic|ical|ically|ist|ists)|ectom(?:y|ies)|otom(?:y|ies)|ostom(?:y|ies)|oscop(?:y|ies|ic)|"
    r"oplast(?:y|ies)|itis|iatrics?|opath(?:y|ies|ic))$"
)


def _word_points(piece: str) -> tuple[int, ...]:
    """Cut points inside a piece that is one lower-case or Capitalised run ("surgeryin", "Hospitalwas")."""
    if not (5 <= len(piece) <= MAX_GLUED_LEN) or not re.fullmatch(r"[A-Z]?[a-z]+", piece):
        return ()
    low = piece.lower()
    lexicon = _lexicon()
    seg = _segment(low)
    if seg is None:
        return ()
    own = lexicon.logp(low)
    if piece[0].isupper() and (own is not None or not any(p in FUNCTION_WORDS for p in seg[1])):
        return ()  # a Capitalised token in the counts is as likely a name ("Wason", "Allon") as a glue
    if lexicon.protected(low) or own is not None and seg[0] - own < math.log10(GLUE_EVIDENCE):
        return ()
    cuts, pos = [], 0
    for p in seg[1][:-1]:
        pos += len(p)
        cuts.append(pos)
    suffix = MEDICAL_SUFFIX.search(low)
    if suffix and cuts and cuts[-1] > suffix.start() - 3:
        return ()  # the cut would break a medical word's suffix off its stem
    return tuple(cuts)


# --- sentences -----------------------------------------------------------------------------------------

_TERMINAL = re.compile(r"[.!?:;]['\")\]]*$")
_INNER_STOP = re.compile(r"[.!?]")
#: what opens a list item ("- ", "• ", "● ", "1. ", "(2) "): the line before it ends its block, and the rules read
#: the item after it
LIST_ITEM = re.compile(r"\s*(?:[-*•●▪◦·–—]|\(?\d{1,2}[.)])\s+")
_TAG = re.compile(r"\[[^\[\]\n]{1,40}\]")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str) -> list[Sentence]:
    """Sentences of normalised `text`, with offsets into it: paragraphs (blank lines) first, then lines that
    stand alone (a short line without final punctuation is a heading), then sentences; a bracketed tag
    ("[Explanation]") at the start of a sentence is a piece of its own."""
    out: list[Sentence] = []
    for start, end in _blocks(text):
        for s, e in _split_block(text, start, end):
            out.extend(_split_tag(text, s, e))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong together: a line ends its block when it ends a sentence or is heading-like."""
    blocks = []
    for para in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        lines = [m.span() for m in re.finditer(r"[^\n]+", para.group())]
        base = para.start()
        block_start = None
        for k, (s, e) in enumerate(lines):
            s, e = s + base, e + base
            if block_start is None:
                block_start = s
            line = text[s:e].strip()
            last = k == len(lines) - 1
            item_next = not last and LIST_ITEM.match(text, lines[k + 1][0] + base)
            if last or item_next or _TERMINAL.search(line) or len(line.split()) <= 10:
                if text[block_start:e].strip():
                    blocks.append((block_start, e))
                block_start = None
    return blocks


_BOUNDARY = re.compile(r"[.!?]['\")\]]*(?=\s|$)")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Za-z]|\b(?:etc|e\.g|i\.e|vs|approx|al|no|fig))\.$")


def _plain_split(block: str) -> list[tuple[int, int]] | None:
    """Sentence spans of a block whose every full stop plainly ends a sentence (after a word of five or more
    letters or a number, before a capital); None when any stop could be an abbreviation (then pysbd decides)."""
    spans, pos = [], 0
    for m in _BOUNDARY.finditer(block):
        if _ABBREVIATION.search(block[max(0, m.start() - 12) : m.start() + 1]):
            return None
        rest = block[m.end() :].lstrip()
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'[("):
            return None
        piece = block[pos : m.end()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((pos + lead, m.end()))
        pos = m.end()
    tail = block[pos:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        spans.append((pos + lead, pos + len(tail.rstrip())))
    return spans


_LIST_NUMBER = re.compile(r"\(?\d{1,3}[.)]|[IVX]{1,4}\.")


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of a block; a list item's number ("1.", "IV.") stays with the item it numbers."""
    spans = _sentence_spans(text, start, end)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _LIST_NUMBER.fullmatch(text[out[-1][0] : out[-1][1]]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    if not _INNER_STOP.search(block.rstrip(".!?\"')] ")):
        return [(start, end)]  # no sentence punctuation before its end: one sentence, no need for pysbd
    plain = _plain_split(block)
    if plain is not None:
        return [(start + s, start + e) for s, e in plain]
    spans = []
    pos = 0
    for piece in _segmenter().segment(block):
        stripped = piece.strip()
        if not stripped:
            continue
        at = block.find(stripped, pos)
        if at < 0:  # pysbd changed the text: fall back to the rest of the block
            log.debug("sentence splitter changed %r", stripped[:60])
            rest = block[pos:].strip()
            if rest:
                at = block.find(rest, pos)
                spans.append((start + at, start + at + len(rest)))
            return spans
        spans.append((start + at, start + at + len(stripped)))
        pos = at + len(stripped)
    return spans


def _split_tag(text: str, start: int, end: int) -> list[Sentence]:
    m = _TAG.match(text, start, end)
    if m is None or m.end() == end:
        return [Sentence(start, end, text[start:end])]
    rest = m.end()
    while rest < end and text[rest].isspace():
        rest += 1
    return [Sentence(start, m.end(), m.group()), Sentence(rest, end, text[rest:end])]
