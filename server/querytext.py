"""What the server needs to know about a SPARQL text before evaluating it: its form and forbidden keywords.

A small tokenizer blanks out what cannot hold a keyword (comments, string literals, IRIs, variables,
prefixed names), so ``"SERVICE"``, ``<http://x/SERVICE>``, ``?service`` or ``ex:service`` never trigger a refusal.
SPARQL 1.1 Query section 19 (grammar): https://www.w3.org/TR/sparql11-query/#grammar
"""

from __future__ import annotations

import re

_IGNORED = re.compile(
    r"""
      \#[^\n\r]*                                  # comment
    | '''(?:[^'\\]|\\.|'(?!''))*'''               # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'                       # short strings
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>                   # IRI references
    | [?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+         # variables
    | (?<![A-Za-z0-9_\-.\u00c0-\uffff])           # a name starts after a non-name character, and
      (?!(?i:service|silent):)                    # Oxigraph reads "SERVICE:ep" as the keyword and ":ep"
      [A-Za-z0-9_\-.\u00c0-\uffff]*:[A-Za-z0-9_\-.:%\u00c0-\uffff]*   # prefixed names and prefix declarations
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-z]+")
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: keywords the endpoint refuses: federation (SERVICE) would let a query make the server open connections
FORBIDDEN = ("SERVICE",)
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased, outside comments, strings, IRIs and names."""
    return [w.upper() for w in _WORD.findall(_IGNORED.sub(" ", text))]


def query_form(words: list[str]) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword; None if there is none."""
    return next((w for w in words if w in FORMS), None)


def forbidden(words: list[str]) -> str | None:
    """The first keyword this endpoint refuses to evaluate, if any."""
    return next((w for w in words if w in FORBIDDEN), None)


def is_update(words: list[str]) -> bool:
    """True when the text reads as a SPARQL Update (an update keyword before any query form)."""
    for w in words:
        if w in FORMS:
            return False
        if w in UPDATES:
            return True
    return False
