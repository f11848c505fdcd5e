"""`hkg build`: documents in, a validated graph out. Streams over documents, in parallel with `jobs` > 1.

One document at a time: read → normalise → extract → RDF (N-Triples text), so memory is bounded by the
graph, not by the documents read. A document that cannot be read is skipped with a one-line reason; the others
are built. Each document's graph is checked by the SHACL shapes in the worker that built it; graph/build.py then
checks what the documents share and the OWL consistency of the whole (graph/gate.py), and writes the graph only
when it passes (graph/store.py writes atomically).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hkg.errors import InputError
from hkg.graph import rdf

log = logging.getLogger(__name__)


@dataclass
class DocResult:
    """What building one document gave: its triples (N-Triples text) or why it was skipped."""

    path: str
    slug: str = ""
    sha256: str = ""
    ntriples: str = ""
    triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    skipped: str | None = None  # one-line reason when the document was not built
    reused: bool = False
    warnings: list[str] = field(default_factory=list)
    violations: str = ""  # the SHACL report when the document's own graph fails the shapes


@dataclass
class BuildReport:
    documents: int = 0
    built: int = 0
    reused: int = 0
    skipped: list[str] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    triples: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items()))
        lines = [
            f"documents: {self.documents} ({self.built} built, {self.reused} unchanged, {len(self.skipped)} skipped)",
            f"facts: {sum(self.facts.values())} ({kinds or 'none'})",
            f"triples: {self.triples}",
            f"warnings: {len(self.warnings) + len(self.skipped)}",
            f"seconds: {self.seconds:.1f}"
            + (f" ({self.documents / self.seconds:.1f} documents/s)" if self.seconds > 0 else ""),
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class BuildOptions:
    base_uri: str
    max_document_bytes: int
    validate: bool = True
    encoding: str | None = None


def build_one(path: str, options: BuildOptions) -> DocResult:
    """Read, extract and convert one document (not yet checked: see `build_batch`); never raises for a bad
    document."""
    from hkg.graph import documents

    result = DocResult(path=path)
    try:
        doc = documents.read(Path(path), max_bytes=options.max_document_bytes, encoding=options.encoding)
    except InputError as exc:
        result.skipped = str(exc)
        return result
    result.slug, result.sha256 = doc.slug, doc.sha256
    try:
        triples, counts, warnings = triples_of(doc, options.base_uri)
        result.warnings = [f"{path}: {w}" for w in warnings]
        result.ntriples = rdf.to_ntriples(triples)
    except Exception as exc:  # an extraction bug must not cost the other documents their facts
        log.exception("extraction failed on %s", path)
        result.skipped = f"{path}: extraction failed ({type(exc).__name__}: {exc}); please report this as a bug"
        return result
    result.counts = counts
    result.triples = len(triples)
    return result


#: documents whose graphs the shapes check in one call: a call has a fixed cost of a few milliseconds
GATE_BATCH = 8


def build_batch(paths: list[str], options: BuildOptions) -> list[DocResult]:
    """`build_one` each document, then check their graphs by the SHACL shapes (in the worker that built them,
    so the gate runs on every core)."""
    results = [build_one(p, options) for p in paths]
    if options.validate:
        _gate([r for r in results if not r.skipped])
    return results


def _gate(results: list[DocResult]) -> None:
    """The shapes on the union of the documents' graphs; on a violation, on each graph alone, to say whose."""
    from hkg.graph import gate

    if not results:
        return
    try:
        checked, error = gate.check_document("".join(r.ntriples for r in results)), None
    except Exception as exc:  # the engine could not read a graph: a bug in hkg, to be found document by document
        checked, error = None, exc
    if (checked is None or not checked.conforms) and len(results) > 1:
        for r in results:
            _gate([r])
        return
    if checked is None:
        log.error("the shapes could not check %s", results[0].path, exc_info=error)
        reason = f"its graph could not be checked ({type(error).__name__}: {error}); please report this as a bug"
        results[0].skipped = f"{results[0].path}: {reason}"
        return
    if not checked.conforms:
        results[0].violations = checked.text
    found = [f for f in checked.results if f.severity != "Violation"]
    results[0].warnings += gate.format_findings(found).splitlines()


def triples_of(doc, base_uri: str):
    """The triples of one read document, its fact counts by kind, and the extractor's warnings."""
    from hkg.graph import extract

    extraction = extract.extract(doc.slug, doc.text, title=doc.title)
    info = rdf.DocumentInfo(
        slug=doc.slug,
        title=doc.title,
        sha256=doc.sha256,
        file_name=Path(doc.path).name,
        metadata=tuple(sorted((k, str(v)) for k, v in (doc.metadata or {}).items() if v)),
    )
    return rdf.triples(extraction, info, base_uri), extraction.counts(), extraction.warnings


def _worker(args):
    paths, options = args
    return build_batch(paths, options)


def run(
    paths: Iterable[str],
    options: BuildOptions,
    *,
    jobs: int = 1,
    reuse: Callable[[str], DocResult | None] | None = None,
    progress: bool = False,
) -> Iterator[DocResult]:
    """Build every document, yielding results in input order. `reuse(path)` may return a stored result for an
    unchanged document (rebuilds into a store), which is then not extracted again."""
    from tqdm import tqdm

    paths = list(paths)
    todo = []
    for p in paths:
        stored = reuse(p) if reuse else None
        if stored is not None:
            yield stored
        else:
            todo.append(p)
    bar = tqdm(total=len(todo), unit="doc", disable=not progress, dynamic_ncols=True, leave=False)
    try:
        batches = [todo[i : i + GATE_BATCH] for i in range(0, len(todo), GATE_BATCH)]
        if jobs <= 1 or len(todo) < 16:  # worker start-up costs more than a few documents
            if todo:
                _warm()
            done = map(build_batch, batches, [options] * len(batches))
            pool = None
        else:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["hkg.graph.warm"])  # loaded once in the server, shared by the workers
            pool = ctx.Pool(jobs)
            done = pool.imap(_worker, ((batch, options) for batch in batches))
        try:
            for results in done:
                yield from results
                bar.update(len(results))
        finally:
            if pool is not None:
                pool.terminate()
    finally:
        bar.close()


def _warm() -> None:
    """Load the vocabularies, the word counts and the places once per process, then move them out of the garbage
    collector's sight (`gc.freeze`): they live as long as the process, and scanning them again and again in full
    collections cost about a tenth of the time per document (measured: 16.5 -> 14.7 ms CPU)."""
    import gc

    from hkg.graph import lexicon, mentions, normalise

    lexicon.load()
    normalise._lexicon()
    normalise._segmenter()
    mentions._gazetteer()
    gc.freeze()
