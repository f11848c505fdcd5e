"""Benchmark `hkg serve` against Oxigraph's server and rdflib-endpoint on the same large graph and query mix."""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

ROOT = HERE.parent
BIN = Path(sys.executable).parent
BASE = "http://localhost:8000/"
HKG = "https://w3id.org/hkg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SAMPLED_TYPES = ("Unit", "Hospital", "Person", "Collaboration", "Figure", "Event")
ACCEPT_RESULTS = "application/sparql-results+json"
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9"


# ---------------------------------------------------------------- the graph


def build_graph(workdir: Path, triples: int, seed: int) -> Path:
    """An N-Triples graph of at least `triples` triples built by `hkg build` from a synthetic corpus (cached)."""
    per_doc = count_triples_of(workdir, 100, seed) / 100
    docs = math.ceil(triples / per_doc * 1.03)
    while True:
        out = workdir / f"graph-{docs}-seed{seed}.nt"
        if not out.exists():
            corpus = workdir / f"synth-{docs}-seed{seed}"
            if not (corpus / "manifest.csv").exists():
                synth.write_corpus(corpus, docs, seed, synth.VOCAB_DIR, facts=False)
            log(f"building {out.name} from {docs} documents (~{per_doc:.0f} triples each)")
            hkg_build(corpus, out)
        with out.open("rb") as f:
            got = sum(1 for _ in f)
        if got >= triples:
            return out
        docs = math.ceil(docs * triples / got * 1.02)  # the pilot's documents were richer than average


def count_triples_of(workdir: Path, docs: int, seed: int) -> int:
    out = workdir / f"graph-{docs}-seed{seed}.nt"
    if not out.exists():
        corpus = workdir / f"synth-{docs}-seed{seed}"
        synth.write_corpus(corpus, docs, seed, synth.VOCAB_DIR, facts=False)
        hkg_build(corpus, out)
    with out.open("rb") as f:
        return sum(1 for _ in f)


def hkg_build(corpus: Path, out: Path) -> None:
    cmd = [str(BIN / "hkg"), "build", str(corpus), "-o", str(out), "--jobs", "2", "--no-validate", "-q"]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)


def sample_iris(graph: Path, count: int, seed: int) -> list[str]:
    """`count` entity IRIs of the graph (units, hospitals, people, ...), sampled reproducibly."""
    wanted = {f"<{HKG}{t}>" for t in SAMPLED_TYPES}
    found: list[str] = []
    with graph.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[1] == RDF_TYPE and parts[2].rstrip(" .\n") in wanted:
                found.append(parts[0][1:-1])
    found = sorted(set(found))
    return random.Random(seed).sample(found, min(count, len(found)))


def query_mix(iris: list[str]) -> list[tuple[str, str]]:
    """(name, query) pairs: the competency queries plus two URI lookups per sampled IRI."""
    mix = [(p.stem.split("-")[0], p.read_text(encoding="utf-8")) for p in sorted((ROOT / "queries").glob("cq*.rq"))]
    for i, iri in enumerate(iris):
        mix.append((f"describe{i}", f"DESCRIBE <{iri}>"))
        mix.append((f"lookup{i}", f"SELECT * WHERE {{ <{iri}> ?p ?o }}"))
    return mix


# ---------------------------------------------------------------- servers


@dataclass
class Server:
    """A SPARQL server process this script started (and will stop)."""

    name: str
    cmd: list[str]
    endpoint: str
    ready_timeout: float
    proc: subprocess.Popen | None = None
    log_file: Path | None = None

    def start(self, workdir: Path) -> None:
        self.log_file = workdir / f"{self.name}.log"
        with self.log_file.open("w") as log_f:
            self.proc = subprocess.Popen(self.cmd, stdout=log_f, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited {self.proc.returncode}; see {self.log_file}")
            try:
                if send(self.endpoint, "ASK { ?s ?p ?o }", 5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} not ready after {self.ready_timeout:.0f} s; see {self.log_file}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)  # the server's own session, started above
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    @property
    def pss_mb(self) -> float:
        try:
            import psutil

            proc = psutil.Process(self.proc.pid)
            # PSS: worker processes share the parent's store copy-on-write; RSS would count it once per worker
            return sum(p.memory_full_info().pss for p in [proc, *proc.children(recursive=True)]) / 1e6
        except Exception:  # psutil missing or process gone: memory is only reported, never needed
            return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_servers(names: list[str], graph: Path, workdir: Path, query_timeout: float) -> list[Server]:
    servers = []
    for name in names:
        port = free_port()
        if name == "hkg":
            cmd = [
                str(BIN / "hkg"),
                "serve",
                "--graph",
                str(graph),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--base-uri",
                BASE,
                "--query-timeout",
                str(query_timeout),
            ]
            servers.append(Server(name, cmd, f"http://127.0.0.1:{port}/sparql", 900))
        elif name == "oxigraph":
            location = oxigraph_store(graph, workdir)
            cmd = [
                str(BIN / "oxigraph"),
                "serve-read-only",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout-s",
                str(int(query_timeout)),
            ]
            servers.append(Server(name, cmd, f"http://127.0.0.1:{port}/query", 120))
        elif name == "rdflib-endpoint":
            cmd = [str(BIN / "rdflib-endpoint"), "serve", str(graph), "--host", "127.0.0.1", "--port", str(port)]
            servers.append(Server(name, cmd, f"http://127.0.0.1:{port}/", 1800))
        else:
            raise SystemExit(f"unknown server {name!r}")
    return servers


def oxigraph_store(graph: Path, workdir: Path) -> Path:
    location = workdir / f"oxigraph-{graph.stem}"
    if not (location / "CURRENT").exists():
        shutil.rmtree(location, ignore_errors=True)
        subprocess.run(
            [str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(graph)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return location


# ---------------------------------------------------------------- the client


def send(endpoint: str, query: str, timeout: float) -> tuple[int, bytes]:
    """POST one query (SPARQL 1.1 protocol, query via POST directly); return (status, body)."""
    accept = ACCEPT_GRAPH if re.match(r"\s*(DESCRIBE|CONSTRUCT)\b", query, re.IGNORECASE) else ACCEPT_RESULTS
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}
    req = urllib.request.Request(endpoint, data=query.encode("utf-8"), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise e.reason from e
        raise


@dataclass
class Batch:
    """What one server did in one round at one concurrency."""

    server: str
    concurrency: int
    elapsed: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"cq": [], "lookup": []})
    timeouts: int = 0
    errors: int = 0
    skipped: int = 0


def run_batch(
    server: Server, mix: list[tuple[str, str]], requests: int, concurrency: int, cap: float, timeout: float, seed: int
) -> Batch:
    """Send `requests` queries from the mix with `concurrency` threads, stopping new ones after `cap` seconds."""
    order = [mix[i % len(mix)] for i in range(requests)]
    random.Random(seed).shuffle(order)
    batch, lock, start = Batch(server.name, concurrency), threading.Lock(), time.perf_counter()

    def one(item: tuple[str, str]) -> None:
        name, query = item
        if time.perf_counter() - start > cap:
            with lock:
                batch.skipped += 1
            return
        t0 = time.perf_counter()
        try:
            status, _ = send(server.endpoint, query, timeout)
        except TimeoutError:
            status = -1
        except OSError:
            status = -2
        took = time.perf_counter() - t0
        with lock:
            if status == 200:
                batch.latencies["cq" if name.startswith("cq") else "lookup"].append(took)
            elif status == -1:
                batch.timeouts += 1
            else:
                batch.errors += 1

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, order))
    batch.elapsed = time.perf_counter() - start
    return batch


def result_size(body: bytes) -> int | None:
    """Rows of a SPARQL JSON result, or lines of an N-Triples answer."""
    try:
        data = json.loads(body)
        return len(data["results"]["bindings"]) if "results" in data else int(bool(data.get("boolean")))
    except (ValueError, KeyError, TypeError):
        return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"@prefix"))


def warm_up(servers: list[Server], mix: list[tuple[str, str]], timeout: float) -> dict[str, dict[str, object]]:
    """Send every competency query once to each server; return result sizes (or 'timeout'/'HTTP n')."""
    sizes: dict[str, dict[str, object]] = {}
    for server in servers:
        sizes[server.name] = {}
        for name, query in mix:
            if not name.startswith("cq"):
                continue
            try:
                status, body = send(server.endpoint, query, timeout)
                sizes[server.name][name] = result_size(body) if status == 200 else f"HTTP {status}"
            except TimeoutError:
                sizes[server.name][name] = "timeout"
    return sizes


# ---------------------------------------------------------------- report


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))]


@dataclass
class Summary:
    """All rounds of one server at one concurrency."""

    server: str
    concurrency: int
    ok: int
    seconds: float
    timeouts: int
    errors: int
    skipped: int
    all_lat: list[float]
    cq_lat: list[float]
    lookup_lat: list[float]

    @property
    def qps(self) -> float:
        return self.ok / self.seconds if self.seconds else float("nan")


def summarise(batches: list[Batch]) -> list[Summary]:
    keys = sorted({(b.server, b.concurrency) for b in batches}, key=lambda k: (k[1], k[0]))
    out = []
    for server, conc in keys:
        mine = [b for b in batches if b.server == server and b.concurrency == conc]
        cq = [x for b in mine for x in b.latencies["cq"]]
        lk = [x for b in mine for x in b.latencies["lookup"]]
        out.append(
            Summary(
                server,
                conc,
                len(cq) + len(lk),
                sum(b.elapsed for b in mine),
                sum(b.timeouts for b in mine),
                sum(b.errors for b in mine),
                sum(b.skipped for b in mine),
                cq + lk,
                cq,
                lk,
            )
        )
    return out


def report(summaries: list[Summary]) -> str:
    head = (
        f"{'server':<16} {'conc':>4} {'ok':>5} {'q/s':>8} {'p50 ms':>8} {'p99 ms':>9} {'cq p50':>8} "
        f"{'lookup p50':>10} {'timeouts':>8} {'errors':>6} {'not sent':>8}"
    )
    lines = [head, "-" * len(head)]
    for s in summaries:
        lines.append(
            f"{s.server:<16} {s.concurrency:>4} {s.ok:>5} {s.qps:>8.1f} {pct(s.all_lat, 0.5) * 1e3:>8.1f} "
            f"{pct(s.all_lat, 0.99) * 1e3:>9.1f} {pct(s.cq_lat, 0.5) * 1e3:>8.1f} "
            f"{pct(s.lookup_lat, 0.5) * 1e3:>10.1f} "
            f"{s.timeouts:>8} {s.errors:>6} {s.skipped:>8}"
        )
    lines.append("")
    for conc in sorted({s.concurrency for s in summaries}):
        by = {s.server: s for s in summaries if s.concurrency == conc}
        if "hkg" not in by:
            continue
        for peer in (p for p in by if p != "hkg"):
            lines.append(
                f"concurrency {conc}: hkg/{peer} throughput {by['hkg'].qps / by[peer].qps:.2f}x, "
                f"p50 latency {pct(by['hkg'].all_lat, 0.5) / pct(by[peer].all_lat, 0.5):.2f}x"
                if by[peer].qps
                else f"concurrency {conc}: {peer} answered nothing"
            )
    return "\n".join(lines)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the graph to build [1000000]")
    parser.add_argument("--graph", type=Path, help="serve this N-Triples file instead of building one")
    parser.add_argument("--servers", default="hkg,oxigraph,rdflib-endpoint", help="which servers, comma-separated")
    parser.add_argument("--concurrency", default="1,4", help="client threads, comma-separated [1,4]")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of ABC alternation [3]")
    parser.add_argument("--requests", type=int, default=120, help="requests per server per round [120]")
    parser.add_argument("--round-cap", type=float, default=60, help="seconds after which a round sends no more [60]")
    parser.add_argument("--timeout", type=float, default=30, help="per-query timeout in seconds [30]")
    parser.add_argument("--iris", type=int, default=30, help="entity IRIs sampled for URI lookups [30]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "hkg-bench")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the servers
    graph = args.graph or build_graph(args.workdir, args.triples, args.seed)
    with graph.open("rb") as f:
        size = sum(1 for _ in f)
    mix = query_mix(sample_iris(graph, args.iris, args.seed))
    log(f"graph {graph} ({size} triples); mix of {len(mix)} queries")
    servers = make_servers(args.servers.split(","), graph, args.workdir, args.timeout)
    batches: list[Batch] = []
    try:
        for server in servers:
            t0 = time.perf_counter()
            server.start(args.workdir)
            log(f"{server.name} ready in {time.perf_counter() - t0:.1f} s, PSS {server.pss_mb:.0f} MB")
        sizes = warm_up(servers, mix, args.timeout)
        for rnd in range(args.rounds):
            for conc in [int(c) for c in args.concurrency.split(",")]:
                for server in servers:
                    b = run_batch(server, mix, args.requests, conc, args.round_cap, args.timeout, args.seed + rnd)
                    batches.append(b)
                    n_ok = len(b.latencies["cq"]) + len(b.latencies["lookup"])
                    log(
                        f"round {rnd + 1} c={conc} {server.name}: {n_ok} ok in {b.elapsed:.1f} s, "
                        f"{b.timeouts} timeouts, {b.errors} errors"
                    )
        memory = {s.name: s.pss_mb for s in servers}
    finally:
        for server in servers:
            server.stop()
    print(
        f"\ngraph: {size} triples; {os.cpu_count()} cores; {args.rounds} rounds x {args.requests} requests "
        f"(cap {args.round_cap:.0f} s, timeout {args.timeout:.0f} s per query); mix: {len(mix)} queries"
    )
    print(
        "server memory after the run (PSS of the process tree, MB): "
        + ", ".join(f"{k} {v:.0f}" for k, v in memory.items())
    )
    print(report(summarise(batches)))
    print("\nresult sizes of the competency queries (rows) per server:")
    names = sorted({n for v in sizes.values() for n in v})
    print(f"{'query':<6} " + " ".join(f"{s:>16}" for s in sizes))
    for n in names:
        print(f"{n:<6} " + " ".join(f"{str(sizes[s].get(n, '')):>16}" for s in sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
