"""Imported by the build's fork server before it forks the workers: the vocabularies, word counts and places
are loaded once there, and every worker starts with them (copy-on-write) instead of loading them again."""

from hkg.graph import pipeline

pipeline._warm()
