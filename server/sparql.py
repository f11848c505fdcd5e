"""The SPARQL 1.1 Protocol endpoint at /sparql: read-only, no federation, time- and size-limited.

SPARQL 1.1 Protocol: https://www.w3.org/TR/sparql11-protocol/#query-operation
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, Response, current_app, request

from hkg.server import negotiation as neg
from hkg.server import querytext
from hkg.server.errors import HttpError

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
_SINGLE = ("query", "update", "format")


@dataclass
class Params:
    """The protocol parameters of one request, decoded once."""

    query: str | None = None
    default_graph_uris: list[str] = field(default_factory=list)
    named_graph_uris: list[str] = field(default_factory=list)
    format: str | None = None


def _too_large(max_bytes: int) -> HttpError:
    return HttpError.too_large(f"the request is larger than the limit of {max_bytes} bytes")


def read_params(req, max_bytes: int) -> Params:
    """Parse a GET or POST protocol request: URL and body merged once, duplicates and conflicts refused.

    Raises 413 past `max_bytes`, 415 for a body type the protocol does not define, 403 for an update
    and 400 for a parameter given both in the URL and in the body, or more than once.
    """
    if len(req.query_string) > max_bytes or (req.content_length or 0) > max_bytes:
        raise _too_large(max_bytes)
    body: dict[str, list[str]] = {}
    if req.method == "POST":
        content_type = req.mimetype
        if content_type == UPDATE:
            raise HttpError.read_only()
        if content_type == FORM:
            body = req.form.to_dict(flat=False)
        elif content_type == DIRECT:
            text = req.get_data(cache=False)
            if len(text) > max_bytes:
                raise _too_large(max_bytes)
            try:
                body = {"query": [text.decode(req.mimetype_params.get("charset", "utf-8"))]}
            except (UnicodeDecodeError, LookupError):
                raise HttpError.bad_request("the query is not valid UTF-8") from None
        else:
            raise HttpError.unsupported_media_type(content_type or "(none)", f"{FORM} or {DIRECT}")
    both = sorted(set(req.args) & set(body))
    if both:
        raise HttpError.bad_request(f"parameter {both[0]!r} is given both in the URL and in the body")
    merged = {**req.args.to_dict(flat=False), **body}
    if "update" in merged:
        raise HttpError.read_only()
    for name in _SINGLE:
        if len(merged.get(name, [])) > 1:
            raise HttpError.bad_request(f"parameter {name!r} must be given exactly once")
    return Params(
        query=merged.get("query", [None])[0],
        default_graph_uris=merged.get("default-graph-uri", []),
        named_graph_uris=merged.get("named-graph-uri", []),
        format=merged.get("format", [None])[0],
    )


def choose_format(offers, fmt_param: str | None, accept: str | None) -> neg.Format:
    """The answer's format: the `format` parameter if given (for browser links), else Accept; 406 if none fits."""
    if fmt_param:
        chosen = neg.by_name(fmt_param, offers)
        if chosen is None:
            names = ", ".join(o.name for o in offers)
            raise HttpError.bad_request(f"format {fmt_param!r} cannot answer this query; use one of {names}")
        return chosen
    chosen = neg.negotiate(accept, offers)
    if chosen is None:
        raise HttpError.not_acceptable(offers)
    return chosen


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": "GET, POST, OPTIONS"})
    settings = current_app.config["HKG_SETTINGS"]
    params = read_params(request, settings.max_query_bytes)
    if params.query is None:
        if request.method == "POST":
            raise HttpError.bad_request("give the query in a 'query' parameter or as an application/sparql-query body")
        from hkg.server.service import service_description

        return service_description()
    return answer(params)


def check_query(text: str) -> str | None:
    """Refuse updates (403) and federation (400) before evaluation; returns the query form if it reads as one."""
    words = querytext.keywords(text)
    if querytext.is_update(words):
        raise HttpError.read_only()
    keyword = querytext.forbidden(words)
    if keyword:
        raise HttpError.bad_request(f"{keyword} is not allowed on this endpoint: it never queries other services")
    return querytext.query_form(words)


def answer(params: Params) -> Response:
    """Evaluate a checked query and answer it in the negotiated format."""
    form = check_query(params.query)
    accept = request.headers.get("Accept")
    results_format, graph_format = neg.JSON, neg.TURTLE
    if form in ("CONSTRUCT", "DESCRIBE"):
        graph_format = choose_format(neg.GRAPHS, params.format, accept)
    elif form is not None:  # an unreadable text gets the engine's syntax error, whatever the client accepts
        results_format = choose_format(neg.RESULTS, params.format, accept)
    result = current_app.extensions["hkg_backend"].query(
        params.query,
        default_graph_uris=params.default_graph_uris,
        named_graph_uris=params.named_graph_uris,
        results_format=results_format,
        graph_format=graph_format,
    )
    response = Response(result.body, content_type=result.format.content_type())
    response.vary.add("Accept")
    return response
