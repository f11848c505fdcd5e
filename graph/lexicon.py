"""The controlled vocabularies as a matcher: SKOS labels of ontology/vocab → a spaCy PhraseMatcher.

Matching is on a normalised form of each token (lower case, British → American spelling, plural → singular
for words the vocabularies use), so "Tumours", "tumors" and "tumor" meet one label. spaCy's PhraseMatcher
does the matching; this module only prepares the labels and the token norms.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

import pyoxigraph as ox
import spacy
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS
from spacy.attrs import LOWER, NORM
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from hkg.graph.vocab import HKGV

log = logging.getLogger(__name__)

#: kind of mention → the scheme IRI of its vocabulary
KIND_OF_SCHEME = {
    HKGV["procedures"]: "procedure",
    HKGV["conditions"]: "condition",
    HKGV["equipment"]: "equipment",
    HKGV["roles"]: "role",
    HKGV["offerings"]: "offering",
}

_SPELLING = {
    "tumour": "tumor",
    "tumours": "tumor",
    "oesophageal": "esophageal",
    "oesophagus": "esophagus",
    "oesophagectomy": "esophagectomy",
    "centre": "center",
    "centres": "center",
    "haematological": "hematological",
    "haemorrhage": "hemorrhage",
    "anaesthesia": "anesthesia",
    "paediatric": "pediatric",
    "gynaecological": "gynecological",
    "gynaecology": "gynecology",
    "oncological": "oncology",
    "programme": "program",
    "programmes": "program",
    "fibreoptic": "fiberoptic",
    "fibre": "fiber",
    "leukaemia": "leukemia",
    "oedema": "edema",
    "orthopaedics": "orthopedics",
    "laparoscopical": "laparoscopic",
    "thoracoscopical": "thoracoscopic",
}


#: single words too generic to name a procedure, condition or device on their own ("the diagnosis and treatment of")
GENERIC_LABELS = frozenset(
    "diagnosis diagnoses treatment treatments therapy therapies staging imaging operation operations examination "
    "examinations rehabilitation follow-up management care nursing screening testing detection monitoring cancer "
    "cancers tumor tumors tumour tumours neoplasm neoplasms disease diseases lesion lesions".split()
)


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    kind: str
    label: str
    broader: tuple[URIRef, ...] = ()


@dataclass
class Lexicon:
    """Concepts by IRI, and the spaCy pipeline and matcher built from their labels."""

    concepts: dict[URIRef, Concept]
    nlp: spacy.language.Language = field(repr=False)
    matcher: PhraseMatcher = field(repr=False)
    #: abbreviations ("THE", "CT", "MDT") are matched only as written, in capitals
    abbreviations: PhraseMatcher | None = field(default=None, repr=False)
    broad: frozenset = field(default=frozenset(), repr=False)
    label_index: dict = field(default_factory=dict, repr=False)
    #: concept mentions of short phrases looked up again and again (see mentions.phrase_concepts)
    phrase_cache: dict = field(default_factory=dict, repr=False)
    #: (kind, IRI) of each match key, looked up in the string store once
    match_keys: dict = field(default_factory=dict, repr=False)
    #: the NORM of the first token of every label, and the ORTH of the first token of every abbreviation
    first_norms: frozenset = field(default=frozenset(), repr=False)
    first_orths: frozenset = field(default=frozenset(), repr=False)

    @cached_property
    def graph(self) -> Graph:
        """The vocabularies as an rdflib graph (parsed on first use: matching does not need it)."""
        return vocabulary_graph()

    def is_broad(self, iri: str) -> bool:
        """A category, not a specific thing: five or more narrower concepts, or a top concept with narrower ones."""
        return URIRef(iri) in self.broad

    def by_label(self, kind: str, label: str) -> URIRef | None:
        """The concept of a kind that has this label (matched on normalised tokens), if any."""
        return self.label_index.get((kind, " ".join(token_norm(t) for t in label.split())))

    def match_key(self, match_id: int) -> tuple[str, str]:
        """(kind, concept IRI) of a match of `matches`."""
        found = self.match_keys.get(match_id)
        if found is None:
            kind, iri = self.nlp.vocab.strings[match_id].split("|", 1)
            found = self.match_keys[match_id] = (kind, iri)
        return found

    def may_begin(self, phrase: str) -> bool:
        """False when no label can match at the start of `phrase`: its first word (letters only) is not the first
        token of any label. Cheaper than tokenising the phrase; True whenever it cannot tell."""
        first = phrase.split(" ", 1)[0]
        if not first.isalpha() or first in self.nlp.tokenizer.rules:  # the tokenizer may cut it up
            return True
        return token_norm(first) in self.first_norms or first in self.first_orths

    def matches(self, doc):
        """(match key, start token, end token) of every label found in a tokenised text."""
        found = list(self.matcher(doc))
        if self.abbreviations is not None:
            found.extend(self.abbreviations(doc))
        return found


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "sis")):
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def token_norm(text: str) -> str:
    """The form a token is matched on: lower case, American spelling, singular."""
    low = text.lower()
    low = _SPELLING.get(low, low)
    return _SPELLING.get(_singular(low), _singular(low))


def vocabulary_graph() -> Graph:
    """All SKOS vocabularies shipped in ontology/vocab, in one rdflib graph."""
    g = Graph()
    folder = resources.files("hkg.ontology.vocab")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ttl"):
            g.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
    return g


class _Statements:
    """The statements of the vocabularies in ontology/vocab, indexed by subject and predicate, as `load` reads them.
    Parsed with Oxigraph's Turtle parser, many times faster than rdflib's (`vocabulary_graph` gives an rdflib graph).
    Terms are Oxigraph terms; IRIs given to the look-ups may be URIRefs or strings."""

    def __init__(self) -> None:
        self._objects: dict[tuple[str, str], list] = {}
        self._subjects: dict[tuple[str, str], list[str]] = {}
        seen: set = set()
        folder = resources.files("hkg.ontology.vocab")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".ttl"):
                continue
            for t in ox.parse(entry.read_bytes(), format=ox.RdfFormat.TURTLE):
                if t.triple in seen or not isinstance(t.subject, ox.NamedNode):
                    continue  # a graph holds a statement once; concepts are named
                seen.add(t.triple)
                s, p = t.subject.value, t.predicate.value
                self._objects.setdefault((s, p), []).append(t.object)
                if isinstance(t.object, ox.NamedNode):
                    self._subjects.setdefault((p, t.object.value), []).append(s)

    def objects(self, subject: str, predicate: str) -> list:
        return self._objects.get((str(subject), str(predicate)), [])

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return self._subjects.get((str(predicate), str(obj)), [])

    def iris(self, subject: str, predicate: str) -> list[str]:
        """The IRIs (not literals or blank nodes) a subject has for a predicate."""
        return [o.value for o in self.objects(subject, predicate) if isinstance(o, ox.NamedNode)]


def _labels(g: _Statements, concept: URIRef) -> list[str]:
    out = []
    for pred in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for lit in g.objects(concept, pred):
            lang = getattr(lit, "language", None)
            if lang in (None, "en") or str(lang).startswith("en"):
                out.append(lit.value)
    return out


def _pref_label(g: _Statements, concept: URIRef) -> str:
    labels = [x.value for x in g.objects(concept, SKOS.prefLabel) if getattr(x, "language", None) in (None, "en")]
    return sorted(labels)[0] if labels else str(concept).rsplit("/", 1)[-1].replace("-", " ")


def make_doc(lexicon: Lexicon, text: str):
    """Tokenise text with the lexicon's tokenizer (each token's NORM is its `token_norm`)."""
    return lexicon.nlp.make_doc(text)


#: whitespace-separated chunks the tokenizer remembers: the vocabularies' words and the commonest of the text's
TOKENIZER_CACHE_SIZE = 200_000


def _blank_english() -> spacy.language.Language:
    """A blank English pipeline whose lexemes are normalised by `token_norm` (computed once per word)."""
    nlp = spacy.blank("en")
    # a new word's lexeme computes every attribute that has a getter (shape, like_num, like_url, is_stop ...), a
    # tenth of a millisecond each; the rules read only the text, offsets and norm of a token
    nlp.vocab.lex_attr_getters = {LOWER: str.lower, NORM: token_norm}
    # spaCy (3.8) stops caching chunks once its cache holds `max_cache_size` of them (10,000 by default), and the
    # labels alone are more: every sentence was then split by the affix rules again, 20x slower
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_SIZE
    return nlp


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The process-wide lexicon (built once: the vocabularies are read and their labels compiled). What reading
    the vocabularies gives, down to the tokens of every label, is kept in hkg's cache (graph/cache.py): tokenising
    40,000 labels took most of a build's start-up."""
    from pathlib import Path

    from hkg.graph import cache

    nlp = _blank_english()
    folder = resources.files("hkg.ontology.vocab")
    files = [*sorted((e for e in folder.iterdir() if e.name.endswith(".ttl")), key=lambda e: e.name), Path(__file__)]
    data = cache.cached("lexicon", cache.digest(files, ["spacy"]), lambda: _compile(nlp))
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    abbreviations = PhraseMatcher(nlp.vocab, attr="ORTH")
    for target, entries in ((matcher, data["patterns"]), (abbreviations, data["abbreviations"])):
        for key, docs in entries:
            target.add(key, [Doc(nlp.vocab, words=words, spaces=spaces) for words, spaces in docs])
    concepts = {
        URIRef(iri): Concept(URIRef(iri), kind, label, tuple(map(URIRef, broader)))
        for iri, kind, label, broader in data["concepts"]
    }
    log.info("lexicon: %d concepts", len(concepts))
    return Lexicon(
        concepts,
        nlp,
        matcher,
        abbreviations,
        frozenset(map(URIRef, data["broad"])),
        {(kind, label): URIRef(iri) for kind, label, iri in data["labels"]},
        first_norms=frozenset(data["first_norms"]),
        first_orths=frozenset(data["first_orths"]),
    )


def _compile(nlp) -> dict:
    """The lexicon's content as JSON: concepts, the tokens (words and the spaces after them) of each label, in
    the order they are added to the matchers, and the indexes `Lexicon` keeps."""
    g = _Statements()
    patterns, abbreviations = [], []
    first_norms, first_orths = set(), set()
    concepts: dict[URIRef, Concept] = {}
    seen_label: dict[tuple[str, str], URIRef] = {}

    def tokens(doc) -> list:
        return [[t.text for t in doc], [bool(t.whitespace_) for t in doc]]

    for scheme, kind in KIND_OF_SCHEME.items():
        for concept in sorted({URIRef(c) for c in g.subjects(SKOS.inScheme, scheme)}):
            if str(SKOS.Concept) not in g.iris(concept, RDF.type):
                continue
            broader = tuple(sorted({URIRef(o) for o in g.iris(concept, SKOS.broader)}))
            concepts[concept] = Concept(concept, kind, _pref_label(g, concept), broader)
            plain, abbrev = [], []
            for label in _with_articles(_labels(g, concept)):
                if label.lower() in GENERIC_LABELS:
                    continue
                if is_abbreviation(label):
                    abbrev.append(tokens(doc := nlp.make_doc(label)))
                    first_orths.add(doc[0].orth_)
                    continue
                key = (kind, " ".join(token_norm(t) for t in label.split()))
                if key in seen_label and seen_label[key] != concept:
                    log.debug("label %r of %s already names %s", label, concept, seen_label[key])
                    continue
                seen_label[key] = concept
                plain.append(tokens(doc := nlp.make_doc(label)))
                first_norms.add(doc[0].norm_)
            if plain:
                patterns.append((f"{kind}|{concept}", plain))
            if abbrev:
                abbreviations.append((f"{kind}|{concept}", abbrev))
    narrower: dict[URIRef, int] = {}
    for c in concepts.values():
        for b in c.broader:
            narrower[b] = narrower.get(b, 0) + 1
    # a category: many narrower concepts, or a top concept that has narrower ones (a top concept with none, such
    # as "sepsis" or "haemorrhoids", is a specific thing the vocabulary files under no category)
    broad = [
        c
        for c in concepts
        if narrower.get(c, 0) >= 5
        or (narrower.get(c, 0) >= 1 and (g.objects(c, SKOS.topConceptOf) or not concepts[c].broader))
    ]
    return {
        "concepts": [[str(c.iri), c.kind, c.label, [str(b) for b in c.broader]] for c in concepts.values()],
        "patterns": patterns,
        "abbreviations": abbreviations,
        "labels": [[kind, label, str(iri)] for (kind, label), iri in seen_label.items()],
        "broad": sorted(map(str, broad)),
        "first_norms": sorted(first_norms),
        "first_orths": sorted(first_orths),
    }


def _with_articles(labels: list[str]) -> list[str]:
    """Each label, and 'X of the Y' for a label 'X of Y' ('transurethral resection of the prostate')."""
    out = list(labels)
    for label in labels:
        if " of " in label and " of the " not in label:
            out.append(label.replace(" of ", " of the ", 1))
    return out


def is_abbreviation(label: str) -> bool:
    """'CT', 'MDT', 'PET-CT', 'EBUS-TBNA', 'THE': short labels in capitals, which must match case-sensitively."""
    letters = [c for c in label if c.isalpha()]
    return (
        bool(letters)
        and len(label) <= 10
        and " " not in label
        and sum(c.isupper() for c in letters) >= len(letters) - 1
    )
