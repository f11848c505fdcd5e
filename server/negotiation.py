"""HTTP content negotiation as data: one table of formats and one `negotiate(accept, offers)`.

RFC 9110 section 12.5.1 (Accept): media ranges with q-values, ``type/*`` and ``*/*``; the most specific range
that matches an offer gives its quality; q=0 refuses; ties go to the server's order of offers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """One representation the server can send: a short name (the `format` parameter), its media type,
    the pyoxigraph format that writes it (if any), and the file extension of its download."""

    name: str
    media_type: str
    oxigraph: ox.RdfFormat | ox.QueryResultsFormat | None
    extension: str
    aliases: tuple[str, ...] = ()

    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type.endswith(("+xml", "+json", "/xml", "/json"))
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


JSON = Format("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON, "srj", ("application/json",))
XML = Format("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML, "srx", ("application/xml",))
CSV = Format("csv", "text/csv", ox.QueryResultsFormat.CSV, "csv")
TSV = Format("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV, "tsv")
TURTLE = Format("ttl", "text/turtle", ox.RdfFormat.TURTLE, "ttl", ("application/x-turtle",))
NTRIPLES = Format("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES, "nt", ("text/plain",))
JSONLD = Format("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, "jsonld", ("application/json",))
RDFXML = Format("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML, "rdf", ("application/xml", "text/xml"))
NQUADS = Format("nq", "application/n-quads", ox.RdfFormat.N_QUADS, "nq")
HTML = Format("html", "text/html", None, "html", ("application/xhtml+xml",))
PLAIN = Format("text", "text/plain", None, "txt")
JSON_PLAIN = Format("json", "application/json", None, "json")

#: what a SELECT or ASK can be answered in (the first is the default for an absent Accept)
RESULTS = (JSON, XML, CSV, TSV)
#: what a CONSTRUCT or DESCRIBE (and any RDF document) can be answered in
GRAPHS = (TURTLE, NTRIPLES, JSONLD, RDFXML)
#: a Linked Data resource: a page for people, RDF for machines
RESOURCE = (HTML, *GRAPHS)
#: error bodies
ERRORS = (PLAIN, JSON_PLAIN, HTML)


def parse_accept(accept: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values, lower-cased; malformed parts are skipped."""
    ranges = []
    for part in (accept or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.count("/") != 1:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(ranges: list[tuple[str, float]], media_type: str) -> tuple[int, float]:
    """(specificity, q) of the most specific range matching `media_type`; (-1, 0) when none does."""
    kind = media_type.split("/")[0]
    best = (-1, 0.0)
    for media, q in ranges:
        if media == media_type:
            specificity = 2
        elif media == f"{kind}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, q)
    return best


def negotiate(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The offer the client prefers most; the first offer for an empty Accept; None if nothing is acceptable."""
    if not offers:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(ranges, offer.media_type)[1]
        # an alias counts only when named exactly (so `text/*` does not pick N-Triples for its text/plain alias)
        for alias in offer.aliases:
            specificity, alias_q = _quality(ranges, alias)
            if specificity == 2:
                q = max(q, alias_q)
        if q > best_q:
            best, best_q = offer, q
    return best


def by_name(name: str, offers: Sequence[Format]) -> Format | None:
    """The offer named by a `format` parameter: a short name (``ttl``), an extension or a media type."""
    name = name.strip().lower()
    for offer in offers:
        if name in (offer.name, offer.extension, offer.media_type):
            return offer
    return None


def offered(offers: Sequence[Format]) -> str:
    """The offered media types, for a 406 message."""
    return ", ".join(o.media_type for o in offers)
