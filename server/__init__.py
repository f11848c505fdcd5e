"""hkg's server: a read-only SPARQL 1.1 endpoint and Linked Data pages over the built graph."""

from __future__ import annotations

from hkg.server.app import create_app

__all__ = ["create_app"]
