"""The backends: `hkg query` output formats and errors, the remote backend, and push to a Graph Store."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from server_fixtures import DOCUMENT, GRAPH, UNIT

from hkg.cli import main
from hkg.config import Settings
from hkg.errors import HkgError, InputError, QueryError
from hkg.server import create_app
from hkg.server.backend import push, run_query

SELECT = "SELECT ?unit ?beds WHERE { ?unit <https://w3id.org/hkg/ontology#bedCount> ?beds }"


@pytest.fixture
def settings(graph_file):
    return Settings(graph_file=str(graph_file))


def test_run_query_table_is_aligned(settings):
    out = run_query(settings, SELECT, "table")
    lines = out.splitlines()
    assert lines[0].split() == ["unit", "beds"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith(f"<{UNIT}>") and lines[2].endswith("80")
    assert lines[0].index("beds") == lines[2].rindex("80")
    assert lines[-1] == "(1 row)"


def test_run_query_ask_is_true_or_false(settings):
    assert run_query(settings, "ASK { ?s ?p ?o }", "table").strip() == "true"
    assert run_query(settings, "ASK { ?s ?p <http://example.org/none> }", "table").strip() == "false"


def test_run_query_results_formats(settings):
    assert json.loads(run_query(settings, SELECT, "json"))["results"]["bindings"][0]["beds"]["value"] == "80"
    assert list(csv.reader(io.StringIO(run_query(settings, SELECT, "csv"))))[1] == [UNIT, "80"]
    assert run_query(settings, SELECT, "tsv").splitlines()[0] == "?unit\t?beds"
    assert "<literal" in run_query(settings, SELECT, "xml")


def test_run_query_construct_is_turtle(settings):
    out = run_query(settings, "CONSTRUCT WHERE { ?s ?p ?o }", "table")
    assert len(rdflib.Graph().parse(data=out, format="turtle")) > 20
    nt = run_query(settings, "CONSTRUCT WHERE { ?s ?p ?o }", "nt")
    assert len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) > 20


def test_run_query_malformed_raises_query_error_with_position(settings):
    with pytest.raises(QueryError, match=r"error at 1:\d+"):
        run_query(settings, "SELECT ?x WHERE { ?x }", "table")


def test_run_query_bad_graph_file_raises_input_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError):
        run_query(Settings(graph_file=str(bad)), SELECT, "table")


def test_run_query_with_store_folder_sees_the_union_of_document_graphs(tmp_path):
    store = _store(tmp_path)
    out = run_query(Settings(store_dir=str(store)), SELECT, "csv")
    assert list(csv.reader(io.StringIO(out)))[1] == [UNIT, "80"]


def test_cli_query_prints_a_table(graph_file):
    result = CliRunner().invoke(main, ["query", SELECT, "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert "(1 row)" in result.output


def test_cli_query_malformed_exits_2(graph_file):
    result = CliRunner().invoke(main, ["query", "SELECT nonsense", "--graph", str(graph_file)])
    assert result.exit_code == 2
    assert "error at" in result.output


def _store(tmp_path) -> Path:
    """An hkg store folder holding the fixture graph as one document's named graph."""
    from hkg.graph.store import StoreWriter

    nt = ox.serialize(ox.parse(GRAPH, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES).decode()
    writer = StoreWriter(tmp_path / "store")
    writer.add(DOCUMENT, nt)
    writer.commit()
    return tmp_path / "store"


# ---------------------------------------------------------------- against a real Oxigraph server
def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server():
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=" + quote("ASK {}"), timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("oxigraph serve did not start")
    yield url
    process.terminate()
    process.wait(10)


def _count(url: str, query: str) -> int:
    req = urllib.request.Request(
        url + "/query?query=" + quote(query), headers={"Accept": "application/sparql-results+json"}
    )
    return int(json.loads(urllib.request.urlopen(req).read())["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_push_file_loads_the_default_graph(oxigraph_server, graph_file):
    sent = push(graph_file, oxigraph_server + "/store")
    assert sent == len(list(ox.parse(GRAPH, format=ox.RdfFormat.TURTLE)))
    assert _count(oxigraph_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == sent


@pytest.mark.slow
def test_push_store_loads_one_named_graph_per_document(oxigraph_server, tmp_path):
    sent = push(_store(tmp_path), oxigraph_server + "/store")
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DOCUMENT}> {{ ?s ?p ?o }} }}"
    assert _count(oxigraph_server, query) == sent > 20


@pytest.mark.slow
def test_push_to_nothing_raises_a_clear_error(graph_file):
    with pytest.raises(HkgError, match="cannot push"):
        push(graph_file, f"http://127.0.0.1:{_free_port()}/store")


@pytest.mark.slow
def test_remote_backend_serves_sparql_and_pages(oxigraph_server, graph_file):
    push(graph_file, oxigraph_server + "/store")
    settings = Settings(backend_url=oxigraph_server + "/query")
    assert "(1 row)" in run_query(settings, SELECT, "table")
    app = create_app(settings)
    client = app.test_client()
    r = client.get("/sparql?query=" + quote(SELECT), headers={"Accept": "text/csv"})
    assert r.status_code == 200 and UNIT in r.get_data(as_text=True)
    assert client.get("/sparql?query=" + quote("SELECT ?x WHERE { ?x }")).status_code == 400
    page = client.get("/page/" + UNIT.split("/id/", 1)[1])
    assert page.status_code == 200 and "80 beds" in page.get_data(as_text=True)


def test_store_folder_queries_the_union_unless_the_request_names_graphs(tmp_path):
    app = create_app(Settings(store_dir=str(_store(tmp_path))), workers=1)
    try:
        client = app.test_client()
        union = client.get("/sparql?query=" + quote(SELECT)).get_json()["results"]["bindings"]
        assert [b["beds"]["value"] for b in union] == ["80"]
        named = client.get("/sparql?default-graph-uri=" + quote(DOCUMENT) + "&query=" + quote(SELECT))
        assert [b["beds"]["value"] for b in named.get_json()["results"]["bindings"]] == ["80"]
        other = client.get("/sparql?default-graph-uri=" + quote("http://example.org/g") + "&query=" + quote(SELECT))
        assert other.get_json()["results"]["bindings"] == []
        assert client.get("/page/" + UNIT.split("/id/", 1)[1]).status_code == 200
        assert client.get("/health").get_json()["source"].startswith("store:")
    finally:
        app.extensions["hkg_backend"].close()
