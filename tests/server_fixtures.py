"""Fixtures for the server tests: a tiny hand-written graph following docs/model.md, an app and a client."""

from __future__ import annotations

import pytest

from hkg.config import Settings
from hkg.server import create_app

BASE = "http://localhost:8000/"
HOSPITAL = BASE + "id/org/example-general-hospital"
UNIT = HOSPITAL + "/unit/cardiology"
DOCUMENT = BASE + "id/document/sample-page"
SPAN = DOCUMENT + "/span/120-171"
STAFF = UNIT + "/staff/nurses"
STAFF_SPAN = DOCUMENT + "/span/172-215"
SCRIPT = "<script>alert(1)</script>"

GRAPH = f"""
@prefix hkg: <https://w3id.org/hkg/ontology#> .
@prefix hkgv: <https://w3id.org/hkg/vocab/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{HOSPITAL}> a hkg:Hospital ; schema:name "Example General Hospital" ; rdfs:label "Example General Hospital" .

<{UNIT}> a hkg:Unit, hkg:Department ;
    schema:name "Department of Cardiology" ; rdfs:label "Department of Cardiology" ;
    org:unitOf <{HOSPITAL}> ;
    hkg:formerName "{SCRIPT} Heart Unit" ;
    hkg:bedCount "80"^^xsd:nonNegativeInteger ;
    hkg:hasStaffCount <{STAFF}> ;
    hkg:performs <https://w3id.org/hkg/vocab/procedure/coronary-angiography> .

<https://w3id.org/hkg/vocab/procedure/coronary-angiography> a skos:Concept ; skos:prefLabel "coronary angiography" ;
    skos:inScheme hkgv:procedures .

<{STAFF}> a hkg:StaffCount ; hkg:roleAsWritten "nurses" ; hkg:count "45"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <{DOCUMENT}> ; hkg:evidence <{STAFF_SPAN}> .

<{DOCUMENT}> a hkg:Document, prov:Entity ; dcterms:title "Sample department page" ;
    hkg:fileName "sample-page.txt" ; schema:about <{HOSPITAL}>, <{UNIT}> .

<{BASE}id/statement/0a1b2c3d4e5f> a hkg:FactStatement ;
    rdf:subject <{UNIT}> ; rdf:predicate hkg:bedCount ; rdf:object "80"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <{DOCUMENT}> ; hkg:evidence <{SPAN}> ;
    prov:wasAttributedTo <{BASE}id/extractor/capacity> .

<{SPAN}> a hkg:TextSpan ; hkg:inDocument <{DOCUMENT}> ; oa:start 120 ; oa:end 171 ;
    oa:exact "The Department of Cardiology has 80 beds {SCRIPT}." .

<{STAFF_SPAN}> a hkg:TextSpan ; hkg:inDocument <{DOCUMENT}> ; oa:start 172 ; oa:end 215 ;
    oa:exact "It employs 45 nurses." .

<{BASE}id/extractor/capacity> a prov:SoftwareAgent ; rdfs:label "capacity" ; hkg:version "0.1.0" .
"""


@pytest.fixture
def graph_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return path


@pytest.fixture
def make_app(graph_file):
    """Build apps over the fixture graph with settings overrides; their query workers stop after the test."""
    apps = []

    def _make(**overrides):
        settings = Settings(base_uri=BASE, graph_file=str(graph_file)).with_overrides(**overrides)
        app = create_app(settings, workers=1)
        app.config["TESTING"] = True
        apps.append(app)
        return app

    yield _make
    for app in apps:
        app.extensions["hkg_backend"].close()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()
