"""The hkg pipeline: documents → normalise → mentions → facts → rdf → gate → store."""
