"""hkg: a hospital knowledge graph built from hospital department pages."""

__version__ = "0.1.0"
