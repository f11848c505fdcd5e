# expect: more than one founding year
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
INSERT DATA {
    <http://example.org/id/org/h> hkg:foundingYear 1951 .
    <http://example.org/id/statement/other-year> a hkg:FactStatement ;
        rdf:subject <http://example.org/id/org/h> ; rdf:predicate hkg:foundingYear ; rdf:object 1951 ;
        prov:wasDerivedFrom <http://example.org/id/document/d> ;
        hkg:evidence <http://example.org/id/document/d/span/0-10> ;
        prov:wasAttributedTo <http://example.org/id/extractor/x> .
}
