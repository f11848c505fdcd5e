"""One preferred label per concept the vocabularies lack, over the whole build.

Such a concept's IRI is the slug of its label (docs/model.md, "IRIs"), and each document labels it as it spells it
(`rdf.new_concept_label` keeps the case of abbreviation-like words). So two documents can give one IRI labels that
differ in case ("VISUMAX femtosecond laser", "VisuMax femtosecond laser"), while SKOS allows one `skos:prefLabel` per
language. The build keeps one of them as the preferred label, chosen from the corpus alone (the spelling most
documents use, then the smallest), never from the order of the documents, and gives the others as `skos:altLabel`.

A document's graph from an earlier build into a store may hold a demoted spelling as `skos:altLabel`; it takes part
in the choice like a preferred one. `graph/rdf.py` gives such concepts no other alternative label, so the rewrite
only ever moves a label between the two predicates.
"""

from __future__ import annotations

import re
from collections import Counter

from rdflib.namespace import SKOS

PREF = f"<{SKOS.prefLabel}>"
ALT = f"<{SKOS.altLabel}>"


class Labels:
    """The labels of the concepts minted under `{root}concept/`, gathered document by document (`add`)."""

    def __init__(self, root: str):
        self.prefix = f"<{root}concept/"
        self._line = re.compile(
            rf"^({re.escape(self.prefix)}[^>]*>) ({re.escape(PREF)}|{re.escape(ALT)}) (\"(?:[^\"\\]|\\.)*\"@en) \.$",
            re.M,
        )
        self._where: dict[tuple[str, str, str], list[int]] = {}  # (concept, predicate, literal) -> documents

    def add(self, ntriples: str, index: int) -> None:
        """The label lines of document number `index` (the numbers the build gives its documents)."""
        if self.prefix not in ntriples:
            return
        for s, p, lit in self._line.findall(ntriples):
            self._where.setdefault((s, p, lit), []).append(index)

    def fixes(self) -> tuple[dict[str, str], set[int]]:
        """The label lines to rewrite (line -> line, without line breaks) and the documents holding them."""
        spellings: dict[str, Counter] = {}  # concept -> literal -> documents spelling it so
        for (s, _p, lit), where in self._where.items():
            spellings.setdefault(s, Counter())[lit] += len(where)
        preferred = {s: min(n, key=lambda lit: (-n[lit], lit)) for s, n in spellings.items()}
        lines: dict[str, str] = {}
        docs: set[int] = set()
        for (s, p, lit), where in self._where.items():
            want = PREF if lit == preferred[s] else ALT
            if p != want:
                lines[f"{s} {p} {lit} ."] = f"{s} {want} {lit} ."
                docs.update(where)
        return lines, docs


def rewrite(ntriples: str, lines: dict[str, str]) -> str:
    """A document's N-Triples with the label lines of `Labels.fixes` rewritten."""
    return "\n".join(lines.get(line, line) for line in ntriples.split("\n"))
