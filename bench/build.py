"""Benchmark `hkg build` on synthetic corpora against a spaCy read-only baseline: time, docs/s, peak memory (PSS)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

BIN = Path(sys.executable).parent
BASELINE = """
import sys, pathlib, spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
texts = (p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")))
n = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])))
print(f"sentences: {n}", file=sys.stderr)
"""


@dataclass
class Run:
    """One measured command."""

    label: str
    docs: int
    jobs: int
    seconds: float
    cpu_seconds: float  # user + system time of the whole process tree (workers and Java included)
    peak_mb: float
    triples: int | None
    ok: bool

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def docs_per_s_core(self) -> float:
        return self.docs_per_s / min(self.jobs, os.cpu_count() or 1)

    @property
    def docs_per_cpu_s(self) -> float:
        """Documents per CPU-second: what one core does when nothing else competes for it."""
        return self.docs / self.cpu_seconds if self.cpu_seconds else 0.0


def _memory(p: psutil.Process) -> int:
    """A process's proportional set size (PSS: pages it shares with others, such as a forked child's inherited
    documents, counted once across them), or its resident size where the system does not report PSS."""
    try:
        return p.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return p.memory_info().rss


#: seconds between two readings of the CPU times (cheap) and of the memory (PSS: the kernel walks every page of
#: every process, about 20 ms of CPU for a 1 GB build on the machine of bench/README.md, so read less often lest
#: the poller take a tenth of a 2-core machine from the build it measures)
CPU_POLL = 0.05
MEMORY_POLL = 0.5


def tree_usage(proc: psutil.Process, cpu: dict[int, float], memory: bool = True) -> int:
    """Memory (PSS) of a process and all its descendants, in bytes (0 when `memory` is false); `cpu` keeps the CPU
    seconds (user + system) last seen of each of them, by pid, so that workers that have ended still count."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            with p.oneshot():
                if memory:
                    total += _memory(p)
                times = p.cpu_times()
                cpu[p.pid] = max(cpu.get(p.pid, 0.0), times.user + times.system)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def measure(cmd: list[str], timeout: float) -> tuple[float, float, int, int, str]:
    """Run `cmd`, polling the memory (PSS) and CPU time of its process tree (workers, the fork server and Java
    included); return (seconds, CPU seconds, peak bytes, exit code, stderr)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        start = time.perf_counter()
        popen = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        proc, peak, cpu = psutil.Process(popen.pid), 0, {}
        last_memory = -MEMORY_POLL
        while popen.poll() is None:
            now = time.perf_counter()
            read_memory = now - last_memory >= MEMORY_POLL
            try:
                peak = max(peak, tree_usage(proc, cpu, memory=read_memory))
            except psutil.NoSuchProcess:
                break
            if read_memory:
                last_memory = now
            if now - start > timeout:
                popen.kill()
                break
            time.sleep(CPU_POLL)
        code = popen.wait()
        seconds = time.perf_counter() - start
        err.seek(0)
        # each process's own CPU time as last seen (at most one polling interval short)
        return seconds, sum(cpu.values()), peak, code, err.read()


def run_hkg(corpus: Path, docs: int, jobs: int, out: Path, validate: bool, timeout: float) -> Run:
    cmd = [str(BIN / "hkg"), "build", str(corpus), "-o", str(out), "--jobs", str(jobs)]
    if not validate:
        cmd.append("--no-validate")
    seconds, cpu, peak, code, err = measure(cmd, timeout)
    found = re.search(r"^triples: (\d+)", err, re.MULTILINE)
    if code not in (0, 4):
        print(f"hkg build exited {code}: {err.strip().splitlines()[-3:]}", file=sys.stderr)
    label = "hkg build" + ("" if validate else " --no-validate")
    triples = int(found.group(1)) if found else None
    return Run(label, docs, jobs, seconds, cpu, peak / 1e6, triples, code in (0, 4))


def run_baseline(corpus: Path, docs: int, jobs: int, timeout: float) -> Run:
    seconds, cpu, peak, code, _ = measure([sys.executable, "-c", BASELINE, str(corpus), str(jobs)], timeout)
    return Run("spaCy blank en + sentencizer", docs, jobs, seconds, cpu, peak / 1e6, None, code == 0)


def corpus_for(root: Path, docs: int, seed: int) -> Path:
    """A synthetic corpus of `docs` pages under `root` (generated once, reused when the manifest matches)."""
    folder = root / f"synth-{docs}-seed{seed}"
    stamp = folder / ".vocab.json"  # the terms it was made with: a corpus made before the vocabularies changed is stale
    terms = json.dumps(synth.load_vocab(synth.VOCAB_DIR), sort_keys=True)
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != terms:
        shutil.rmtree(folder, ignore_errors=True)
        synth.write_corpus(folder, docs, seed, synth.VOCAB_DIR, facts=False)
        stamp.write_text(terms, encoding="utf-8")
    return folder


def table(runs: list[Run]) -> str:
    head = f"{'what':<32} {'docs':>6} {'jobs':>4} {'wall s':>8} {'docs/s':>8} {'docs/s/core':>11} {'CPU s':>7}"
    head += f" {'docs/CPU-s':>10} {'peak MB':>11}"
    head += f" {'triples':>9}"
    lines = [head, "-" * len(head)]
    for r in runs:
        lines.append(
            f"{r.label:<32} {r.docs:>6} {r.jobs:>4} {r.seconds:>8.1f} {r.docs_per_s:>8.1f} {r.docs_per_s_core:>11.1f}"
            f" {r.cpu_seconds:>7.1f} {r.docs_per_cpu_s:>10.1f} {r.peak_mb:>11.0f}"
            f" {r.triples if r.triples is not None else '':>9}" + ("" if r.ok else "  FAILED")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,2000,5000", help="corpus sizes, comma-separated [500,2000,5000]")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to try, comma-separated [1,2]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "hkg-bench",
        help="where corpora and graphs go (corpora are reused)",
    )
    parser.add_argument("--no-validate", action="store_true", help="pass --no-validate to hkg build")
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per run [1800]")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    for docs in [int(s) for s in args.sizes.split(",")]:
        corpus = corpus_for(args.workdir, docs, args.seed)
        for jobs in [int(j) for j in args.jobs.split(",")]:
            out = args.workdir / f"graph-{docs}-j{jobs}.nt"
            runs.append(run_hkg(corpus, docs, jobs, out, not args.no_validate, args.timeout))
            if not args.no_baseline:
                runs.append(run_baseline(corpus, docs, jobs, args.timeout))
            print(table(runs[-2:] if not args.no_baseline else runs[-1:]), file=sys.stderr, flush=True)
    print(f"\n{os.cpu_count()} cores; wall time includes interpreter start-up and, for hkg, writing the graph.")
    print(table(runs))
    return 0 if all(r.ok for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
