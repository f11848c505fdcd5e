"""hkg's settings: one table of (name, default, help), read from flags and HKG_* environment variables.

Every setting can be given as an environment variable named ``HKG_`` + the upper-cased name
(``HKG_BASE_URI``, ``HKG_QUERY_TIMEOUT``...); a command-line flag wins over the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from hkg.errors import InputError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("base_uri", "http://localhost:8000/", "Base of every IRI the graph mints (data IRIs are {base}id/...)."),
    Setting("host", "127.0.0.1", "Interface `hkg serve` listens on."),
    Setting("port", 8000, "Port `hkg serve` listens on."),
    Setting("threads", 8, "Worker threads of the WSGI server."),
    Setting("query_timeout", 10.0, "Seconds a SPARQL query may run before it is stopped (503)."),
    Setting("max_results", 100_000, "Most rows (or triples) a query may return before it is refused (413)."),
    Setting("max_query_bytes", 100_000, "Largest SPARQL request body accepted, in bytes (413 past it)."),
    Setting("max_document_bytes", 5_000_000, "Documents larger than this are skipped by `hkg build`."),
    Setting("jobs", 1, "Worker processes `hkg build` uses for extraction."),
    Setting("cors", True, "Send CORS headers so browser clients on other origins can query."),
)

_DEFAULTS = {s.name: s.default for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    base_uri: str = _DEFAULTS["base_uri"]
    host: str = _DEFAULTS["host"]
    port: int = _DEFAULTS["port"]
    threads: int = _DEFAULTS["threads"]
    query_timeout: float = _DEFAULTS["query_timeout"]
    max_results: int = _DEFAULTS["max_results"]
    max_query_bytes: int = _DEFAULTS["max_query_bytes"]
    max_document_bytes: int = _DEFAULTS["max_document_bytes"]
    jobs: int = _DEFAULTS["jobs"]
    cors: bool = _DEFAULTS["cors"]
    #: where the served graph comes from: a graph file, a store folder, or a remote SPARQL endpoint
    graph_file: str | None = None
    store_dir: str | None = None
    backend_url: str | None = None

    def __post_init__(self) -> None:
        if not self.base_uri.endswith("/"):
            object.__setattr__(self, "base_uri", self.base_uri + "/")
        if not self.base_uri.startswith(("http://", "https://")):
            raise InputError(f"base URI {self.base_uri!r} is not an http(s) IRI", hint="e.g. https://example.org/")

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given values, ignoring those that are None (flags not given)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _coerce(value: str, like: Any, name: str) -> Any:
    try:
        if isinstance(like, bool):
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if isinstance(like, int):
            return int(value)
        if isinstance(like, float):
            return float(value)
    except ValueError:
        raise InputError(
            f"environment variable HKG_{name.upper()}={value!r} is not a valid {type(like).__name__}"
        ) from None
    return value


def from_env(environ: dict[str, str] | None = None, prefix: str = "HKG_") -> Settings:
    """Settings with defaults overridden by HKG_* environment variables."""
    environ = os.environ if environ is None else environ
    values = {}
    for f in fields(Settings):
        key = prefix + f.name.upper()
        if key in environ:
            like = _DEFAULTS.get(f.name, "")
            values[f.name] = _coerce(environ[key], like, f.name)
    return Settings(**values)
