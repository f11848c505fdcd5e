"""Linked Data: /id/ IRIs answer 303 to a page (people) or data (machines); the ontology and vocabularies
served at their w3id IRIs; the query page at /.

The 303 pattern: https://www.w3.org/TR/cooluris/#r303uri
"""

from __future__ import annotations

import functools
import json
import logging
from importlib import resources

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, redirect, render_template, request

from hkg.graph.vocab import HKGV, PREFIXES
from hkg.server import negotiation as neg
from hkg.server.describe import build_page, describe_query
from hkg.server.errors import HttpError

log = logging.getLogger(__name__)
bp = Blueprint("pages", __name__)

_EXTENSIONS = {f.extension: f for f in neg.GRAPHS}
_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


def _settings():
    return current_app.config["HKG_SETTINGS"]


def _backend():
    return current_app.extensions["hkg_backend"]


def _alternates(path: str) -> str:
    """A Link header naming each RDF alternate of a resource."""
    return ", ".join(f'</data/{path}.{f.extension}>; rel="alternate"; type="{f.media_type}"' for f in neg.GRAPHS)


def _entity_iri(path: str) -> str:
    iri = _settings().base_uri + "id/" + path
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise HttpError.not_found(f"{iri} is not an IRI this server mints") from None
    return iri


@bp.route("/id/<path:path>")
def entity(path: str):
    """303 See Other to the page or the data of the thing the IRI names (404 if the graph does not know it)."""
    fmt = neg.negotiate(request.headers.get("Accept"), neg.RESOURCE)
    if fmt is None:
        raise HttpError.not_acceptable(neg.RESOURCE)
    if not _known(_entity_iri(path)):
        raise HttpError.not_found(f"nothing is known about {_entity_iri(path)}")
    target = f"/page/{path}" if fmt is neg.HTML else f"/data/{path}.{fmt.extension}"
    response = redirect(target, code=303)
    response.vary.add("Accept")
    response.headers["Link"] = _alternates(path)
    return response


def _known(iri: str) -> bool:
    node = str(ox.NamedNode(iri))
    answer = _backend().query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}")
    return json.loads(answer.body)["boolean"]


def _describe(iri: str, fmt: neg.Format) -> bytes:
    return _backend().query(describe_query(iri), graph_format=fmt).body


@bp.route("/page/<path:path>")
def page(path: str):
    """The HTML page of an entity: its facts, each with the sentence it came from."""
    iri = _entity_iri(path)
    model = build_page(iri, _describe(iri, neg.NTRIPLES), _settings().base_uri)
    if model is None:
        raise HttpError.not_found(f"nothing is known about {iri}")
    body = render_template("entity.html", page=model, alternates=_links(path))
    response = Response(body, content_type=neg.HTML.content_type())
    response.headers["Link"] = _alternates(path)
    return response


def _links(path: str) -> list[tuple[str, str, str]]:
    return [(f"/data/{path}.{f.extension}", f.media_type, f.name) for f in neg.GRAPHS]


@bp.route("/data/<path:path>")
def data(path: str):
    """The RDF description of an entity, in the format its extension names (one query, re-serialised)."""
    stem, _, ext = path.rpartition(".")
    fmt = _EXTENSIONS.get(ext)
    if not stem or fmt is None:
        raise HttpError.not_found(f"/data/{path}: add one of the extensions " + ", ".join(_EXTENSIONS))
    iri = _entity_iri(stem)
    triples = list(ox.parse(_describe(iri, neg.NTRIPLES), format=ox.RdfFormat.N_TRIPLES))
    if not any(iri in (t.subject.value, getattr(t.object, "value", None)) for t in triples):
        raise HttpError.not_found(f"nothing is known about {iri}")
    response = _rdf_response(triples, fmt)
    response.headers["Link"] = f'<{iri}>; rel="describes", ' + _alternates(stem)
    return response


# ---------------------------------------------------------------- ontology and vocabularies
@functools.cache
def ontology_triples() -> tuple:
    text = resources.files("hkg.ontology").joinpath("hkg.ttl").read_bytes()
    return tuple(ox.parse(text, format=ox.RdfFormat.TURTLE))


@functools.cache
def _ontology_html() -> str:
    from hkg.graph.docs import render_html

    return render_html()


def _rdf_response(triples, fmt: neg.Format, prefixes: dict[str, str] | None = None) -> Response:
    kwargs = {"prefixes": {**_PREFIXES, **(prefixes or {})}} if fmt is neg.TURTLE else {}
    body = ox.serialize(triples, format=fmt.oxigraph, **kwargs)
    response = Response(body, content_type=fmt.content_type())
    response.vary.add("Accept")
    return response


def negotiated(offers=neg.RESOURCE) -> neg.Format:
    """The format of a negotiated resource: `format` parameter first, then Accept (406 if nothing fits)."""
    name = request.args.get("format")
    fmt = neg.by_name(name, offers) if name else neg.negotiate(request.headers.get("Accept"), offers)
    if fmt is None:
        raise HttpError.not_acceptable(offers)
    return fmt


@bp.route("/ontology")
def ontology():
    """The hkg ontology at its IRI: HTML documentation for people, Turtle/JSON-LD/RDF-XML/N-Triples for machines."""
    fmt = negotiated()
    if fmt is neg.HTML:
        response = Response(_ontology_html(), content_type=neg.HTML.content_type())
        response.vary.add("Accept")
        response.headers["Link"] = ", ".join(
            f'</ontology?format={f.name}>; rel="alternate"; type="{f.media_type}"' for f in neg.GRAPHS
        )
        return response
    if fmt is neg.TURTLE:
        body = resources.files("hkg.ontology").joinpath("hkg.ttl").read_bytes()
        response = Response(body, content_type=fmt.content_type())
        response.vary.add("Accept")
        return response
    return _rdf_response(ontology_triples(), fmt)


@functools.cache
def vocabulary_triples() -> tuple:
    """Every triple of ontology/vocab/*.ttl (none while the vocabularies are absent)."""
    folder = resources.files("hkg.ontology.vocab")
    triples: list = []
    for item in folder.iterdir():
        if item.name.endswith(".ttl"):
            try:
                triples.extend(ox.parse(item.read_bytes(), format=ox.RdfFormat.TURTLE))
            except SyntaxError as exc:
                log.error("skipping vocabulary %s: %s", item.name, exc)
    return tuple(triples)


@bp.route("/vocab/<path:path>")
def vocab(path: str):
    """A concept or concept scheme of the hkg vocabularies, as a page or as data."""
    fmt = negotiated()
    iri = str(HKGV) + path
    own = [t for t in vocabulary_triples() if isinstance(t.subject, ox.NamedNode) and t.subject.value == iri]
    described = list(ox.parse(_describe(iri, neg.NTRIPLES), format=ox.RdfFormat.N_TRIPLES))
    triples = list(dict.fromkeys(own + described))
    if not triples:
        raise HttpError.not_found(f"{iri} is not in the hkg vocabularies or the graph")
    if fmt is neg.HTML:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        model = build_page(iri, body, _settings().base_uri)
        response = Response(render_template("entity.html", page=model, alternates=[]), content_type=fmt.content_type())
        response.vary.add("Accept")
        return response
    return _rdf_response(triples, fmt)


# ---------------------------------------------------------------- query page
@functools.cache
def examples() -> tuple[tuple[str, str, str], ...]:
    """(file name, title, text) of each competency query shipped in hkg.queries."""
    found = []
    for item in sorted(resources.files("hkg.queries").iterdir(), key=lambda i: i.name):
        if item.name.startswith("cq") and item.name.endswith(".rq"):
            text = item.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else item.name
            title = first.lstrip("# ").split(":", 1)[-1].strip() if first.startswith("#") else item.name
            found.append((item.name.removesuffix(".rq"), title, text))
    return tuple(found)


@bp.route("/")
def home():
    """The query page: an editor, the competency queries as examples, results as a table."""
    return render_template("index.html", examples=examples(), base_uri=_settings().base_uri)
