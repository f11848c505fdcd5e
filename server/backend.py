"""Where queries are answered: an embedded pyoxigraph store (in killable worker processes) or a remote endpoint.

`open_backend(settings)` picks the source from the settings: `graph_file` (loaded into an in-memory store),
`store_dir` (an hkg store folder, opened read-only; it keeps one named graph per document, so queries see
their union as the default graph unless the request names its own dataset), or `backend_url` (any SPARQL
1.1 endpoint, queried over HTTP). Every backend answers `query()` with the bytes pyoxigraph (or the remote
server) serialised; nothing is evaluated in Python. The time limit is enforced by `hkg.server.workers`.
`run_query` serves `hkg query`; `push` loads a graph into a remote store with the Graph Store Protocol.

Result size: an answer with more than `settings.max_results` rows (or triples) is refused (`TooManyResults`,
HTTP 413) rather than truncated, so a client never mistakes a partial answer for a whole one.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from hkg.config import Settings
from hkg.errors import HkgError, InputError, QueryError
from hkg.graph.store import FORMATS
from hkg.graph.vocab import PREFIXES
from hkg.server import negotiation as neg
from hkg.server import querytext
from hkg.server.workers import WorkerBusy, WorkerCrashed, WorkerPool, WorkerTimeout

log = logging.getLogger(__name__)

_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


class QueryTimeout(QueryError):
    """The query ran past the time limit and was stopped."""

    def __init__(self, seconds: float):
        super().__init__(f"the query took longer than {seconds:g} s and was stopped")
        self.seconds = seconds


class TooManyResults(QueryError):
    """The answer has more rows or triples than the limit."""

    def __init__(self, limit: int):
        super().__init__(f"the answer has more than {limit} results; add a LIMIT or narrow the query")
        self.limit = limit


class BackendError(HkgError):
    """The store or the remote endpoint is unavailable (not the query's fault)."""


class EngineError(HkgError):
    """The query engine failed while evaluating a query it had accepted."""


@dataclass(frozen=True)
class Answer:
    """A serialised query answer: its kind (solutions, boolean or graph), its format and its bytes."""

    kind: str
    format: neg.Format
    body: bytes


FORMATS_BY_NAME = {f.name: f for f in (*neg.RESULTS, *neg.GRAPHS, neg.NQUADS)}


# ---------------------------------------------------------------- size limit
def count_items(body: bytes, fmt: neg.Format) -> int:
    """Rows of a results document or triples of a graph document."""
    if fmt is neg.JSON:
        return len(json.loads(body).get("results", {}).get("bindings", []))
    if fmt is neg.XML:
        return body.count(b"<result>") + body.count(b"<result ")
    if fmt is neg.TSV:
        return max(0, body.count(b"\n") - 1)
    if fmt is neg.CSV:
        return max(0, sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1)
    return sum(1 for _ in ox.parse(body, format=fmt.oxigraph))


def check_size(answer: Answer, limit: int) -> Answer:
    """The answer itself, or TooManyResults. Every row takes at least one byte, so small bodies are not counted."""
    if answer.kind != "boolean" and len(answer.body) > limit and count_items(answer.body, answer.format) > limit:
        raise TooManyResults(limit)
    return answer


# ---------------------------------------------------------------- evaluation inside a worker
def _dataset(request: dict, union: bool) -> dict:
    default, named = request.get("default_graph_uris", ()), request.get("named_graph_uris", ())
    if default or named:
        return {"default_graph": [ox.NamedNode(g) for g in default], "named_graphs": [ox.NamedNode(g) for g in named]}
    return {"use_default_graph_as_union": True} if union else {}


def _serialize_kwargs(fmt: neg.Format) -> dict:
    return {"prefixes": _PREFIXES} if fmt is neg.TURTLE else {}


def _dump(store: ox.Store, fmt: neg.Format, path: str) -> None:
    if fmt.oxigraph.supports_datasets:
        store.dump(path, format=fmt.oxigraph)
        return
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None))
    ox.serialize(triples, path, format=fmt.oxigraph, **_serialize_kwargs(fmt))


def evaluate(store: ox.Store, request: dict, union: bool) -> tuple:
    """Answer one request inside a worker: ('ok', kind, format name, payload) or ('error', kind, message)."""
    try:
        if request["op"] == "len":
            return ("ok", "count", "", len(store))
        if request["op"] == "dump":
            fmt = FORMATS_BY_NAME[request["format"]]
            _dump(store, fmt, request["path"])
            return ("ok", "graph", fmt.name, request["path"])
        result = store.query(request["text"], **_dataset(request, union))
        if isinstance(result, ox.QueryTriples):
            fmt = FORMATS_BY_NAME[request["graph_format"]]
            answer = Answer("graph", fmt, ox.serialize(result, format=fmt.oxigraph, **_serialize_kwargs(fmt)))
        else:
            kind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
            fmt = FORMATS_BY_NAME[request["results_format"]]
            answer = Answer(kind, fmt, result.serialize(format=fmt.oxigraph))
        check_size(answer, request["max_results"])
        return ("ok", answer.kind, answer.format.name, answer.body)
    except SyntaxError as exc:
        return ("error", "syntax", str(exc))
    except TooManyResults as exc:
        return ("error", "too_many", str(exc.limit))
    except Exception as exc:  # noqa: BLE001 - reported to the server as an engine failure (500), worker lives on
        return ("error", "engine", f"{type(exc).__name__}: {exc}")


class _Handler:
    """What a forked worker runs for each request."""

    def __init__(self, union: bool):
        self.union = union

    def __call__(self, store, request):
        return evaluate(store, request, self.union)


# ---------------------------------------------------------------- backends
class Backend:
    """What the server and `hkg query` ask of a data source."""

    source = ""

    def query(
        self,
        text: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        results_format: neg.Format = neg.JSON,
        graph_format: neg.Format = neg.TURTLE,
    ) -> Answer:
        """Evaluate `text`; SELECT/ASK answers come in `results_format`, CONSTRUCT/DESCRIBE in `graph_format`."""
        raise NotImplementedError

    def triples(self) -> int:
        raise NotImplementedError

    def dump(self, fmt: neg.Format) -> Iterator[bytes]:
        """The whole dataset in `fmt`, in chunks."""
        raise NotImplementedError

    def close(self) -> None:
        """Release processes and connections."""


class EmbeddedBackend(Backend):
    """A pyoxigraph store (a graph file loaded into memory, or a store folder opened read-only)."""

    def __init__(self, settings: Settings, *, workers: int | None = None):
        self.settings = settings
        if settings.graph_file:
            path = Path(settings.graph_file)
            opener = _Constant(_load_file(path))
            self.source = f"file:{path}"
        else:
            path = Path(settings.store_dir)
            _open_store(path)
            opener = _ReadOnly(str(path))
            self.source = f"store:{path}"
        size = workers if workers is not None else min(settings.threads, os.cpu_count() or 1, 4)
        self._pool = WorkerPool(opener, _Handler(union=True), size)

    def _call(self, request: dict, timeout: float | None = None) -> tuple:
        timeout = timeout or self.settings.query_timeout
        try:
            reply = self._pool.call(request, timeout)
        except WorkerTimeout:
            raise QueryTimeout(timeout) from None
        except WorkerBusy:
            raise BackendError(f"every query worker stayed busy for {timeout:g} s; try again") from None
        except WorkerCrashed:
            raise BackendError("the query worker crashed while answering; it has been restarted") from None
        if reply[0] == "error":
            _, kind, message = reply
            if kind == "syntax":
                raise QueryError(message)
            if kind == "too_many":
                raise TooManyResults(int(message))
            raise EngineError(message)
        return reply

    def query(
        self, text, *, default_graph_uris=(), named_graph_uris=(), results_format=neg.JSON, graph_format=neg.TURTLE
    ) -> Answer:
        request = {
            "op": "query",
            "text": text,
            "default_graph_uris": tuple(default_graph_uris),
            "named_graph_uris": tuple(named_graph_uris),
            "results_format": results_format.name,
            "graph_format": graph_format.name,
            "max_results": self.settings.max_results,
        }
        _, kind, fmt, body = self._call(request)
        return Answer(kind, FORMATS_BY_NAME[fmt], body)

    def triples(self) -> int:
        return self._call({"op": "len"})[3]

    def dump(self, fmt: neg.Format) -> Iterator[bytes]:
        """The worker writes the dump to a temporary file, which is streamed and then removed."""
        fd, path = tempfile.mkstemp(prefix="hkg-dump-", suffix="." + fmt.extension)
        os.close(fd)
        try:
            self._call({"op": "dump", "format": fmt.name, "path": path}, timeout=max(60.0, self.settings.query_timeout))
        except BaseException:
            os.unlink(path)
            raise
        return _stream_file(path)

    def close(self) -> None:
        self._pool.close()


def _stream_file(path: str, chunk: int = 1 << 16) -> Iterator[bytes]:
    try:
        with open(path, "rb") as f:
            while block := f.read(chunk):
                yield block
    finally:
        os.unlink(path)


class _Constant:
    """Opener for a store the parent already holds (the fork inherits it)."""

    def __init__(self, store):
        self.store = store

    def __call__(self):
        return self.store


class _ReadOnly:
    """Opener that opens a store folder read-only inside the worker."""

    def __init__(self, path: str):
        self.path = path

    def __call__(self):
        return ox.Store.read_only(self.path)


def _load_file(path: Path) -> ox.Store:
    if not path.is_file():
        raise InputError(f"graph file {path} does not exist")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the RDF format of {path}", hint="use " + ", ".join(sorted(FORMATS)))
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot read the graph file {path}: {exc}") from None
    return store


def _open_store(path: Path) -> ox.Store:
    if not path.is_dir():
        raise InputError(f"store folder {path} does not exist")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the store {path}: {exc}") from None


class RemoteBackend(Backend):
    """Any SPARQL 1.1 endpoint, queried with the SPARQL 1.1 Protocol (POST, form-encoded) over urllib."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.url = settings.backend_url
        self.source = self.url

    def _post(self, form: list[tuple[str, str]], accept: str) -> tuple[str, bytes]:
        req = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.settings.query_timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            message = exc.read(2000).decode("utf-8", "replace").strip()
            if exc.code == 400:
                raise QueryError(message or "the endpoint refused the query") from None
            raise BackendError(f"{self.url} answered {exc.code}: {message}") from None
        except TimeoutError:
            raise QueryTimeout(self.settings.query_timeout) from None
        except (urllib.error.URLError, OSError) as exc:
            raise BackendError(f"cannot reach {self.url}: {getattr(exc, 'reason', exc)}") from None

    def query(
        self, text, *, default_graph_uris=(), named_graph_uris=(), results_format=neg.JSON, graph_format=neg.TURTLE
    ) -> Answer:
        form = [("query", text)]
        form += [("default-graph-uri", g) for g in default_graph_uris]
        form += [("named-graph-uri", g) for g in named_graph_uris]
        accept = f"{results_format.media_type}, {graph_format.media_type};q=0.9"
        media, body = self._post(form, accept)
        if media == graph_format.media_type:
            answer = Answer("graph", graph_format, body)
        elif media == results_format.media_type:
            ask = querytext.query_form(querytext.keywords(text)) == "ASK"
            answer = Answer("boolean" if ask else "solutions", results_format, body)
        else:
            raise BackendError(f"{self.url} answered in {media}, not in {accept}")
        return check_size(answer, self.settings.max_results)

    def triples(self) -> int:
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        bindings = json.loads(answer.body)["results"]["bindings"]
        return int(bindings[0]["n"]["value"]) if bindings else 0

    def dump(self, fmt: neg.Format) -> Iterator[bytes]:
        # graph names are not kept: N-Quads of the default graph are N-Triples
        text = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        yield self.query(text, graph_format=neg.NTRIPLES if fmt is neg.NQUADS else fmt).body


def open_backend(settings: Settings, *, workers: int | None = None) -> Backend:
    """The backend the settings select: exactly one of graph_file, store_dir, backend_url."""
    given = [x for x in (settings.graph_file, settings.store_dir, settings.backend_url) if x]
    if len(given) != 1:
        raise InputError("give exactly one of a graph file, a store folder or a backend URL")
    if settings.backend_url:
        return RemoteBackend(settings)
    return EmbeddedBackend(settings, workers=workers)


# ---------------------------------------------------------------- hkg query
_CLI_RESULTS = {"json": neg.JSON, "xml": neg.XML, "csv": neg.CSV, "tsv": neg.TSV}
_CLI_GRAPHS = {"ttl": neg.TURTLE, "nt": neg.NTRIPLES}


def run_query(settings: Settings, text: str, fmt: str) -> str | bytes:
    """Answer `text` for `hkg query` in fmt: table, csv, tsv, json, xml (SELECT/ASK) or ttl, nt (CONSTRUCT).

    `table` is an aligned plain-text table for SELECT, "true"/"false" for ASK and Turtle for CONSTRUCT.
    """
    if fmt not in ("table", *_CLI_RESULTS, *_CLI_GRAPHS):
        raise InputError(f"unknown output format {fmt!r}")
    words = querytext.keywords(text)
    if querytext.is_update(words):
        raise QueryError("hkg query answers queries only; SPARQL updates are not accepted")
    if querytext.forbidden(words):
        raise QueryError(f"{querytext.forbidden(words)} is not allowed: hkg never queries other endpoints")
    backend = open_backend(settings, workers=1)
    try:
        answer = backend.query(
            text, results_format=_CLI_RESULTS.get(fmt, neg.JSON), graph_format=_CLI_GRAPHS.get(fmt, neg.TURTLE)
        )
    finally:
        backend.close()
    if answer.kind == "graph" and fmt not in ("table", *_CLI_GRAPHS):
        raise QueryError(f"a CONSTRUCT or DESCRIBE answers in ttl or nt, not {fmt}")
    if answer.kind != "graph" and fmt in _CLI_GRAPHS:
        raise QueryError(f"a SELECT or ASK answers in table, csv, tsv, json or xml, not {fmt}")
    if fmt != "table" or answer.kind == "graph":
        return answer.body.decode("utf-8")
    return table(json.loads(answer.body))


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    return term["value"].replace("\n", " ")


def table(results: dict) -> str:
    """An aligned plain-text table of SPARQL JSON results ("true"/"false" for ASK)."""
    if "boolean" in results:
        return "true\n" if results["boolean"] else "false\n"
    names = results["head"].get("vars", [])
    rows = [[_cell(b.get(n)) for n in names] for b in results["results"]["bindings"]]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- push (Graph Store Protocol)
def push(path: Path, url: str) -> int:
    """Load a graph file or store folder into a Graph Store Protocol endpoint `url`; returns triples sent.

    Each named graph goes as N-Triples in an HTTP POST to ``url?graph=<iri>`` (a store folder holds one per
    document); the default graph, where a triples file lands, goes to ``url?default``.
    SPARQL 1.1 Graph Store HTTP Protocol: https://www.w3.org/TR/sparql11-http-rdf-update/#http-post
    """
    path = Path(path)
    store = _open_store(path) if path.is_dir() else _load_file(path)
    sent = 0
    for graph in [ox.DefaultGraph(), *store.named_graphs()]:
        quads = list(store.quads_for_pattern(None, None, None, graph))
        if not quads:
            continue
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        _post_graph(_graph_url(url, graph), ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        sent += len(quads)
    return sent


def _graph_url(url: str, graph) -> str:
    sep = "&" if "?" in url else "?"
    if isinstance(graph, ox.DefaultGraph):
        return f"{url}{sep}default"
    return f"{url}{sep}graph={urllib.parse.quote(graph.value, safe='')}"


def _post_graph(url: str, body: bytes) -> None:
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        message = exc.read(2000).decode("utf-8", "replace").strip()
        raise HkgError(f"{url} refused the graph: {exc.code} {message}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise HkgError(f"cannot push to {url}: {getattr(exc, 'reason', exc)}") from None
