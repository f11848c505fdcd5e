"""Facts → RDF, following docs/model.md: one rdflib Graph per document, every fact traced to its sentence.

Pure: an `Extraction` and the document's metadata in, a Graph out. Each fact's key triple is reified as an
`hkg:FactStatement` with the document, the evidence span and the extractor; n-ary nodes carry the document
and evidence themselves.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS
from rdflib.namespace import XSD as _XSD

from hkg import __version__
from hkg.graph import lexicon as lex
from hkg.graph import vocab
from hkg.graph.facts import Entity, Evidence, Extraction, Fact
from hkg.graph.iris import Minter, digest, slug
from hkg.graph.vocab import bind_prefixes


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _bare(term: str) -> str:
    """The IRI of a term in N-Triples form."""
    return term[1:-1]


class Terms:
    """The terms of one vocabulary in N-Triples form (`HKG.Unit` is "<https://w3id.org/hkg/ontology#Unit>"), each
    made once: rdflib's Namespace builds a new URIRef on every attribute access."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        node = _iri(str(self._namespace[name]))
        setattr(self, name, node)  # later look-ups are plain attribute reads
        return node

    __getitem__ = __getattr__


DCTERMS, PROV, RDF, RDFS, SKOS, XSD = (Terms(ns) for ns in (_DCTERMS, _PROV, _RDF, _RDFS, _SKOS, _XSD))
HKG, OA, ORG, SDO = (Terms(ns) for ns in (vocab.HKG, vocab.OA, vocab.ORG, vocab.SDO))
SCHEMES = {kind: _iri(str(scheme)) for kind, scheme in vocab.SCHEMES.items()}

UNIT_CLASS = {
    "Department": HKG.Department,
    "Centre": HKG.Centre,
    "Ward": HKG.Ward,
    "Clinic": HKG.Clinic,
    "Division": HKG.Division,
}
CAPACITY = {
    "bedCount": HKG.bedCount,
    "wardCount": HKG.wardCount,
    "staffTotal": HKG.staffTotal,
    "nursingUnitCount": HKG.nursingUnitCount,
    "departmentCount": HKG.departmentCount,
}
RELATION = {"performs": HKG.performs, "treats": HKG.treats, "uses": HKG.uses}
NONNEG = XSD.nonNegativeInteger
_XSD_STRING = XSD.string


@dataclass(frozen=True)
class DocumentInfo:
    """What the graph says about the source document itself."""

    slug: str
    title: str | None
    sha256: str
    file_name: str
    metadata: tuple[tuple[str, str], ...] = ()


class GraphWriter:
    """Writes one document's extraction into a graph."""

    def __init__(self, minter: Minter, info: DocumentInfo, extraction: Extraction):
        self.m = minter
        self.info = info
        self.x = extraction
        self.g: set[str] = set()
        self.spans: dict[tuple[int, int], str] = {}
        self.written: set[str] = set()
        self.doc = minter.document(info.slug)
        self.iris: dict[str, str] = {}
        self.extractors: dict[str, str] = {}
        self.concepts: dict[tuple[str, object, str], str] = {}

    # ------------------------------------------------------------ plumbing
    def add(self, s: str, p: str, o: str) -> None:
        """Add a triple of terms in N-Triples form, as its N-Triples line."""
        self.g.add(f"{s} {p} {o} .")

    def span(self, ev: Evidence) -> str:
        node = self.spans.get((ev.start, ev.end))
        if node is None:
            node = self.spans[ev.start, ev.end] = self.m.span(self.info.slug, ev.start, ev.end)
            self.add(node, RDF.type, HKG.TextSpan)
            self.add(node, HKG.inDocument, self.doc)
            self.add(node, OA.start, _lit(ev.start, datatype=NONNEG))
            self.add(node, OA.end, _lit(ev.end, datatype=NONNEG))
            self.add(node, OA.exact, _lit(ev.text))
        return node

    def extractor(self, name: str) -> str:
        node = self.extractors.get(name)
        if node is None:
            node = self.extractors[name] = self.m.extractor(name)
            self.add(node, RDF.type, PROV.SoftwareAgent)
            self.add(node, RDFS.label, _lit(f"hkg {name} extractor"))
            self.add(node, HKG.version, _lit(__version__))
        return node

    def state(self, s, p, o, f: Fact) -> None:
        """Add a fact's key triple and its reification with provenance."""
        self.add(s, p, o)
        st = self.m.statement(_text(s), _text(p), _text(o), _bare(self.doc), f.evidence.start, f.evidence.end)
        self.add(st, RDF.type, HKG.FactStatement)
        self.add(st, RDF.subject, s)
        self.add(st, RDF.predicate, p)
        self.add(st, RDF.object, o)
        self.add(st, PROV.wasDerivedFrom, self.doc)
        self.add(st, HKG.evidence, self.span(f.evidence))
        self.add(st, PROV.wasAttributedTo, self.extractor(f.extractor))

    def node(self, iri: str, cls: str, f: Fact) -> str:
        """An n-ary fact node, with its provenance on itself. The triple linking its subject to it ("the unit
        hasStaffCount it") is part of the same fact and is not reified again: its provenance is the node's."""
        self.add(iri, RDF.type, cls)
        self.add(iri, PROV.wasDerivedFrom, self.doc)
        self.add(iri, HKG.evidence, self.span(f.evidence))
        self.add(iri, PROV.wasAttributedTo, self.extractor(f.extractor))
        return iri

    # ------------------------------------------------------------ entities
    def entity_iri(self, key: str) -> str:
        if key in self.iris:
            return self.iris[key]
        ent = self.x.entities[key]
        if ent.kind == "hospital" and ent.name is None:
            iri = self.m.unnamed_hospital(self.info.slug)
        elif ent.kind in ("hospital", "org"):
            iri = self.m.organisation(ent.name or key)
        elif ent.kind == "person":
            iri = self.m.person(ent.name or key, self.info.slug)
        else:
            owner = self._unit_owner(key)
            hospital = _bare(owner) if owner is not None else None
            iri = self.m.unit(ent.name or key, hospital=hospital, doc_slug=self.info.slug)
        self.iris[key] = iri
        return iri

    def _unit_owner(self, key: str) -> str | None:
        for f in self.x.facts:
            if f.kind == "unit_of" and f.subject == key:
                owner = self.x.entities[str(f.value)]
                if owner.kind == "hospital" and owner.name:
                    return self.entity_iri(owner.key)
                return None
        return None

    def entities(self) -> None:
        partners, spoken_of = self._partners(), self._spoken_of()
        for ent in sorted(self.x.entities.values(), key=lambda e: e.key):
            iri = self.entity_iri(ent.key)
            for cls in _classes(ent):
                self.add(iri, RDF.type, cls)
            label = ent.name or f"Hospital described in document {self.info.slug}"
            self.add(iri, RDFS.label, _lit(label))
            for alias in sorted(ent.aliases - {ent.name}):
                self.add(iri, SDO.alternateName, _lit(alias))
            if ent.name is None:
                # the unnamed hospital: provenance of its existence is the sentence that speaks of it
                self.add(iri, PROV.wasDerivedFrom, self.doc)
                self.add(iri, HKG.evidence, self.span(ent.evidence))
            about = ent.described or (
                ent.key not in partners and (ent.kind == "unit" or ent.kind == "hospital" and ent.key in spoken_of)
            )
            self.add(self.doc, SDO.about if about else SDO.mentions, iri)

    def _partners(self) -> set[str]:
        return {str(f.value) for f in self.x.facts if f.kind == "collaboration"}

    def _spoken_of(self) -> set[str]:
        """Entities the document says something of beyond their name and place: the subject of a fact, or what a
        unit belongs to. A hospital named only in passing ("meets with X Hospital in Leeds") is mentioned, and
        not one the document describes."""
        out = {f.subject for f in self.x.facts if f.kind not in ("name", "city", "country")}
        out.update(str(f.value) for f in self.x.facts if f.kind in ("unit_of", "part_of", "sub_organization_of"))
        return out

    @cached_property
    def _predecessors(self) -> dict:
        """(unit, year) -> the units it came from that year, over the document's facts."""
        found = defaultdict(set)
        for f in self.x.facts:
            if f.kind == "predecessor":
                found[(f.subject, f.get("year"))].add(str(f.value))
        return found

    # ------------------------------------------------------------ facts
    def facts(self) -> None:
        for f in self.x.facts:
            handler = getattr(self, "fact_" + f.kind)
            handler(f, self.entity_iri(f.subject))

    def fact_name(self, f: Fact, s: str) -> None:
        self.state(s, SDO.name, _lit(str(f.value)), f)

    def fact_unit_of(self, f: Fact, s: str) -> None:
        target = self.x.entities[str(f.value)]
        pred = ORG.unitOf if target.kind == "hospital" else ORG.subOrganizationOf
        self.state(s, pred, self.entity_iri(target.key), f)

    def fact_part_of(self, f: Fact, s: str) -> None:
        self.state(s, ORG.subOrganizationOf, self.entity_iri(str(f.value)), f)

    fact_sub_organization_of = fact_part_of

    def _address(self, s: str) -> str:
        addr = _iri(f"{_bare(s)}/address")
        self.add(s, SDO.address, addr)
        self.add(addr, RDF.type, SDO.PostalAddress)
        return addr

    def fact_city(self, f: Fact, s: str) -> None:
        self.state(self._address(s), SDO.addressLocality, _lit(str(f.value)), f)

    def fact_country(self, f: Fact, s: str) -> None:
        self.state(self._address(s), SDO.addressCountry, _lit(str(f.value)), f)

    def fact_founded(self, f: Fact, s: str) -> None:
        self.state(s, HKG.foundingYear, _lit(int(f.value), datatype=XSD.integer), f)

    def fact_former_name(self, f: Fact, s: str) -> None:
        self.state(s, HKG.formerName, _lit(str(f.value)), f)

    def fact_predecessor(self, f: Fact, s: str) -> None:
        pred = self.entity_iri(str(f.value))
        self.state(s, HKG.predecessor, pred, f)
        year = f.get("year")
        key = str(year or "undated")
        if len(self._predecessors[(f.subject, year)]) > 1:
            # two units a unit came from in one year (or both undated): a change from each, named by where from
            key += "-from-" + slug(str(f.value).split(":", 1)[-1])
        change = self.node(self.m.under(_bare(s), "change", key), ORG.ChangeEvent, f)
        self.add(change, RDF.type, HKG.Event)
        self.add(change, ORG.originalOrganization, pred)
        self.add(change, ORG.resultingOrganization, s)
        self.add(change, HKG.subject, s)
        self.add(change, DCTERMS.description, _lit(f.evidence.text))
        if year:
            self.add(change, HKG.year, _lit(int(year), datatype=XSD.integer))

    def fact_capacity(self, f: Fact, s: str) -> None:
        self.state(s, CAPACITY[str(f.get("property"))], _lit(int(f.value), datatype=NONNEG), f)

    def fact_staff(self, f: Fact, s: str) -> None:
        role = str(f.get("role"))
        node = self.node(self.m.under(_bare(s), "staff", slug(role)), HKG.StaffCount, f)
        self.add(s, HKG.hasStaffCount, node)
        self.add(node, HKG.roleAsWritten, _lit(role))
        self.add(node, HKG["count"], _lit(int(f.value), datatype=NONNEG))
        self.add(node, HKG.role, self.concept("role", f.get("concept"), role))
        self.add(node, RDFS.label, _lit(f"{int(f.value)} {role}"))

    def concept(self, kind: str, iri: object, label: str) -> str:
        """A vocabulary concept (copied in with its label and scheme), or a new uncurated one."""
        if not iri:
            label = new_concept_label(label)
        key = (kind, iri, label)
        c = self.concepts.get(key)
        if c is not None:  # written already
            return c
        if iri:
            c = _iri(str(iri))
            known = _concept_label(str(iri))
            pref = label if known is None else known
        else:
            c = self.m.concept(kind, label)
            pref = label
            self.add(c, HKG.curationStatus, _lit("uncurated"))
        self.add(c, RDF.type, SKOS.Concept)
        self.add(c, SKOS.prefLabel, _lit(pref, lang="en"))
        self.add(c, SKOS.inScheme, SCHEMES[kind])
        self.concepts[key] = c
        return c

    def fact_concept(self, f: Fact, s: str) -> None:
        relation = str(f.get("relation"))
        kind = {"performs": "procedure", "treats": "condition", "uses": "equipment"}[relation]
        c = self.concept(kind, f.value, str(f.get("mention")))
        if f.get("broader"):  # a new concept, a narrower kind of a vocabulary one: "partial laryngectomy"
            self.add(c, SKOS.broader, self.concept(kind, f.get("broader"), ""))
        self.state(s, RELATION[relation], c, f)

    def fact_offering(self, f: Fact, s: str) -> None:
        name = str(f.value)
        facility = f.get("offering") == "facility"
        node = self.node(
            self.m.under(_bare(s), "facility" if facility else "programme", slug(name)),
            HKG.Facility if facility else HKG.Programme,
            f,
        )
        self.add(s, HKG.hasFacility if facility else HKG.runs, node)
        self.add(node, SDO.name, _lit(name))
        self.add(node, RDFS.label, _lit(name))
        otype = str(f.get("type") or ("facility" if facility else "programme"))
        self.add(node, HKG.offeringType, self.concept("offering", _offering_concept(otype), otype))

    def fact_collaboration(self, f: Fact, s: str) -> None:
        partner = self.entity_iri(str(f.value))
        node = self.node(self.m.collaboration(_bare(s), _bare(partner), str(f.get("kind") or "")), HKG.Collaboration, f)
        self.add(node, HKG.party, s)
        self.add(node, HKG.partner, partner)
        self.add(node, HKG.collaborationKind, _lit(str(f.get("kind"))))
        self.add(node, RDFS.label, _lit(f"Collaboration: {f.get('kind')}"))
        self.state(s, ORG.linkedTo, partner, f)

    def fact_membership(self, f: Fact, s: str) -> None:
        org = self.entity_iri(str(f.value)) if f.value else None
        role = str(f.get("role"))
        key = digest(_bare(org) if org else "", role.lower())
        node = self.node(self.m.under(_bare(s), "membership", key), ORG.Membership, f)
        self.add(node, ORG.member, s)
        if org is not None:
            self.add(node, ORG.organization, org)
        self.add(node, ORG.role, self.concept("role", f.get("concept"), role.lower()))
        if node not in self.written:  # the same membership read twice keeps the first wording
            self.written.add(node)
            self.add(node, HKG.roleAsWritten, _lit(str(f.get("as_written") or role)))
        self.add(node, RDFS.label, _lit(role))

    def fact_qualification(self, f: Fact, s: str) -> None:
        self.state(s, HKG.qualification, _lit(str(f.value)), f)

    def fact_figure(self, f: Fact, s: str) -> None:
        measure = str(f.get("measure"))
        node = self.node(self.m.under(_bare(s), "figure", digest(measure, f.value)), HKG.Figure, f)
        self.add(s, HKG.hasFigure, node)
        self.add(node, HKG.measure, _lit(measure))
        self.add(node, SDO.value, _lit(str(f.value), datatype=XSD.decimal))
        for key, pred in (("qualifier", HKG.qualifier), ("period", HKG.period), ("unit", SDO.unitText)):
            if f.get(key):
                self.add(node, pred, _lit(str(f.get(key))))
        self.add(node, RDFS.label, _lit(f"{measure}: {f.value}"))

    def fact_event(self, f: Fact, s: str) -> None:
        what = str(f.get("what") or "")
        node = self.node(self.m.under(_bare(s), "event", f"{f.value}-{digest(what)}"), HKG.Event, f)
        if f.get("founding"):
            self.add(node, RDF.type, HKG.Founding)
        self.add(node, HKG.subject, s)
        self.add(node, HKG.year, _lit(int(f.value), datatype=XSD.integer))
        self.add(node, DCTERMS.description, _lit(what))
        self.add(node, RDFS.label, _lit(f"{f.value}: {what[:80]}"))
        if f.get("decade"):
            self.add(node, HKG.decade, _lit(True))

    def fact_recognition(self, f: Fact, s: str) -> None:
        what = str(f.value)
        # one node per (what, grantor, year): two documents that date or attribute it differently make two nodes
        key = (
            slug(what)
            if not (f.get("grantor") or f.get("year"))
            else f"{slug(what)}-{digest(f.get('grantor'), f.get('year'))}"
        )
        node = self.node(self.m.under(_bare(s), "recognition", key), HKG.Recognition, f)
        self.add(s, HKG.holds, node)
        self.add(node, SDO.name, _lit(what))
        self.add(node, RDFS.label, _lit(what))
        self.add(node, HKG.recognitionKind, _lit(str(f.get("kind") or "honour")))
        if f.get("grantor"):
            self.add(node, HKG.grantor, self.entity_iri(str(f.get("grantor"))))
        if f.get("year"):
            self.add(node, HKG.year, _lit(int(f.get("year")), datatype=XSD.integer))

    # ------------------------------------------------------------ document
    def document(self) -> None:
        d = self.doc
        self.add(d, RDF.type, HKG.Document)
        self.add(d, RDF.type, PROV.Entity)
        self.add(d, RDFS.label, _lit(self.info.title or self.info.file_name))
        self.add(d, DCTERMS.title, _lit(self.info.title or self.info.file_name))
        self.add(d, HKG.sha256, _lit(self.info.sha256))
        self.add(d, HKG.fileName, _lit(self.info.file_name))
        meta = dict(self.info.metadata)
        if meta.get("source_url"):
            self.add(d, SDO.url, _lit(meta["source_url"], datatype=XSD.anyURI))
            self.add(d, PROV.hadPrimarySource, str(ox.NamedNode(str(URIRef(meta["source_url"])))))  # checked: an IRI
        if meta.get("language"):
            self.add(d, DCTERMS.language, _lit(meta["language"]))
        if meta.get("publisher") or meta.get("hospital"):
            self.add(d, DCTERMS.publisher, _lit(meta.get("publisher") or meta.get("hospital")))
        if meta.get("retrieved"):
            self.add(d, HKG.retrieved, _lit(meta["retrieved"], datatype=XSD.date))

    def build(self) -> set[tuple]:
        self.document()
        self.entities()
        self.facts()
        return self.g


def _classes(ent: Entity) -> list[str]:
    if ent.kind == "hospital":
        return [HKG.Hospital]
    if ent.kind == "org":
        return [HKG.Organization]
    if ent.kind == "person":
        return [HKG.Person]
    return [HKG.Unit, UNIT_CLASS.get(ent.unit_kind, HKG.Department)]


@cache
def _offering_concept(otype: str) -> str | None:
    """The offerings vocabulary concept for a type label, when the vocabulary has it."""
    found = lex.load().by_label("offering", otype)
    return str(found) if found else None


_LABEL_WORD = re.compile(r"[^\s\-]+")


def new_concept_label(label: str) -> str:
    """The one label of a concept the vocabularies lack, whichever document names it: its IRI is the slug of the
    label, so spellings that share a slug ('soft-tissue sarcoma', 'Soft tissue sarcoma') must share a label too.
    Words are joined by single spaces and lower-cased, except abbreviations ('PiCCO', 'CT', '3D')."""
    words = _LABEL_WORD.findall(label.replace("’", "'"))
    return " ".join(w if sum(c.isupper() or c.isdigit() for c in w) >= 2 else w.lower() for w in words)


@cache
def _minter(base_uri: str) -> Minter:
    """The minter of N-Triples IRIs under a base URI, checked once to make valid IRIs (the rest of each IRI is a
    slug or a digest)."""
    minter = Minter(base_uri, term=_iri)
    ox.NamedNode(minter.root)
    return minter


def triples(extraction: Extraction, info: DocumentInfo, base_uri: str) -> set[str]:
    """The triples of one document's extraction, as N-Triples lines (without their line breaks)."""
    return GraphWriter(_minter(base_uri), info, extraction).build()


def to_ntriples(lines: set[str]) -> str:
    """N-Triples text of a set of lines, sorted (so equal graphs give equal text)."""
    return "".join(sorted(f"{line}\n" for line in lines))


def to_graph(extraction: Extraction, info: DocumentInfo, base_uri: str) -> Graph:
    """The rdflib graph of one document's extraction."""
    g = Graph()
    bind_prefixes(g)
    g.parse(data=to_ntriples(triples(extraction, info, base_uri)), format="nt")
    return g


def _text(term: str) -> str:
    """A term as the statement digests read it: an IRI bare, a literal in N-Triples form."""
    return term[1:-1] if term[0] == "<" else term


@cache
def _concept_label(iri: str) -> str | None:
    """The preferred label of a vocabulary concept."""
    concept = lex.load().concepts.get(URIRef(iri))
    return concept.label if concept else None


_DATATYPE_OF = {bool: XSD.boolean, int: XSD.integer}
#: characters N-Triples escapes in a literal; text without any is written as it is
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def _lit(value: object, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal in canonical N-Triples form, as Oxigraph writes it: integers are xsd:integer and booleans
    xsd:boolean unless a datatype is given; xsd:string is left implicit."""
    if not lang:
        datatype = datatype or _DATATYPE_OF.get(type(value))
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    if _NEEDS_ESCAPE.search(text):  # escaping is Oxigraph's, for the few texts that need it
        if lang:
            return str(ox.Literal(text, language=lang))
        return str(ox.Literal(text, datatype=ox.NamedNode(_bare(datatype)))) if datatype else str(ox.Literal(text))
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"^^{datatype}' if datatype and datatype != _XSD_STRING else f'"{text}"'
