"""The `hkg` command line: build, validate, query and serve the hospital knowledge graph.

Thin by design: it parses flags into Settings, calls the library, and turns an HkgError into a one-line
message and its exit code (0 ok, 1 the graph failed the gate, 2 bad input or usage, 3 internal error,
4 the graph was written but some documents were skipped).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from hkg import __version__
from hkg.config import Settings, from_env
from hkg.errors import HkgError, InputError

EXIT_SKIPPED = 4

EPILOG = """\b
Exit codes: 0 ok; 1 the graph failed the SHACL/OWL gate (nothing written);
2 bad input or usage; 3 internal error; 4 graph written, some documents skipped.
Every setting can also come from an environment variable: HKG_BASE_URI, HKG_PORT, ...
"""


class HkgCommand(click.Command):
    """A command whose HkgErrors become one-line messages with the error's exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HkgError as exc:
            click.echo(f"hkg {ctx.info_name}: {exc}", err=True)
            ctx.exit(exc.exit_code)


class HkgGroup(click.Group):
    command_class = HkgCommand


def _settings(ctx: click.Context, **overrides) -> Settings:
    try:
        return from_env().with_overrides(**overrides)
    except HkgError as exc:
        click.echo(f"hkg {ctx.info_name}: {exc}", err=True)
        ctx.exit(exc.exit_code)


@click.group(cls=HkgGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="hkg")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """hkg turns hospital department pages into a knowledge graph you can query and link to.

    \b
    A typical session:
      hkg build corpus/ -o graph.ttl            # documents -> validated RDF
      hkg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5' --graph graph.ttl
      hkg serve --graph graph.ttl               # SPARQL + Linked Data at http://localhost:8000

    Run `hkg COMMAND --help` for each command's options and examples.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


# ---------------------------------------------------------------- build
@main.command(
    epilog=EPILOG + "Start-up data is cached in ~/.cache/hkg (HKG_CACHE_DIR=DIR moves it, =off turns it off).\n"
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Graph file to write: .ttl, .nt, .jsonld, .rdf, .nq or .trig.",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Persistent Oxigraph store folder to build into (unchanged documents are reused).",
)
@click.option("--base-uri", help="Base of the IRIs the graph mints [default: http://localhost:8000/].")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="Worker processes for extraction [default: 1].")
@click.option(
    "--max-document-bytes", type=click.IntRange(1), help="Skip documents larger than this [default: 5000000]."
)
@click.option("--encoding", help="Decode documents that are not UTF-8 with this encoding (e.g. gb18030).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL and OWL gate (for experiments only).")
@click.option("--no-owl", is_flag=True, help="Skip the OWL consistency check (HermiT, needs Java) but keep SHACL.")
@click.option("--push", "push_url", help="Also load the graph into a SPARQL 1.1 Graph Store Protocol endpoint.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def build(
    ctx, paths, output, store_dir, base_uri, jobs, max_document_bytes, encoding, no_validate, no_owl, push_url, quiet
):
    """Build the graph of the documents in PATHS (files, folders or globs of .txt, .md, .html).

    Every document is normalised, its facts extracted with the sentence each came from, turned into RDF and
    checked against the SHACL shapes; the graph is written only if every document passes (the previous
    graph or store is left untouched otherwise). A document that cannot be read is skipped with a one-line
    reason, and the others are built.

    \b
    Examples:
      hkg build corpus/ -o graph.ttl
      hkg build 'pages/**/*.html' --store var/store --jobs 2
      hkg build corpus/ -o graph.nt --push http://localhost:7878/store
    """
    from hkg.graph import build as builder

    settings = _settings(ctx, base_uri=base_uri, jobs=jobs, max_document_bytes=max_document_bytes)
    if output is None and store_dir is None:
        raise InputError("say where the graph goes: -o FILE or --store DIR", hint="e.g. hkg build corpus/ -o graph.ttl")
    started = time.monotonic()
    report = builder.build(
        list(paths),
        settings,
        output=output,
        store_dir=store_dir,
        validate=not no_validate,
        owl=not no_owl,
        progress=not quiet and sys.stderr.isatty(),
        encoding=encoding,
        echo=lambda line: click.echo(line, err=True),
    )
    if push_url:
        from hkg.server.backend import push

        sent = push(output or store_dir, push_url)
        click.echo(f"pushed {sent} triples to {push_url}", err=True)
    report.seconds = time.monotonic() - started
    if not quiet:
        click.echo(report.summary(), err=True)
    if report.skipped:
        ctx.exit(EXIT_SKIPPED)


# ---------------------------------------------------------------- validate
@main.command(epilog=EPILOG)
@click.argument("graph", type=click.Path(path_type=Path), required=False)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Validate a store folder instead of a file.",
)
@click.option("--no-owl", is_flag=True, help="Skip the OWL consistency check (HermiT, needs Java).")
@click.pass_context
def validate(ctx, graph, store_dir, no_owl):
    """Check a built graph against hkg's SHACL shapes and the OWL ontology, and print a readable report.

    \b
    Examples:
      hkg validate graph.ttl
      hkg validate --store var/store --no-owl
    """
    from hkg.graph import build as builder
    from hkg.graph import gate

    data = builder.load_graph(graph, store_dir)
    result = gate.check(data, owl=not no_owl)
    click.echo(result.text)
    ctx.exit(0 if result.conforms else 1)


# ---------------------------------------------------------------- query
@main.command(epilog=EPILOG)
@click.argument("query")
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False), help="Graph file to query.")
@click.option("--store", "store_dir", type=click.Path(exists=True, file_okay=False), help="Store folder to query.")
@click.option("--backend", "backend_url", help="A remote SPARQL 1.1 endpoint to query instead.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--timeout", "query_timeout", type=float, help="Seconds before the query is stopped [default: 10].")
@click.pass_context
def query(ctx, query, graph_file, store_dir, backend_url, fmt, query_timeout):
    """Answer a SPARQL query (text, a .rq file, or - for standard input) from the command line.

    \b
    Examples:
      hkg query 'SELECT ?unit ?beds WHERE { ?unit <https://w3id.org/hkg/ontology#bedCount> ?beds }' --graph graph.ttl
      hkg query queries/cq03-capacity.rq --store var/store --format csv
      hkg query - --graph graph.ttl < my.rq
    """
    from hkg.server.backend import run_query

    if query == "-":
        query = sys.stdin.read()
    elif query.endswith(".rq") and Path(query).is_file():
        query = Path(query).read_text(encoding="utf-8")
    if not (graph_file or store_dir or backend_url):
        raise InputError("say what to query: --graph FILE, --store DIR or --backend URL")
    settings = _settings(
        ctx, graph_file=graph_file, store_dir=store_dir, backend_url=backend_url, query_timeout=query_timeout
    )
    out = run_query(settings, query, fmt)
    if isinstance(out, bytes):
        sys.stdout.buffer.write(out)
    else:
        click.echo(out, nl=not out.endswith("\n"))


# ---------------------------------------------------------------- serve
@main.command(epilog=EPILOG)
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Graph file to serve (loaded into memory).",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Store folder to serve (opened read-only).",
)
@click.option(
    "--backend", "backend_url", help="Serve a remote SPARQL 1.1 endpoint (Fuseki, Virtuoso, QLever, Oxigraph)."
)
@click.option("--host", help="Interface to listen on [default: 127.0.0.1].")
@click.option("--port", type=click.IntRange(0, 65535), help="Port to listen on [default: 8000].")
@click.option("--base-uri", help="Base URI the graph was built with [default: http://localhost:8000/].")
@click.option("--threads", type=click.IntRange(1, 256), help="WSGI worker threads [default: 8].")
@click.option("--query-timeout", type=float, help="Seconds a query may run [default: 10].")
@click.option("--max-results", type=click.IntRange(1), help="Most rows a query may return [default: 100000].")
@click.pass_context
def serve(ctx, graph_file, store_dir, backend_url, host, port, base_uri, threads, query_timeout, max_results):
    """Serve a built graph: SPARQL 1.1 at /sparql, Linked Data for every IRI, a query page at /.

    Runs under waitress (a production WSGI server); stop it with Ctrl-C.

    \b
    Examples:
      hkg serve --graph graph.ttl
      hkg serve --store var/store --host 0.0.0.0 --port 8080 --base-uri https://hkg.example.org/
      hkg serve --backend http://localhost:3030/ds/sparql
    """
    from hkg.server.serve import run

    if sum(x is not None for x in (graph_file, store_dir, backend_url)) != 1:
        raise InputError("give exactly one of --graph FILE, --store DIR or --backend URL")
    settings = _settings(
        ctx,
        graph_file=graph_file,
        store_dir=store_dir,
        backend_url=backend_url,
        host=host,
        port=port,
        base_uri=base_uri,
        threads=threads,
        query_timeout=query_timeout,
        max_results=max_results,
    )
    run(settings)


# ---------------------------------------------------------------- docs
@main.command(epilog=EPILOG)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs/ontology"),
    show_default=True,
    help="Folder to write the HTML into.",
)
def docs(output):
    """Generate the human-readable documentation of the ontology (HTML).

    \b
    Example:
      hkg docs -o site/ontology
    """
    from hkg.graph.docs import build_docs

    path = build_docs(output)
    click.echo(str(path))


if __name__ == "__main__":  # pragma: no cover
    main()
