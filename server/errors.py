"""The server's HTTP errors: one exception family, one body shape, rendered as text, JSON or HTML by Accept.

Every error a client can see goes through `HttpError`; the body always carries the status, its reason phrase
and a message (JSON: ``{"status": 400, "error": "Bad Request", "message": "..."}``). Malformed query 400,
update 403, nothing acceptable 406, too large 413, unknown body type 415, timeout or busy 503. Engine failures
that are not the client's fault become 500 and are logged with their traceback.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from hkg.errors import HkgError, InputError, QueryError
from hkg.server import negotiation as neg
from hkg.server.backend import BackendError, EngineError, QueryTimeout, TooManyResults

log = logging.getLogger(__name__)


class HttpError(Exception):
    """An HTTP error response with a message written for the client."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    @property
    def reason(self) -> str:
        return HTTPStatus(self.status).phrase

    @classmethod
    def bad_request(cls, message: str) -> HttpError:
        return cls(400, message)

    @classmethod
    def read_only(cls, message: str = "this endpoint is read-only: SPARQL updates are not accepted") -> HttpError:
        # 403 Forbidden, as Oxigraph's own server answers an update sent to a read-only store
        return cls(403, message)

    @classmethod
    def not_found(cls, message: str) -> HttpError:
        return cls(404, message)

    @classmethod
    def not_acceptable(cls, offers) -> HttpError:
        return cls(406, f"none of the requested media types can be served; offered: {neg.offered(offers)}")

    @classmethod
    def too_large(cls, message: str) -> HttpError:
        return cls(413, message)

    @classmethod
    def unsupported_media_type(cls, content_type: str, accepted: str) -> HttpError:
        return cls(415, f"unsupported content type {content_type!r}; send {accepted}")

    @classmethod
    def timeout(cls, seconds: float) -> HttpError:
        return cls(503, f"the query took longer than {seconds:g} s and was stopped")

    @classmethod
    def unavailable(cls, message: str) -> HttpError:
        return cls(503, message)


def from_hkg(error: HkgError) -> HttpError:
    """The HTTP error of a library error: timeout 503, too many results 413, bad query 400, store failure 503."""
    if isinstance(error, QueryTimeout):
        return HttpError.timeout(error.seconds)
    if isinstance(error, TooManyResults):
        return HttpError.too_large(error.message)
    if type(error) is QueryError:
        return HttpError.bad_request(f"malformed query: {error.message}")
    if isinstance(error, InputError):
        return HttpError.bad_request(error.message)
    if isinstance(error, BackendError):
        log.error("backend failure: %s", error.message)
        return HttpError.unavailable(error.message)
    if isinstance(error, EngineError):
        log.error("query engine failure: %s", error.message)
        return HttpError(500, f"the query engine failed: {error.message}")
    log.error("unexpected hkg error: %s", error)
    return HttpError(500, "internal error; it has been logged")


def render(error: HttpError) -> Response:
    """The error as a response in the one shape, in the format the client prefers (plain text by default)."""
    fmt = neg.negotiate(request.headers.get("Accept"), neg.ERRORS) or neg.PLAIN
    if fmt is neg.HTML:
        body = render_template("error.html", status=error.status, reason=error.reason, message=error.message)
    elif fmt is neg.JSON_PLAIN:
        body = json.dumps({"status": error.status, "error": error.reason, "message": error.message})
    else:
        body = f"{error.status} {error.reason}: {error.message}\n"
    response = Response(body, status=error.status, content_type=fmt.content_type())
    response.headers.update(error.headers)
    response.vary.add("Accept")
    return response


def register(app: Flask) -> None:
    """Route every error (ours, the library's, Werkzeug's and unexpected ones) through `render`."""

    @app.errorhandler(HttpError)
    def _http_error(error: HttpError):
        return render(error)

    @app.errorhandler(HkgError)
    def _hkg_error(error: HkgError):
        return render(from_hkg(error))

    @app.errorhandler(HTTPException)
    def _werkzeug_error(error: HTTPException):
        headers = {"Allow": ", ".join(error.valid_methods)} if getattr(error, "valid_methods", None) else None
        return render(HttpError(error.code or 500, error.description or error.name, headers=headers))

    @app.errorhandler(Exception)
    def _internal_error(error: Exception):
        log.exception("internal error on %s %s", request.method, request.path)
        return render(HttpError(500, "internal error; it has been logged"))
