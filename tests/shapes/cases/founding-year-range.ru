# expect: between 1000 and 2100
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX hkg: <https://w3id.org/hkg/ontology#>
PREFIX hkgv: <https://w3id.org/hkg/vocab/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { <http://example.org/id/org/h> hkg:foundingYear ?o } INSERT { <http://example.org/id/org/h> hkg:foundingYear 950 } WHERE { <http://example.org/id/org/h> hkg:foundingYear ?o }
