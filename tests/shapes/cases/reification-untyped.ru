# expect: must be typed hkg:FactStatement
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX hkg: <https://w3id.org/hkg/ontology#>
DELETE { ?st a hkg:FactStatement } WHERE { ?st rdf:predicate hkg:bedCount }
