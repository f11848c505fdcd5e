"""The build as a whole: expand the paths, run the pipeline, gate, and write the graph atomically."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from hkg.config import Settings
from hkg.errors import GateFailed, InputError
from hkg.graph import consistency, gate, labels, pipeline, store
from hkg.graph.iris import Minter

log = logging.getLogger(__name__)


def build(
    paths: list[str],
    settings: Settings,
    *,
    output: Path | None = None,
    store_dir: Path | None = None,
    validate: bool = True,
    owl: bool = True,
    progress: bool = False,
    encoding: str | None = None,
    echo: Callable[[str], None] = print,
) -> pipeline.BuildReport:
    from hkg.graph import documents

    files, missing = documents.expand(paths)
    report = pipeline.BuildReport()
    for skipped in missing:
        report.skipped.append(str(skipped))
        echo(f"skipped {skipped}")
    if not files:
        raise InputError(
            "no documents to build" + (f": {missing[0]}" if missing else f" in {' '.join(paths)}"),
            hint="give .txt, .md or .html files, or folders holding them",
        )
    if output is not None:
        store.check_target(output)
    writer = store.StoreWriter(store_dir) if store_dir is not None else None
    minter = Minter(settings.base_uri)
    options = pipeline.BuildOptions(settings.base_uri, settings.max_document_bytes, validate, encoding)
    reuse = _reuser(writer, minter, options) if writer is not None else None
    graphs: list[tuple[str, str]] = []
    violations: list[str] = []
    union = gate.Union(owl and consistency.available()) if validate else None
    chosen = labels.Labels(minter.root)  # one preferred label per uncurated concept, over all the documents
    # written beside the target until the gate passes
    file_writer = store.FileWriter(output, chosen.prefix) if output is not None else None
    try:
        for res in pipeline.run([str(f) for f in files], options, jobs=settings.jobs, reuse=reuse, progress=progress):
            report.documents += 1
            if res.skipped:
                report.skipped.append(res.skipped)
                echo(f"skipped {res.skipped}")
                continue
            report.warnings.extend(res.warnings)
            report.reused += res.reused
            report.built += not res.reused
            report.facts.update(res.counts)
            report.triples += res.triples
            if res.violations:
                violations.append(f"{res.path}: {res.violations}")
            if union is not None:
                union.add(res.ntriples)
            doc_iri = str(minter.document(res.slug))
            chosen.add(res.ntriples, len(graphs))
            graphs.append((doc_iri, res.ntriples))
            if file_writer is not None:
                file_writer.add(doc_iri, res.ntriples)
            if writer is not None:
                writer.add(doc_iri, res.ntriples)
        if not graphs:
            raise InputError("no document could be built; nothing was written")
        fixes, fixed = chosen.fixes()
        for i in fixed:
            graphs[i] = (graphs[i][0], labels.rewrite(graphs[i][1], fixes))
        owl_check = _gate(violations, union, [nt for _, nt in graphs], report, echo, owl) if validate else None
        if file_writer is not None:  # finished while HermiT works, moved into place after its verdict
            report.triples = file_writer.finish(fixes)
        if owl_check is not None:
            _owl_verdict(owl_check.result(), report, echo)
        if file_writer is not None:
            file_writer.commit()
            file_writer = None
        if writer is not None:
            writer.rewrite(fixes)
            report.triples = writer.triples()
            writer.commit()
            writer = None
    finally:
        if writer is not None:
            writer.abort()
        if file_writer is not None:
            file_writer.abort()
    return report


def _reuser(writer: store.StoreWriter, minter: Minter, options: pipeline.BuildOptions):
    """A function giving the stored result of an unchanged document (same bytes, same hkg version)."""
    import hashlib

    from hkg.graph import documents

    def reuse(path: str) -> pipeline.DocResult | None:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError:
            return None
        sha = hashlib.sha256(data).hexdigest()
        doc_slug = documents.slug_for(p)
        nt = writer.stored(str(minter.document(doc_slug)), sha)
        if nt is None:
            return None
        n = nt.count("\n")
        return pipeline.DocResult(path=path, slug=doc_slug, sha256=sha, ntriples=nt, triples=n, reused=True)

    return reuse


def _gate(
    violations: list[str], union: gate.Union, documents: list[str], report: pipeline.BuildReport, echo, owl: bool
):
    """The rest of the gate, after every document's graph passed the shapes on its own (in the workers): the
    shapes on what the documents share, then the OWL check of the whole graph through its summary, which runs in
    a thread of its own (HermiT is a Java process) while the graph is written: the returned future. Raises
    GateFailed, so nothing is written."""
    if violations:
        raise GateFailed("the graph failed the SHACL gate; nothing was written\n" + "\n".join(violations))
    shared_check = _SharedCheck(documents, union.shared)  # forked before any thread starts
    owl_check = None
    if owl:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(1, thread_name_prefix="hkg-owl")
        owl_check = pool.submit(consistency.check_documents, documents, union.summariser)
        pool.shutdown(wait=False)  # the thread ends with the check
    shared = shared_check.result()
    if not shared.conforms:
        raise GateFailed("the graph failed the SHACL gate; nothing was written\n" + shared.text)
    _warn(report, echo, [f for f in shared.results if f.severity != "Violation"])
    return owl_check


class _SharedCheck:
    """`gate.check_shared` in a forked process, which reads the documents where they are (no copy is sent), so
    that it runs beside the OWL summary instead of taking turns with it for the interpreter; in this process when
    there is nothing to check or no fork."""

    #: below this many shared nodes the check takes less than a fork costs
    FORK_FROM = 200

    def __init__(self, documents: list[str], shared: set[str]):
        import multiprocessing

        self.documents, self.shared = documents, shared
        self.process = self.pipe = None
        if len(shared) < self.FORK_FROM or "fork" not in multiprocessing.get_all_start_methods():
            return
        ctx = multiprocessing.get_context("fork")
        self.pipe, child_end = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_shared_child, args=(child_end, documents, shared), daemon=True)
        self.process.start()
        child_end.close()

    def result(self) -> gate.GateResult:
        if self.process is None:
            return gate.check_shared(self.documents, shared=self.shared)
        try:
            conforms, text, findings = self.pipe.recv()
        except EOFError:  # the process died (out of memory, killed): check here instead
            log.warning("the shared-node check stopped in its process; checking again here")
            return gate.check_shared(self.documents, shared=self.shared)
        finally:
            self.process.join()
            self.pipe.close()
        return gate.GateResult(conforms, text, findings)


def _shared_child(pipe, documents: list[str], shared: set[str]) -> None:
    result = gate.check_shared(documents, shared=shared)
    pipe.send((result.conforms, result.text, result.results))
    pipe.close()


def _owl_verdict(result, report: pipeline.BuildReport, echo) -> None:
    if not result.conforms:
        raise GateFailed("the graph is inconsistent with the ontology; nothing was written\n" + result.text)
    _warn(report, echo, result.results)


#: how many warnings of one gate step are printed; the rest are counted in the summary
SHOWN_WARNINGS = 3


def _warn(report: pipeline.BuildReport, echo, findings) -> None:
    from hkg.graph import gate

    lines = gate.format_findings(findings).splitlines()
    report.warnings += lines
    for line in lines[:SHOWN_WARNINGS]:
        echo(line)
    if len(lines) > SHOWN_WARNINGS:
        echo(f"(+{len(lines) - SHOWN_WARNINGS} more warnings like these)")


def load_graph(graph: Path | None, store_dir: Path | None) -> Graph:
    """A built graph from a file or a store folder, as an rdflib Graph (for `hkg validate`)."""
    if (graph is None) == (store_dir is None):
        raise InputError("give a graph file or --store DIR (one of them)")
    g = Graph()
    if graph is not None:
        if not graph.exists():
            raise InputError(f"{graph}: no such file")
        fmt = store.format_for(graph)
        try:
            g.parse(str(graph), format=_RDFLIB_FORMAT[fmt.file_extension])
        except Exception as exc:
            raise InputError(f"{graph}: not a readable {fmt.name} graph ({exc})") from None
        return g
    import pyoxigraph as ox

    st = ox.Store.read_only(str(store_dir))
    nt = ox.serialize(
        (ox.Triple(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None)),
        format=ox.RdfFormat.N_TRIPLES,
    )
    g.parse(data=nt.decode("utf-8"), format="nt")
    return g


_RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml", "nq": "nquads", "trig": "trig"}
