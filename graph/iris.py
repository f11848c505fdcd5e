"""Cool IRIs: every IRI is minted from what a thing is (its name, its owner, its content), never a counter.

See docs/model.md, "IRIs". Pure and deterministic: the same corpus always gives the same IRIs, in any order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rdflib import URIRef

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_STOP_LEADING = ("the ", "a ", "an ")


@lru_cache(maxsize=100_000)
def slug(text: str) -> str:
    """Lower-case ASCII slug: 'The Department of Surgery' -> 'department-of-surgery'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower().strip()
    for stop in _STOP_LEADING:
        if ascii_text.startswith(stop):
            ascii_text = ascii_text[len(stop) :]
    s = _NON_ALNUM.sub("-", ascii_text).strip("-")
    return s[:80].rstrip("-") or "x"


def digest(*parts: object) -> str:
    """First 12 hex digits of SHA-256 over the parts: a short name for a combination of values."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


class Minter:
    """Mints the data IRIs of one build under a base URI (`{base}id/...`), as rdflib URIRefs or, with another
    `term` (such as `pyoxigraph.NamedNode`), as the terms the caller works with. IRIs taken as arguments
    (`hospital`, `party`, `owner`...) may be URIRefs or plain strings."""

    def __init__(self, base_uri: str, term: Callable[[str], Any] = URIRef):
        self.base = base_uri if base_uri.endswith("/") else base_uri + "/"
        self.root = self.base + "id/"
        self.term = term

    def document(self, doc_slug: str) -> URIRef:
        return self.term(f"{self.root}document/{doc_slug}")

    def span(self, doc_slug: str, start: int, end: int) -> URIRef:
        return self.term(f"{self.root}document/{doc_slug}/span/{start}-{end}")

    def organisation(self, name: str) -> URIRef:
        return self.term(f"{self.root}org/{slug(name)}")

    def unnamed_hospital(self, doc_slug: str) -> URIRef:
        return self.term(f"{self.root}document/{doc_slug}/hospital")

    def unit(self, name: str, *, hospital: URIRef | None, doc_slug: str) -> URIRef:
        owner = str(hospital) if hospital is not None else f"{self.root}document/{doc_slug}"
        return self.term(f"{owner}/unit/{slug(name)}")

    def person(self, name: str, doc_slug: str) -> URIRef:
        return self.term(f"{self.root}document/{doc_slug}/person/{slug(name)}")

    def concept(self, kind: str, label: str) -> URIRef:
        return self.term(f"{self.root}concept/{kind}/{slug(label)}")

    def collaboration(self, party: URIRef, partner: URIRef, kind: str = "") -> URIRef:
        return self.term(f"{self.root}collaboration/{digest(party, partner, kind.lower())}")

    def statement(self, s: object, p: object, o: object, doc: URIRef, start: int, end: int) -> URIRef:
        return self.term(f"{self.root}statement/{digest(s, p, o, doc, start, end)}")

    def extractor(self, name: str) -> URIRef:
        return self.term(f"{self.root}extractor/{slug(name)}")

    def under(self, owner: URIRef, kind: str, key: str) -> URIRef:
        """A node owned by another: `<owner>/<kind>/<key>` (staff counts, figures, events...)."""
        return self.term(f"{owner}/{kind}/{key}")
