"""Shared pytest fixtures."""

from server_fixtures import app, client, graph_file, make_app  # noqa: F401
