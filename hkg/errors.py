"""hkg's exceptions: each carries a message a user can act on and the exit code the CLI uses.

Exit codes (documented in `hkg --help` and the README):
0 ok, 1 the graph failed the SHACL/OWL gate (or some documents were skipped),
2 bad input or usage, 3 internal error.
"""

from __future__ import annotations


class HkgError(Exception):
    """Base class: a problem hkg can explain to its user."""

    exit_code = 3

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class InputError(HkgError):
    """A path, document, graph file or option the user gave cannot be used."""

    exit_code = 2


class GateFailed(HkgError):
    """The built graph did not pass the SHACL shapes or the OWL consistency check."""

    exit_code = 1


class QueryError(HkgError):
    """A SPARQL query could not be parsed or evaluated."""

    exit_code = 2
