"""The endpoint stays closed: no federation, no runaway queries, no markup injection."""

from __future__ import annotations

import socket
from urllib.parse import quote

import pytest

from hkg.server import querytext


@pytest.fixture
def listener():
    """A TCP socket listening on loopback that records whether anything connected."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.setblocking(False)
    yield sock
    sock.close()


def _connected(sock) -> bool:
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


@pytest.mark.parametrize("keyword", ["SERVICE", "service", "SERVICE SILENT"])
def test_service_query_is_400_and_opens_no_connection(client, listener, keyword):
    port = listener.getsockname()[1]
    query = f"SELECT * WHERE {{ {keyword} <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    for r in (
        client.get("/sparql?query=" + quote(query)),
        client.post("/sparql", data=query, content_type="application/sparql-query"),
    ):
        assert r.status_code == 400
        assert "SERVICE is not allowed" in r.get_data(as_text=True)
    assert not _connected(listener)


def test_service_glued_to_a_prefixed_name_is_refused_and_opens_no_connection(client, listener):
    """Oxigraph reads `SERVICE:ep` as the keyword SERVICE and the name `:ep` (regression: it once got through)."""
    port = listener.getsockname()[1]
    query = f"PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE:ep {{ ?s ?p ?o }} }}"
    r = client.get("/sparql?query=" + quote(query))
    assert r.status_code == 400
    assert not _connected(listener)


def test_query_workers_have_no_network(listener):
    """Second line of defence: the processes that evaluate queries live in a network namespace of their own."""
    import multiprocessing

    from hkg.server.workers import cut_off_network

    port = listener.getsockname()[1]

    def probe(out):
        isolated = cut_off_network()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            out.put((isolated, "connected"))
        except OSError:
            out.put((isolated, "refused"))

    out = multiprocessing.get_context("fork").Queue()
    p = multiprocessing.get_context("fork").Process(target=probe, args=(out,))
    p.start()
    p.join(10)
    isolated, outcome = out.get(timeout=5)
    if not isolated:
        pytest.skip("this machine does not allow network namespaces")
    assert outcome == "refused"
    assert not _connected(listener)


def test_service_inside_strings_iris_and_variables_is_not_refused(client):
    query = 'PREFIX ex: <http://x/SERVICE#> SELECT ?service WHERE { ?service ex:service "SERVICE" } # SERVICE'
    assert client.get("/sparql?query=" + quote(query)).status_code == 200


def test_tokenizer_reads_query_form_and_updates():
    assert querytext.query_form(querytext.keywords("PREFIX a: <x:> construct { } where { }")) == "CONSTRUCT"
    assert querytext.is_update(querytext.keywords("PREFIX a: <x:> DELETE WHERE { ?s ?p ?o }"))
    assert not querytext.is_update(querytext.keywords('SELECT * { ?s ?p "INSERT" }'))


def test_slow_query_is_stopped_with_503_and_the_endpoint_recovers(make_app, tmp_path):
    lines = [
        f"<http://example.org/s{i}> <http://example.org/p{i % 7}> <http://example.org/o{i}> ." for i in range(2000)
    ]
    graph = tmp_path / "big.nt"
    graph.write_text("\n".join(lines) + "\n", encoding="utf-8")
    client = make_app(graph_file=str(graph), query_timeout=1.0).test_client()
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    r = client.get("/sparql?query=" + quote(slow))
    assert r.status_code == 503
    assert "took longer than 1 s" in r.get_data(as_text=True)
    # the killed worker was replaced: the next query is answered
    ok = client.get("/sparql?query=" + quote("ASK { ?s ?p ?o }"))
    assert ok.status_code == 200 and ok.get_json()["boolean"] is True
