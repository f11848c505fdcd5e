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


class FileWriter:
    """Writes a graph file beside `path` as documents come (`add`), and moves it into place on `commit()`;
    `abort()` removes it.

    Each line is written once, in the order the documents come (sorted by path) and their lines (sorted: graph/rdf.py),
    so a rebuild writes the same file; a line two documents share is written where it first appears. N-Triples and
    N-Quads are written as they come; other formats are serialised by Oxigraph when the last document is in. N-Quads
    and TriG keep each document's triples in the document's named graph.

    Lines about the concepts the vocabularies lack (subjects under `concept_prefix`, "<{root}concept/") are held
    back to the end, when the build has chosen each one's preferred label (graph/labels.py): `finish(fixes)`."""

    def __init__(self, path: Path, concept_prefix: str | None = None):
        self.path = path
        self.concept_prefix = concept_prefix
        self._held: list[tuple[str, str]] = []  # (line, document IRI) of the concept lines
        self.format = format_for(path)
        self.named = self.format.supports_datasets
        self.streamed = self.format in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
        self.tmp: str | None = tmp
        self._out = os.fdopen(fd, "w", encoding="utf-8") if self.streamed else None
        if self._out is None:
            os.close(fd)
        self._seen: set[str] = set()
        self._kept: list[str] = []  # the lines of a format written at the end
        self.triples = 0

    def add(self, doc_iri: str, ntriples: str) -> None:
        """One document's N-Triples (its lines unique, as graph/rdf.py writes them).

        Only lines about nodes several documents can describe are remembered, to be written once: a line whose
        subject is the document, a node minted under it or one of its fact statements (whose IRIs digest the
        document's) cannot come from another document (docs/model.md, "IRIs"). In a named graph per document no
        line repeats across documents."""
        lines = ntriples.splitlines()
        held = self.concept_prefix
        if held is not None and held in ntriples:
            self._held += [(line, doc_iri) for line in lines if line.startswith(held)]
            lines = [line for line in lines if not line.startswith(held)]
        if self.named:
            fresh = [f"{line[:-1]}<{doc_iri}> ." for line in lines if line]
        else:
            root = doc_iri.rsplit("/document/", 1)[0]
            own = (f"<{doc_iri}>", f"<{doc_iri}/", f"<{root}/statement/")
            seen = self._seen
            fresh = [line for line in lines if line and (line.startswith(own) or line not in seen)]
            seen.update(line for line in fresh if not line.startswith(own))
        self._write(fresh)

    def _write(self, fresh: list[str]) -> None:
        self.triples += len(fresh)
        if not fresh:
            return
        if self._out is not None:
            self._out.write("\n".join(fresh) + "\n")
        else:
            self._kept += fresh

    def finish(self, fixes: dict[str, str] | None = None) -> int:
        """Complete the file (not yet in place: see `commit`), with the concept lines held back rewritten by `fixes`
        (line -> line: `labels.Labels.fixes`); returns the number of triples written."""
        fixes = fixes or {}
        held = ((fixes.get(line, line), doc_iri) for line, doc_iri in self._held)
        self._held = []
        if self.named:
            self._write([f"{line[:-1]}<{doc_iri}> ." for line, doc_iri in held])
        else:
            self._write(list(dict.fromkeys(line for line, _ in held)))
        if self._out is not None:
            self._out.close()
            self._out = None
        elif self._kept:
            text = "\n".join(self._kept) + "\n"
            self._kept = []
            items = ox.parse(text, format=ox.RdfFormat.N_QUADS if self.named else ox.RdfFormat.N_TRIPLES)
            kwargs = {"prefixes": {k: str(v) for k, v in PREFIXES.items()}} if self.format in _PREFIXED else {}
            ox.serialize(items, self.tmp, format=self.format, **kwargs)
        self._seen = set()
        return self.triples

    def commit(self) -> None:
        os.replace(self.tmp, self.path)
        self.tmp = None

    def abort(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
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

    def rewrite(self, fixes: dict[str, str]) -> None:
        """Rewrite N-Triples lines (line -> line: `labels.Labels.fixes`) in every document graph holding them."""
        for old, new in fixes.items():
            t, n = (next(ox.parse(line, format=ox.RdfFormat.N_TRIPLES)) for line in (old, new))
            for q in list(self.store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
                self.store.remove(q)
                self.store.add(ox.Quad(n.subject, n.predicate, n.object, q.graph_name))

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
