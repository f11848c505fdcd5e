"""Extraction code must be general: it may not name a hospital, person, partner or programme of the samples."""

from __future__ import annotations

import re
from pathlib import Path

from hkg.graph import lexicon, mentions

ROOT = Path(__file__).resolve().parent.parent


def sample_names() -> set[str]:
    """Organisation and person names found in the sample corpus by hkg's own name rules."""
    lex = lexicon.load()
    names = set()
    for doc in sorted((ROOT / "corpus").glob("*.txt")):
        text = doc.read_text(encoding="utf-8")
        for line in text.splitlines():
            tokens = lexicon.make_doc(lex, line)
            for m in mentions.org_mentions(tokens):
                names.add(m.text)
            for s, e in mentions.person_candidates(tokens):
                names.add(tokens[s:e].text)
            names.update(q for q in re.findall(r"[\"“]([A-Z][^\"”]{4,60})[\"”]", line))
    return {n for n in names if len(n) > 6}


def test_sample_names_are_found():
    # the check below is only meaningful if the name rules find the samples' names
    assert len(sample_names()) >= 10


def test_no_sample_name_in_extraction_code():
    code = "\n".join(p.read_text(encoding="utf-8").lower() for p in sorted((ROOT / "graph").glob("*.py")))
    leaked = sorted(n for n in sample_names() if n.lower() in code)
    assert not leaked, f"extraction code names things from the sample documents: {leaked}"
