"""The Flask application factory: one app per Settings, with its backend, routes, errors, CORS and gzip."""

from __future__ import annotations

import gzip
import logging

from flask import Flask, Response, request

from hkg.config import Settings
from hkg.server import errors
from hkg.server.backend import open_backend

log = logging.getLogger(__name__)

GZIP_MIN_BYTES = 1024


def create_app(settings: Settings, *, workers: int | None = None) -> Flask:
    """A WSGI app serving the graph the settings select; `app.extensions["hkg_backend"].close()` stops its workers."""
    app = Flask("hkg.server", template_folder="templates", static_folder="static")
    app.config["HKG_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_query_bytes + 1024
    app.jinja_env.autoescape = True
    app.extensions["hkg_backend"] = open_backend(settings, workers=workers)
    errors.register(app)

    from hkg.server import pages, service, sparql

    app.register_blueprint(sparql.bp)
    app.register_blueprint(service.bp)
    app.register_blueprint(pages.bp)
    app.after_request(_cors if settings.cors else _same)
    app.after_request(_gzip)
    return app


def _same(response: Response) -> Response:
    return response


def _cors(response: Response) -> Response:
    """Let browser clients on other origins query and read (a read-only endpoint with no credentials)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response.headers["Access-Control-Expose-Headers"] = "Link, Location, Content-Type"
    return response


def _gzip(response: Response) -> Response:
    """Compress bodies over 1 KB when the client accepts gzip."""
    response.vary.add("Accept-Encoding")
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or request.accept_encodings["gzip"] <= 0
    ):
        return response
    data = response.get_data()
    if len(data) <= GZIP_MIN_BYTES:
        return response
    response.set_data(gzip.compress(data, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    return response
