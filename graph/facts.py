"""The facts hkg extracts: plain data, each with the sentence it was read from and the rule that read it."""

from __future__ import annotations

from dataclasses import dataclass, field

#: every kind of fact, with the extractor (rule family) that states it
FACT_KINDS = {
    "name": "names",
    "unit_of": "structure",
    "part_of": "structure",
    "sub_organization_of": "structure",
    "city": "places",
    "country": "places",
    "founded": "history",
    "former_name": "history",
    "predecessor": "history",
    "capacity": "capacity",
    "staff": "capacity",
    "concept": "vocabulary",
    "offering": "offerings",
    "collaboration": "collaborations",
    "membership": "people",
    "qualification": "people",
    "figure": "figures",
    "event": "events",
    "recognition": "recognitions",
}


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: character offsets into the original document text, and the sentence."""

    start: int
    end: int
    text: str


@dataclass
class Entity:
    """Something the document talks about: a hospital, a unit, another organisation or a person."""

    key: str
    kind: str  # hospital | unit | org | person
    name: str | None
    evidence: Evidence
    unit_kind: str = ""  # Department, Centre, Ward, Clinic, Division (units only)
    aliases: set[str] = field(default_factory=set)
    described: bool = False  # the document is about it (schema:about) rather than only mentioning it


@dataclass(frozen=True)
class Fact:
    """One fact: `kind` says how to read `value` (see graph/rdf.py); `subject` is an entity key."""

    kind: str
    subject: str
    value: object
    evidence: Evidence
    detail: tuple[tuple[str, object], ...] = ()

    @property
    def extractor(self) -> str:
        return FACT_KINDS[self.kind]

    def get(self, name: str, default: object = None) -> object:
        return dict(self.detail).get(name, default)


def fact(kind: str, subject: str, value: object, evidence: Evidence, /, **detail: object) -> Fact:
    """Build a Fact; details with value None are dropped."""
    if kind not in FACT_KINDS:
        raise ValueError(f"unknown fact kind {kind!r}")
    items = tuple(sorted((k, v) for k, v in detail.items() if v is not None))
    return Fact(kind, subject, value, evidence, items)


@dataclass
class Extraction:
    """Everything read from one document."""

    doc_slug: str
    entities: dict[str, Entity]
    facts: list[Fact]
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.facts:
            out[f.kind] = out.get(f.kind, 0) + 1
        return out
