"""`hkg serve` under waitress: answers, logs one JSON line per request, stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_serve_answers_logs_json_lines_and_stops_on_sigterm(graph_file):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "hkg", "serve", "--graph", str(graph_file), "--port", str(port), "--threads", "2"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                body = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read())
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("hkg serve did not start")
        assert body["status"] == "ok"
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    lines = [line for line in process.stderr.read().splitlines() if '"path"' in line]
    logged = json.loads(lines[0][lines[0].index("{") :])
    assert logged["method"] == "GET" and logged["path"] == "/health" and logged["status"] == 200
    assert isinstance(logged["ms"], float)
