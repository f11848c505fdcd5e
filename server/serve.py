"""`hkg serve`: the app under waitress, one JSON access-log line per request, graceful stop on SIGTERM/SIGINT."""

from __future__ import annotations

import json
import logging
import signal
import time

from hkg.config import Settings

log = logging.getLogger(__name__)
access_log = logging.getLogger("hkg.server.access")


class AccessLog:
    """WSGI middleware logging {"method", "path", "status", "ms"} as one JSON line per request."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        seen: dict[str, str] = {}

        def _start(status, headers, exc_info=None):
            seen["status"] = status
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, _start)
        finally:
            line = {
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "status": int(seen.get("status", "500").split()[0]),
                "ms": round((time.perf_counter() - started) * 1000, 1),
            }
            access_log.info(json.dumps(line))


def run(settings: Settings) -> None:
    """Serve until SIGTERM or SIGINT, then stop accepting, finish, and stop the query workers."""
    from waitress import create_server

    from hkg.server import create_app

    app = create_app(settings)
    server = create_server(AccessLog(app), host=settings.host, port=settings.port, threads=settings.threads)
    # the access log is this command's output: let its lines through whatever level the CLI chose
    if access_log.level == logging.NOTSET:
        access_log.setLevel(logging.INFO)

    def _stop(signum, frame):
        log.warning("received %s, shutting down", signal.Signals(signum).name)
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    log.warning("serving %s on http://%s:%s/", app.extensions["hkg_backend"].source, settings.host, settings.port)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.extensions["hkg_backend"].close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
