"""Writing built graphs: to a file (format from its suffix) or into a persistent Oxigraph store folder.

Both writes are atomic: the new graph is written beside the target and moved into place only when complete,
so a half-written graph is never served and a failed build leaves the last good one untouched.
A store keeps one named graph per document (the document's IRI), so a rebuild can reuse the graphs of
unchanged documents (same SHA-256, same hkg version) instead of extracting them again.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from hkg import __version__
from hkg.errors import InputError
from hkg.graph.vocab import HKG, PREFIXES

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}


def format_for(path: Path) -> ox.RdfFormat:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot tell the RDF format of {path} from its suffix",
            hint="use one of " + ", ".join(sorted(FORMATS)),
        )
    return fmt


def check_target(path: Path) -> None:
    """Fail early (before any extraction) when the output cannot be written."""
    format_for(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise InputError(f"cannot write {path}: folder {parent} does not exist")
    if path.exists() and path.is_dir():
        raise InputError(f"cannot write {path}: it is a folder", hint="give a file name such as graph.ttl")


def _quads(documents: Iterable[tuple[str, str]], named: bool) -> Iterable[ox.Quad]:
    """Quads from (document IRI, N-Triples text) pairs: in the document's named graph, or the default graph."""
    for doc_iri, ntriples in documents:
        graph = ox.NamedNode(doc_iri) if named else ox.DefaultGraph()
        for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
            yield ox.Quad(t.subject, t.predicate, t.object, graph)


def _unique_lines(documents: Iterable[tuple[str, str]], named: bool) -> list[str]:
    """The documents' N-Triples lines, each once, in the order the documents come (sorted by path) and their lines
    (sorted: graph/rdf.py), so a rebuild writes the same file; as N-Quads lines in the document's named graph when
    `named`. Not sorted again as a whole: a line two documents share is written where it first appears."""
    lines: dict[str, None] = {}
    for doc_iri, ntriples in documents:
        if named:
            lines.update(dict.fromkeys(f"{line[:-2]}<{doc_iri}> ." for line in ntriples.splitlines() if line))
        else:
            lines.update(dict.fromkeys(ntriples.splitlines()))
    lines.pop("", None)
    return list(lines)


class FileWriter:
    """Writes a graph file beside `path` (`write`) and moves it into place on `commit()`; `abort()` removes it."""

    def __init__(self, path: Path):
        self.path = path
        self.format = format_for(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
        os.close(fd)
        self.tmp: str | None = tmp

    def write(self, documents: Iterable[tuple[str, str]]) -> int:
        """Write the documents' triples as one graph (N-Quads and TriG: each in its document's named graph);
        returns the number of triples."""
        fmt, named = self.format, self.format.supports_datasets
        lines = _unique_lines(documents, named)
        if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
            with open(self.tmp, "w", encoding="utf-8") as out:
                for i in range(0, len(lines), 65536):  # one write per block of lines, not per line
                    out.write("\n".join(lines[i : i + 65536]) + "\n")
        else:
            text = "\n".join(lines) + "\n"
            items = ox.parse(text, format=ox.RdfFormat.N_QUADS if named else ox.RdfFormat.N_TRIPLES)
            kwargs = {"prefixes": {k: str(v) for k, v in PREFIXES.items()}} if fmt in _PREFIXED else {}
            ox.serialize(items, self.tmp, format=fmt, **kwargs)
        return len(lines)

    def commit(self) -> None:
        os.replace(self.tmp, self.path)
        self.tmp = None

    def abort(self) -> None:
        if self.tmp is not None and os.path.exists(self.tmp):
            os.unlink(self.tmp)
        self.tmp = None


_PREFIXED = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)


class StoreWriter:
    """Builds a new Oxigraph store folder beside `target` and swaps it in on `commit()`."""

    def __init__(self, target: Path):
        self.target = target
        if target.exists() and not (target.is_dir()):
            raise InputError(f"cannot use {target} as a store: it is a file", hint="give a folder path")
        target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".building", dir=target.parent))
        self.store = ox.Store(str(self.tmp))
        self.previous = _open_previous(target)

    def stored(self, doc_iri: str, sha256: str) -> str | None:
        """The N-Triples of a document from the previous store, if it was built from the same bytes by this
        version of hkg."""
        if self.previous is None:
            return None
        key = ox.Quad(ox.NamedNode(doc_iri), ox.NamedNode(str(HKG.sha256)), ox.Literal(sha256), ox.NamedNode(doc_iri))
        if not list(self.previous.quads_for_pattern(key.subject, key.predicate, key.object, key.graph_name)):
            return None
        versions = {
            q.object.value
            for q in self.previous.quads_for_pattern(None, ox.NamedNode(str(HKG.version)), None, ox.NamedNode(doc_iri))
        }
        if versions != {__version__}:
            return None
        triples = (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.previous.quads_for_pattern(None, None, None, ox.NamedNode(doc_iri))
        )
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    def add(self, doc_iri: str, ntriples: str) -> None:
        self.store.bulk_extend(_quads([(doc_iri, ntriples)], named=True))

    def triples(self) -> int:
        return len(self.store)

    def commit(self) -> None:
        self.store.flush()
        del self.store
        self.previous = None
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(self.target, old)
        os.replace(self.tmp, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        self.previous = None
        self.store = None
        shutil.rmtree(self.tmp, ignore_errors=True)


def _open_previous(target: Path):
    if not target.exists():
        return None
    try:
        return ox.Store.read_only(str(target))
    except OSError as exc:
        raise InputError(f"cannot open the existing store {target}: {exc}") from None
