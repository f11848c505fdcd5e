"""Read one document: find who it is about (hospitals, units, people), then apply the fact rules sentence by
sentence (graph/rules.py). Pure: text in, `Extraction` out.

Entity resolution within a document: "the center", "our center" and the heading's name are the document's
main unit; names that differ only in case, articles or "Department of X"/"X Department" order are one unit;
"our hospital" is the document's own hospital, named when exactly one described hospital is named.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from hkg.graph import lexicon as lex
from hkg.graph import mentions as mn
from hkg.graph.facts import Entity, Evidence, Extraction, Fact, fact
from hkg.graph.iris import slug
from hkg.graph.normalise import LIST_ITEM

UNIT_KIND = {
    "department": "Department",
    "center": "Centre",
    "centre": "Centre",
    "ward": "Ward",
    "division": "Division",
    "unit": "Department",
    "icu": "Ward",
    "section": "Department",
    "room": "Department",
    "institute": "Centre",
    "service": "Department",
}
ANAPHORA = re.compile(
    r"\b(?:the|this|our|that)\s+(?:center|centre|department|unit|division|ward|specialty|team|service)\b", re.IGNORECASE
)
OUR_HOSPITAL = re.compile(r"\b(?:our|the|this)\s+hospital\b", re.IGNORECASE)
#: a sentence whose subject is the document's hospital: "Our hospital was founded...", "At present, the hospital has"
HOSPITAL_SUBJECT = re.compile(
    r"\W*(?:\[[^\]]*\]\s*)?(?:[\w-]+\W+){0,3}?(?:our|the|this)\s+hospital\s+(?:has|have|had|is|was|were|carries|"
    r"performs|treats|owns|covers|employs|completed|receives|received|became|boasts|consists|includes|integrates|"
    r"was founded|was established)\b",
    re.IGNORECASE,
)
COLLAB_CUE = re.compile(
    r"\b(?:(?:relationships?|cooperat\w*|collaborat\w*|partnerships?)(?:\s+agreements?)?"
    r"(?:\s+(?:in|on|for)(?:\s+[\w-]+){1,4}?)?|"
    r"exchanges?|alliance|jointly|partner\w*|"
    r"agreements?|consultations?|jointly(?:\s+[\w-]+){1,8}?|works?|working|worked|together|affiliated|twinned|"
    r"(?:exchange|joint|shares?)(?:\s+(?!relationships?\b|cooperation\b|collaborations?\b|partnerships?\b)[\w-]+){1,6}?|"
    r"(?:research|studies|trials?)(?:\s+[\w-]+){0,6}?)"
    r"(?:\s+[a-z]+ly)?\s+with\b"  # "cooperates closely with"
    r"(?!\s+(?:the\s+)?(?:support|funding|help|assistance|approval)\b)"  # a funder or an approver is no partner
    # "our audiologists have supported X Hospital in Yangon": a hospital the unit supports
    r"|\b(?:supported|supports|assisted|assists|helped|helps|twinned)(?=\s+(?:the\s+)?(?-i:[A-Z]))"
    # "the department and the Department of Y of X Hospital have carried out joint research": partners as subjects
    r"|^\W*(?:since\s+(?:19|20)\d\d\s*,?\s*)?(?:the|our)\s+(?:department|centre|center|division|unit|team)\s+and"
    r"(?=\s+(?:the\s+)?(?-i:[A-Z])[^.]*\b(?:joint\w*|together|cooperat\w*|collaborat\w*)\b)",
    re.IGNORECASE,
)
SPECIALTY_WORDS = re.compile(
    r"(?:surgery|ology|ics|iatry|therapy|medicine|oncology|rehabilitation|department|center|centre|room|"
    r"diagnosis|treatment|imaging|radiology|pathology|nursing|care|unit|ward|clinic|laboratory|testing)$",
    re.IGNORECASE,
)
#: "Head of Department", "Director of Unit": a post's title, not a unit's name
ROLE_TITLE = re.compile(
    r"(?:(?:deputy|associate|assistant|clinical|medical)\s+)?(?:head|chief|director|chair|lead|manager)\s+of\s+"
    r"(?:the\s+)?(?:department|division|unit|service|centre|center|section|ward)s?$",
    re.IGNORECASE,
)
#: what separates the parts of a page title: "Stroke Unit – X Hospital", "A | B", "Home > Services > A"
HEADING_SEPARATOR = re.compile(r"\s+[|>»–—-]\s+")
#: a section title, not a unit's name: "Department introduction", "About the Centre", "Hospital Profile"
NOT_A_UNIT_HEADING = re.compile(r"\b(?:introduction|about|profile|overview|home|welcome|contact|news)\b", re.I)
#: head words that name a unit outright (an "institute" may be the hospital itself)
MAIN_UNIT_HEADS = {"department", "center", "centre", "ward", "division", "unit", "section", "service"}
#: "... with the", "... of": a name after these is not the sentence's subject
AFTER_PREPOSITION = re.compile(r"\b(?:with|from|to|of|by|and|in|at)\s+(?:the\s+)?$")
DEPARTMENT_LIST_CUE = re.compile(
    r"\b(?:majors|departments|specialties|specialities|disciplines|subspecialties|wards|units)\b", re.IGNORECASE
)


@dataclass
class Sentence:
    """A sentence of the document: its normalised text, its tokens and mentions, and where it came from."""

    index: int
    text: str
    start: int  # offsets into the normalised text
    end: int
    evidence: Evidence
    doc: object = None  # the spaCy Doc
    tokens: mn.Tokens | None = None  # the same tokens as strings
    concepts: list = field(default_factory=list)
    orgs: list = field(default_factory=list)
    places: list = field(default_factory=list)
    people: list = field(default_factory=list)
    heading: bool = False
    nested: list = field(default_factory=list)  # (unit, outer unit) names read as one, "X Ward of the Department of Y"


_KEY_WORD_BREAK = re.compile(r"[^a-z0-9']+")


@lru_cache(maxsize=100_000)
def unit_key(name: str) -> str:
    """One key for the spellings of a unit's name: case, articles, 'Department of X' = 'X Department'."""
    words = [w for w in _KEY_WORD_BREAK.split(name.lower()) if w and w not in ("the", "a", "an")]
    words = [lex.token_norm(w) for w in words]
    if len(words) > 2 and words[0] in mn.UNIT_HEADS and words[1] == "of":
        words = words[2:] + [words[0]]
    return "-".join(words)


_SPACE_RUN = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|our|this|its)\s+", re.IGNORECASE)


_NAME_FUNCTION_WORDS = frozenset({"of", "and", "for", "in", "the", "at", "on", "with"})


@lru_cache(maxsize=100_000)
def clean_name(text: str) -> str:
    """A name as it should be shown: trimmed, without a leading article, its first letter in upper case."""
    text = _SPACE_RUN.sub(" ", text).strip(" ,.;:\"'[]()")
    if text.count("(") > text.count(")"):
        text += ")"  # "Key Discipline (Cultivation)": the bracket closes one the name opened
    text = _LEADING_ARTICLE.sub("", text)
    if len(text.split()) > 1 and text.isupper():  # "DEPARTMENT OF CLINICAL ONCOLOGY": a heading in capitals
        words = text.split()
        text = " ".join(
            w.lower() if w.lower() in _NAME_FUNCTION_WORDS else w if len(w) <= 3 else w.capitalize() for w in words
        )
    if text and text[0].islower():
        text = " ".join(
            w[:1].upper() + w[1:] if w not in ("of", "and", "for", "in", "the") else w for w in text.split()
        )
    return text


class DocumentReader:
    """Reads one normalised document. Call `read()` once."""

    def __init__(self, doc_slug: str, text: str, sentences: list[Sentence], title: str | None = None):
        self.doc_slug = doc_slug
        self.text = text
        self.sentences = sentences
        self.title = title
        self.lexicon = lex.load()
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self.hospital_key: str | None = None
        self.main_unit: str | None = None
        self.default_subject: str | None = None
        self.partner_keys: set[str] = set()
        self.last_year: int | None = None
        self._subjects: dict[tuple[int, int, int], str | None] = {}
        self._sections: dict[int, str] | None = None
        self.warnings: list[str] = []
        self.abbreviations: dict[str, str] = {}  # "RICU" -> "Respiratory Intensive Care Unit", as the text defines

    # ------------------------------------------------------------ entities
    def entity(self, kind: str, name: str | None, evidence: Evidence, *, unit_kind: str = "") -> Entity:
        """The entity of this kind and name, created on first sight."""
        if kind == "person":
            key = "person:" + slug(name or "")
        elif kind == "unit":
            key = self._unit_key(name or "")
        else:
            key = "org:" + unit_key(name or "")
            existing = self.entities.get(key)
            if existing is None:
                for other in self.entities.values():
                    if other.kind in ("hospital", "org") and name and _same_org(other, name):
                        other.aliases.add(name)
                        return other
        ent = self.entities.get(key)
        if ent is None:
            ent = Entity(key=key, kind=kind, name=name, evidence=evidence, unit_kind=unit_kind)
            self.entities[key] = ent
            if name:
                self.facts.append(fact("name", key, name, evidence))
        elif name and ent.name and _better_name(name, ent.name):
            ent.aliases.add(ent.name)
            ent.name = name
        return ent

    def _unit_key(self, name: str) -> str:
        """A unit's key; 'Department of X Y' is the unit 'X Y' the document named before (and the other way round); a
        one-word 'Urology' may be a specialty beside a unit of that name."""
        key = "unit:" + unit_key(clean_name(self.abbreviations[name]) if name in self.abbreviations else name)
        if key not in self.entities:
            alt = key.removesuffix("-department") if key.endswith("-department") else key + "-department"
            if alt in self.entities and min(key.count("-"), alt.count("-")) >= 1:  # not a bare one-word specialty
                return alt
        return key

    def unnamed_hospital(self, evidence: Evidence) -> Entity:
        key = "hospital:" + self.doc_slug
        ent = self.entities.get(key)
        if ent is None:
            ent = Entity(key=key, kind="hospital", name=None, evidence=evidence, described=True)
            self.entities[key] = ent
        return ent

    # ------------------------------------------------------------ passes
    def read(self) -> Extraction:
        from hkg.graph import rules

        self._find_headings()
        self._find_partners()
        self._find_hospitals()
        self._find_units()
        self._choose_subjects()
        for sent in self.sentences:
            for rule in rules.SENTENCE_RULES:
                rule(self, sent)
        rules.document_rules(self)
        self._attach_units()
        return Extraction(self.doc_slug, self.entities, _dedupe(self.facts), self.warnings)

    def _find_headings(self) -> None:
        for sent in self.sentences[:3]:
            t = sent.text.strip()
            if t and len(t.split()) <= 10 and t[-1] not in ".?!:;," and not re.search(r"\d{3}", t):
                sent.heading = True
            else:
                break

    def _find_partners(self) -> None:
        for sent in self.sentences:
            m = COLLAB_CUE.search(sent.text)
            if not m:
                continue
            for org in sent.orgs:
                if org.start >= m.end():
                    self.partner_keys.add("org:" + unit_key(org.text))

    def _find_hospitals(self) -> None:
        named = []
        for sent in self.sentences:
            titled = sent.heading and HEADING_SEPARATOR.search(sent.text)
            for org in () if titled else sent.orgs:  # a title in parts is read by _heading_parts
                if ("org:" + unit_key(org.text)) in self.partner_keys or NOT_A_HOSPITAL_NAME.match(org.text):
                    continue
                unit, hospital = _unit_part(org.text)
                if hospital and (org.ref in mn.HOSPITAL_HEADS or unit):
                    named.append((hospital, sent))
                elif _is_medical_center(org.text):
                    named.append((org.text, sent))
        found = []
        for name, sent in named:
            full = clean_name(name)
            short = short_hospital_name(full)
            ent = self.entity("hospital", short, sent.evidence)
            ent.kind = "hospital"
            found.append(ent)
            if full != ent.name:
                ent.aliases.add(full)
        described = found + [e for e in self.entities.values() if e.kind == "hospital" and e.described]
        if described:
            # the hospital named most often is the document's own; the others are described only if the document
            # says something of them (graph/rdf.py), not when named in passing
            counts = Counter(e.key for e in described)
            own = sorted(described, key=lambda e: (-counts[e.key], e.evidence.start))[0]
            own.described = True
            self.hospital_key = own.key
        if self.hospital_key is None:
            first = next((s for s in self.sentences if OUR_HOSPITAL.search(s.text)), self.sentences[0])
            self.hospital_key = self.unnamed_hospital(first.evidence).key

    def _find_units(self) -> None:
        from hkg.graph import rules

        for sent in self.sentences:
            titled = sent.heading and HEADING_SEPARATOR.search(sent.text)
            for org in () if titled else sent.orgs:  # a title in parts is read by _heading_parts
                key = "org:" + unit_key(org.text)
                if key in self.partner_keys or org.ref not in mn.UNIT_HEADS:
                    continue
                if getattr(self.entities.get(key), "kind", None) == "hospital":
                    continue  # the institute a title names as the unit's hospital
                if rules.is_programme_name(org.text) or rules.KEY_DESIGNATION.match(org.text):
                    continue
                if ROLE_OF_BARE_HEAD.match(org.text) or _names_a_role(self.lexicon, org.text):
                    continue  # "James Kettering, Head of Unit", "Nurse Unit Manager": a role, not a unit's name
                if AWARDED_AS.search(sent.text[max(0, org.start - 60) : org.start]):
                    continue  # "was named a ... Demonstration Center": a designation, not a unit
                if (sent.heading or len(sent.text.split()) <= 5) and NOT_A_UNIT_HEADING.search(org.text):
                    continue  # "Department Profile", "I. Department Overview": a section's title
                name, _ = _unit_part(org.text)
                if name is None or rules.belongs_to_body(sent, org) or ROLE_TITLE.match(name):
                    continue
                if not any(lex.token_norm(w) in mn.UNIT_HEADS for w in name.lower().split()):
                    continue  # "CEO of X Medical Center": the part before the hospital names no unit
                if PLURAL_HEAD_FIRST.match(name):
                    continue  # "Units of the Department", "Wards and Beds": a section's title
                if NOT_A_UNITS_NAME.search(name) or GOVERNMENT_BODY.search(name):
                    continue  # "Leading the Institute", "3 of the Ward Block", "Provincial Department of Science"
                full = clean_name(name)
                short = self._without_hospital_prefix(full)
                ent = self.entity("unit", short, sent.evidence, unit_kind=UNIT_KIND.get(org.ref, "Department"))
                if short != full:
                    ent.aliases.add(full)
            if sent.heading:
                self._heading_unit(sent)
        rules.department_lists(self)
        rules.role_units(self)

    def _without_hospital_prefix(self, name: str) -> str:
        """'Oakvale Sleep Center' of Oakvale Medical Center is its 'Sleep Center'."""
        hospital = self.entities.get(self.hospital_key or "")
        if hospital is None or not hospital.name:
            return name
        words, hwords = name.split(), hospital.name.split()
        k = 0
        while k < min(len(words) - 2, len(hwords) - 1) and words[k] == hwords[k]:
            k += 1
        if k == 0 or all(w.lower() in GENERIC_NAME_WORDS for w in words[:k]) or words[k].lower() in ("of", "and"):
            return name
        return " ".join(words[k:])

    def _heading_unit(self, sent: Sentence) -> None:
        parts = [p.strip() for p in HEADING_SEPARATOR.split(sent.text.strip()) if p.strip()]
        if len(parts) > 1:
            self._heading_parts(sent, parts)
            return
        words = sent.text.lower().split()
        if not words or any(w in mn.HOSPITAL_HEADS for w in words) or NOT_A_UNIT_HEADING.search(sent.text):
            return
        if any(w in mn.HEADLINE_VERBS for w in words):
            return  # a news headline: the names in it are read as names
        if ":" in sent.text and _names_a_role(self.lexicon, sent.text.split(":")[0].strip()):
            return  # "Department Operations Manager: Ms. Wong": a person's role, not a unit
        if re.search(r"\b(?:key|national|provincial|municipal)\b", sent.text, re.IGNORECASE):
            return
        last = lex.token_norm(words[-1])
        first = lex.token_norm(words[0])
        head = last if last in mn.UNIT_HEADS else first if first in mn.UNIT_HEADS else None
        if head is None and not SPECIALTY_WORDS.search(words[-1]):
            return
        ent = self.entity(
            "unit", clean_name(sent.text), sent.evidence, unit_kind=UNIT_KIND.get(head or "", "Department")
        )
        ent.described = True
        if self.main_unit is None:
            self.main_unit = ent.key

    def _heading_parts(self, sent: Sentence, parts: list[str]) -> None:
        """A page title in parts: 'Stroke Unit – X Hospital', 'Epilepsy Center | Department of Neurology',
        'X Institute of Oncology – Cancer Centre', 'Home > Services > Respiratory Medicine'. The unit is the part
        with a unit's head word (the last part of a breadcrumb); a hospital or institute beside it is the unit's
        hospital, another unit its parent."""
        if ">" in sent.text:
            parts = parts[-1:]
        heads = [_part_head(p) for p in parts]
        units = [i for i, p in enumerate(parts) if heads[i] in MAIN_UNIT_HEADS and not _HOSPITAL_WORD.search(p)]
        if not units:
            units = [i for i, p in enumerate(parts) if not _HOSPITAL_WORD.search(p) and SPECIALTY_WORDS.search(p)]
        if not units or NOT_A_UNIT_HEADING.search(parts[units[0]]):
            return
        main = units[0]
        ent = self.entity(
            "unit", clean_name(parts[main]), sent.evidence, unit_kind=UNIT_KIND.get(heads[main], "Department")
        )
        ent.described = True
        if self.main_unit is None:
            self.main_unit = ent.key
        for i, part in enumerate(parts):
            if i == main or len(part.split()) < 2:
                continue
            if _HOSPITAL_WORD.search(part) or heads[i] == "institute":
                hospital = self.entity("hospital", clean_name(part), sent.evidence)
                hospital.kind = "hospital"
                hospital.described = True
                if self.hospital_key and self.hospital_key.startswith("hospital:"):
                    self.entities.pop(self.hospital_key, None)  # the unnamed hospital: the title names it
                self.hospital_key = hospital.key
            elif i in units and heads[i] in MAIN_UNIT_HEADS:
                parent = self.entity("unit", clean_name(part), sent.evidence, unit_kind=UNIT_KIND.get(heads[i], ""))
                self.facts.append(fact("part_of", ent.key, parent.key, sent.evidence))

    def _choose_subjects(self) -> None:
        """The main unit is the heading's unit, else the first unit named; the default subject of a sentence is the
        main unit, unless the document speaks of "our hospital" and never refers back to the unit."""
        units = sorted((e for e in self.entities.values() if e.kind == "unit"), key=lambda e: e.evidence.start)
        body_sents = [s for s in self.sentences if not s.heading]
        body = " ".join(s.text for s in body_sents)
        opens_with_hospital = bool(body_sents) and bool(HOSPITAL_SUBJECT.match(body_sents[0].text))
        if self.main_unit is None and units and not opens_with_hospital:
            self.main_unit = self._parent_if_named_more(units[0].key)
        main = self.entities.get(self.main_unit) if self.main_unit else None
        if main is None:
            self.default_subject = self.hospital_key
            return
        main.described = True
        referred = bool(ANAPHORA.search(body)) or (main.name is not None and main.name.lower() in body.lower())
        if referred or not OUR_HOSPITAL.search(body):
            self.default_subject = self.main_unit
        else:
            self.default_subject = self.hospital_key

    def _parent_if_named_more(self, first: str) -> str:
        """The first unit named, unless it was named as a unit of another ('the Cancer Pain Ward of the Department
        of Pain Medicine') that the document names at least as often: then the page is about that one."""
        for sent in self.sentences:
            for child, parent in sent.nested:
                if self.resolve_unit_text(child) != first:
                    continue
                outer = self.resolve_unit_text(_unit_part(parent)[0] or parent)
                if outer is None or self.entities[outer].kind != "unit":
                    return first
                named = Counter(self.resolve_unit_text(o.text) for s in self.sentences for o in s.orgs)
                return outer if named[outer] >= named[first] else first
        return first

    def _attach_units(self) -> None:
        """Every unit with no stated hospital belongs to the document's hospital."""
        stated = {f.subject for f in self.facts if f.kind == "unit_of"}
        for ent in list(self.entities.values()):
            if ent.kind == "unit" and ent.key not in stated and self.hospital_key:
                self.facts.append(fact("unit_of", ent.key, self.hospital_key, ent.evidence))

    # ------------------------------------------------------------ lookups used by the rules
    def resolve_unit_text(self, text: str) -> str | None:
        """The entity a phrase refers to: 'this department' → main unit, a unit's name → that unit."""
        low = text.lower().strip()
        if ANAPHORA.fullmatch(low) or low in ("it", "we"):
            return self.main_unit or self.default_subject
        if OUR_HOSPITAL.fullmatch(low):
            return self.hospital_key
        key = self._unit_key(clean_name(text))
        if key in self.entities:
            return key
        key = "org:" + unit_key(clean_name(text))
        if key in self.entities:
            return key
        for ent in self.entities.values():
            if ent.kind in ("hospital", "org") and _same_org(ent, clean_name(text)):
                return ent.key
        return None

    def _possessed_unit(self, sent: Sentence, org) -> str | None:
        """ "X Hospital's breast surgery department was founded ...": the unit, not its hospital."""
        m = POSSESSED_UNIT.match(sent.text, org.end)
        if m is None:
            return None
        key = self.resolve_unit_text(m.group(1))
        return key if key and self.entities[key].kind == "unit" else None

    def subject_of(self, sent: Sentence) -> str | None:
        """Who a sentence is about: a hospital or unit named at its start, 'our hospital', the unit the sentence
        before named when this one starts with 'It' ("The Department of X was renamed in 2008. It has 3 wards"),
        else the default. Remembered per sentence while the entities it resolves against stay the same."""
        key = (sent.index, len(self.entities), len(self.partner_keys))
        cached = self._subjects.get(key, self)
        if cached is not self:
            return cached
        subject = self._subject_of(sent)
        self._subjects[key] = subject
        return subject

    def _subject_of(self, sent: Sentence) -> str | None:
        named = self._named_subject(sent)
        if named:
            return named
        if IT_STARTS.match(sent.text) and sent.index > 0:
            before = self.sentences[sent.index - 1]
            if not before.heading:
                named = self._named_subject(before)
                if named and self.entities[named].kind == "unit":
                    return named
        section = self._section_units().get(sent.index)
        if section:
            return section
        if self.hospital_key and self.default_subject != self.hospital_key and self._in_hospital_paragraph(sent):
            return self.hospital_key
        return self.default_subject

    def _section_units(self) -> dict[int, str]:
        """Sentence index → the sub-unit whose name heads the section the sentence is in ("Endoscopy Unit" on a
        line of its own, then its paragraphs), up to the next heading line."""
        if self._sections is not None:
            return self._sections
        self._sections, current = {}, None
        sents = self.sentences
        for sent in sents:
            alone = (sent.start == 0 or self.text[sent.start - 1] == "\n") and (
                sent.end >= len(self.text) or self.text[sent.end] == "\n"
            )
            if alone and len(sent.text.split()) <= 7 and sent.text[-1:] not in ".?!;," and sent.index > 0:
                if LIST_ITEM.match(sent.text) and any(
                    0 <= k < len(sents) and LIST_ITEM.match(sents[k].text) for k in (sent.index - 1, sent.index + 1)
                ):
                    continue  # an item of a list, not the title of a section
                key = self.resolve_unit_text(SECTION_NUMBER.sub("", sent.text).strip(" :[]【】"))
                ok = key and self.entities[key].kind == "unit" and key != self.main_unit
                current = key if ok and key not in self.partner_keys else None
                continue
            if current:
                self._sections[sent.index] = current
        return self._sections

    def _in_hospital_paragraph(self, sent: Sentence) -> bool:
        """Is the sentence in a paragraph that opened about the hospital ("Our hospital was founded in 1958. ...
        Every year there are 2.6 million visits.") and has named no unit as a subject since?"""
        if ANAPHORA.match(sent.text.lstrip(" \"'([")):
            return False  # "The center, formerly ..., was set up in 1983": the unit
        k = sent.index - 1
        while k >= 0:
            before = self.sentences[k]
            if before.heading or PARAGRAPH_BREAK.search(self.text, before.end, self.sentences[k + 1].start):
                return False
            named = self._named_subject(before)
            if named is not None:
                return named == self.hospital_key
            if ANAPHORA.match(before.text.lstrip()) or IT_STARTS.match(before.text):
                return False
            k -= 1
        return False

    def _named_subject(self, sent: Sentence) -> str | None:
        for org in sent.orgs:
            if org.start > 40:
                break
            prefix = sent.text[: org.start].lower()
            if AFTER_PREPOSITION.search(prefix) or prefix.count("(") > prefix.count(")"):
                continue  # "... with the X Unit", "Inpatient wards: 2 (Ward 7A, ...)": not what the sentence is about
            if PRONOUN_SUBJECT.match(prefix):
                continue  # "It has 126 beds, of which the X Unit has 12": the sentence is about what "it" is
            if _anaphoric_subject(prefix):
                return self.main_unit or self.default_subject  # "The centre runs a Teenage Unit, ..."
            owned = self._possessed_unit(sent, org)
            if owned:
                return owned
            key = self.resolve_unit_text(org.text)
            if key and self.entities[key].kind in ("unit", "hospital") and key not in self.partner_keys:
                return key
        if HOSPITAL_SUBJECT.match(sent.text):
            return self.hospital_key
        m = LOWERCASE_SUBJECT.match(sent.text)
        if m:  # "The nuclide therapy ward was opened in 2013": a sub-unit the text has named before
            key = self.resolve_unit_text(m.group("name"))
            if key and self.entities[key].kind == "unit" and key not in self.partner_keys:
                return key
        return None


#: a sentence opening with a unit named in lower case: "The nuclide therapy ward was opened in 2013 ..."
LOWERCASE_SUBJECT = re.compile(
    r"\W*(?:the|its|our)\s+(?P<name>(?:[a-z][\w/-]*\s+(?:and\s+)?){1,5}(?:ward|unit|room|center|centre|"
    r"laboratory|clinic|section|division|group|department))\b(?!\s+of\b)",
    re.IGNORECASE,
)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
#: a capitalised run that is no unit's name: a verb before an article ("Leading the Institute", "Become the X
#: Center"), a number first ("3 of the Ward Block"), brackets or a comma inside ("X Ward),112"), a roman
#: numeral's section title ("I. Department")
NOT_A_UNITS_NAME = re.compile(
    r"^(?:[A-Z][a-z]+ing|Become|Became|Join|Joined|Visit|Contact|Call)\s+(?:the|our|a|an)\b|^\d|[(),]|^[IVX]{1,4}\.\s"
    # a head word and one capitalised word that is no number or letter: a table's header ("Service Figure")
    r"|^(?:Service|Department|Unit|Ward|Centre|Center|Division|Section)\s+"
    r"(?!(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|[IVX]+)$)[A-Z][a-z]+$"
)
#: a government's department, not a hospital's: "Jilin Provincial Department of Science and Technology"
GOVERNMENT_BODY = re.compile(
    r"\b(?:Provincial|Municipal|Prefectural|National|State|Federal|Regional|County|City)\s+(?:Department|Bureau)\b|"
    r"\bDepartment\s+of\s+(?:Science|Health|Education|Finance|Human\s+Resources|Civil\s+Affairs|Public\s+Security)\b|"
    r"\bAccreditation\s+Service\b"
)
PLURAL_HEAD_FIRST = re.compile(r"(?:units|wards|departments|divisions|sections|centres|centers|services)\b", re.I)
#: the number or bracket before a section's title: "III. ", "(2) ", "2. ", "【"
SECTION_NUMBER = re.compile(r"^\W*(?:[IVX]{1,4}\.|\(?\d{1,2}[.)、])?\s*")
#: a sentence whose subject is a pronoun: a unit named after it is not what the sentence is about
PRONOUN_SUBJECT = re.compile(
    r"\W*(?:it|they|we)\s(?!(?:is|was|has\s+been)\s+(?:understood|reported|said|known|learned|learnt|noted)\b)"
)
#: a sentence about what the sentence before named: "It has 3 wards", "It also runs ..."
IT_STARTS = re.compile(r"\W*It\s+(?:also\s+)?(?:has|had|is|was|runs|manages|carries|performs|treats|offers|owns)\b")

ROLE_OF_BARE_HEAD = re.compile(
    r"(?:(?:deputy|vice|associate|acting|clinical)\s+)?(?:head|director|chief|leader|manager|lead)\s+of\s+(?:the\s+)?"
    r"(?:department|center|centre|ward|division|unit|section|service)$",
    re.IGNORECASE,
)
POSSESSED_UNIT = re.compile(
    r"\s*['’]s?\s+((?:[\w-]+\s+(?:and\s+)?){0,5}?(?:department|center|centre|ward|division|unit|section))\b",
    re.IGNORECASE,
)


#: "Oakvale University Medical Center", "Pine Hill Medical Center": a hospital's name (US usage)
MEDICAL_CENTER = re.compile(r"^(?:[A-Z][\w'.&-]*\s+){1,5}Medical\s+Cent(?:er|re)$")


def _is_medical_center(name: str) -> bool:
    """A proper name + 'Medical Center' is a hospital; a specialty + 'Medical Center' ("Cancer Medical Center",
    "Tumor Medical Center") is a unit."""
    if not MEDICAL_CENTER.match(name):
        return False
    words = name.split()[:-2]
    return not any(SPECIALTY_WORDS.search(w) or lex.token_norm(w.lower()) in _SPECIALTY_NOUNS for w in words)


_SPECIALTY_NOUNS = {"cancer", "tumor", "tumour", "heart", "eye", "chest", "breast", "kidney", "liver", "lung", "brain"}


def _names_a_role(lexicon, name: str) -> bool:
    """'Nurse Unit Manager': a name that ends, after its head noun, in a role of the vocabulary."""
    if name.split()[-1].lower() in mn.ORG_HEADS:
        return False
    return any(m.kind == "role" and m.end == len(name) for m in mn.phrase_concepts(lexicon, name))


def _part_head(part: str) -> str:
    """The head word of a part of a title: its organisation head noun, else its last word."""
    words = [lex.token_norm(w) for w in part.lower().split()]
    return mn._head_of(words) if any(w in mn.ORG_HEADS for w in words) else words[-1]


def _anaphoric_subject(prefix: str) -> bool:
    """'the centre runs a ': the sentence's subject is the document's unit, named back before any other unit."""
    return bool(re.match(r"\W*(?:[\w-]+\W+){0,3}?" + ANAPHORA.pattern + r"\s+(?!of\b)[a-z]", prefix, re.IGNORECASE))


def _better_name(new: str, old: str) -> bool:
    """Prefer a name in title case over one in lower case, and a longer one over a shorter one."""
    if new[:1].isupper() and not old[:1].isupper():
        return True
    return new[:1].isupper() == old[:1].isupper() and len(new) > len(old) and new.lower().startswith(old.lower())


def _same_org(ent: Entity, name: str) -> bool:
    """'X Hospital', 'X Hospital of Y University' and 'X Hospital, Y University' are one organisation."""
    names = {ent.name or ""} | ent.aliases
    core = _core_name(name)
    return any(_core_name(n) == core and core for n in names)


@lru_cache(maxsize=100_000)
def _core_name(name: str) -> str:
    low = unit_key(name)
    parts = _OF_OR_COMMA.split(low, maxsplit=1)
    head = parts[0]
    # a core must name something distinctive: "cancer-hospital" or "first-affiliated-hospital" alone is too generic
    if len(head.split("-")) < 2 or all(w in GENERIC_NAME_WORDS for w in head.split("-")):
        return low
    return head


_OF_OR_COMMA = re.compile(r"-of-|,")

#: words that many hospitals' names share, so that a name made only of them names no hospital in particular
GENERIC_NAME_WORDS = frozenset(
    "the first second third fourth fifth sixth seventh eighth ninth tenth affiliated people people's s cancer tumor "
    "tumour general central city county provincial municipal university teaching children children's women women's "
    "maternal maternity and hospital hospitals medical clinical memorial community district regional national "
    "military army chinese traditional medicine".split()
)


def short_hospital_name(name: str) -> str:
    """'X Hospital of the Y University' is called 'X Hospital' when 'X Hospital' names it on its own."""
    m = re.match(r"^(.*?\bHospital)(?:\s+of\s+(?:the\s+)?|,\s*)(.+)$", name)
    if m and _core_name(name) != unit_key(name):
        return m.group(1)
    return name


AWARDED_AS = re.compile(
    r"\b(?:named|designated|accredited|approved|awarded|rated|selected|recogni[sz]ed|listed|certified|honou?red|"
    r"became|won|received)\s+(?:as\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)

#: "Hospital Profile", "Hospital Introduction": a heading, not a name ("Hospital of X" is a name)
NOT_A_HOSPITAL_NAME = re.compile(r"^Hospitals?\s+(?!of\b)", re.IGNORECASE)

#: "... of [the] Capitalised Words Hospital ...": where a unit's name ends and its hospital's begins
_HOSPITAL_WORD = re.compile(r"\b(?:Hospital|Infirmary|H[ôo]pital)\b")
_OF_HOSPITAL = re.compile(
    r"\s+of\s+(?:the\s+)?(?=(?:[A-Z0-9][\w'&-]*\s+)*(?:Hospital\b|(?:[A-Z][\w'&-]*\s+)Medical\s+Cent(?:er|re)$))"
)


def _unit_part(name: str) -> tuple[str | None, str | None]:
    """Split 'Department of X of Y Hospital' / 'X Center of Y Hospital' into the unit and its hospital."""
    m = _OF_HOSPITAL.search(name)
    if m and not _HOSPITAL_WORD.search(name[: m.start()]):
        return name[: m.start()], name[m.end() :]
    if _HOSPITAL_WORD.search(name):
        return None, name
    return name, None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen = set()
    out = []
    for f in facts:
        key = (f.kind, f.subject, str(f.value), f.detail)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def extract(doc_slug: str, text: str, *, title: str | None = None) -> Extraction:
    """Every fact one document states, each with its sentence."""
    from hkg.graph.normalise import normalise, sentences

    lexicon = lex.load()
    norm = normalise(text)
    sents = []
    for i, s in enumerate(sentences(norm.text)):
        ostart, oend = norm.original_span(s.start, s.end)
        sentence = Sentence(i, s.text, s.start, s.end, Evidence(ostart, oend, s.text))
        tokens = lex.make_doc(lexicon, s.text)
        sentence.doc = tokens
        sentence.tokens = words = mn.Tokens.of(tokens, s.text)
        found = mn.concept_mentions(lexicon, tokens, words)
        sentence.concepts = found + coordinated_mentions(lexicon, s.text, {m.ref for m in found})
        sentence.concepts += shared_modifier_mentions(lexicon, s.text, sentence.concepts)
        sentence.orgs = mn.org_mentions(words)
        sentence.places = mn.place_mentions(words)
        sentence.people = mn.person_candidates(words)
        sents.append(sentence)
    if not sents:
        return Extraction(doc_slug, {}, [])
    _split_nested_names(sents)
    reader = DocumentReader(doc_slug, norm.text, sents, title=title)
    reader.abbreviations = _abbreviated_units(sents)
    return reader.read()


#: "the Cancer Pain Ward of the Department of Pain Medicine": a named unit of a named unit, read as one capitalised run
NESTED_NAME = re.compile(
    r"(?P<child>(?:[A-Z][\w'-]*\s+(?:and\s+)?){1,5}(?:Ward|Unit|Center|Centre|Section|Group|Laboratory|Room|Team|Clinic))"
    r"(?P<of>\s+of\s+(?:the\s+)?)(?P<parent>(?:Department|Division|Centre|Center|Institute)\s+of\s+\S.*|"
    r"(?:[A-Z][\w'-]*\s+(?:and\s+)?){1,5}(?:Department|Division|Institute)\b.*)"
)


def _split_nested_names(sents: list[Sentence]) -> None:
    """Cut a name like 'Cancer Pain Ward of the Department of Pain Medicine' into the two units it names (the
    history rule reads the first as part of the second)."""
    for sent in sents:
        for o in list(sent.orgs):
            m = NESTED_NAME.fullmatch(o.text)
            if m is None:
                continue
            child_words, parent_words = m.group("child").lower().split(), m.group("parent").lower().split()
            if not any(w in mn.ORG_HEADS for w in child_words) or not any(w in mn.ORG_HEADS for w in parent_words):
                continue
            child_end, parent_start = o.start + m.end("child"), o.start + m.start("parent")
            child = mn.Mention("org", o.start, child_end, m.group("child"), mn._head_of(child_words))
            parent = mn.Mention("org", parent_start, o.end, m.group("parent"), mn._head_of(parent_words))
            i = sent.orgs.index(o)
            sent.orgs[i : i + 1] = [child, parent]
            sent.nested.append((child.text, parent.text))


#: "the Respiratory Intensive Care Unit (RICU)": an abbreviation a unit's name defines
DEFINED_ABBREVIATION = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z]{1,7})\)")


def _initials_fit(abbr: str, name: str) -> bool:
    """The abbreviation's capitals are the name's initials in order ('RICU' of 'Respiratory Intensive Care Unit',
    'NICU' of 'Neonatal Intensive Care Unit'; a word's inner capitals count too)."""
    letters = [c for c in abbr if c.isupper()]
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "and", "the", "for")]
    if len(letters) < 2 or not words or letters[0] != words[0][0].upper():
        return False
    i = 0
    for w in words:
        for c in w[0].upper() + "".join(ch for ch in w[1:] if ch.isupper()):
            if i < len(letters) and c == letters[i]:
                i += 1
    return i == len(letters)


def _abbreviated_units(sents: list[Sentence]) -> dict[str, str]:
    """A unit named by the abbreviation its name defined earlier ('the RICU has twelve beds') is a mention of that
    unit: the bare abbreviation is added to the sentence's organisations, to be resolved as the full name is."""
    defined: dict[str, tuple[str, str]] = {}
    for sent in sents:
        for o in sent.orgs:
            m = DEFINED_ABBREVIATION.match(sent.text, o.end)
            if m and o.ref in mn.UNIT_HEADS and _initials_fit(m.group("abbr"), o.text):
                defined.setdefault(m.group("abbr"), (o.text, o.ref))
    if not defined:
        return {}
    alternatives = "|".join(map(re.escape, sorted(defined, key=len, reverse=True)))
    pattern = re.compile(r"(?<![\w(-])(?:" + alternatives + r")(?![\w)-])")
    for sent in sents:
        added = []
        for m in pattern.finditer(sent.text):
            inside = next((o for o in sent.orgs if o.start <= m.start() < o.end), None)
            if inside is not None:
                joined = re.search(r"\s+and\s+(?:the\s+)?$", sent.text[inside.start : m.start()])
                words = sent.text[inside.start : inside.start + (joined.start() if joined else 0)].lower().split()
                if joined is None or m.end() != inside.end or not any(w in mn.ORG_HEADS for w in words):
                    continue
                # "the Pulmonary Function Laboratory and the RICU": two units, not one name
                cut = inside.start + joined.start()
                sent.orgs[sent.orgs.index(inside)] = mn.Mention(
                    "org", inside.start, cut, sent.text[inside.start : cut], mn._head_of(words)
                )
            added.append(mn.Mention("org", m.start(), m.end(), m.group(0), defined[m.group(0)][1]))
        if added:
            sent.orgs = sorted(sent.orgs + added, key=lambda o: o.start)
    return {abbr: name for abbr, (name, _head) in defined.items()}


COORDINATION = re.compile(
    r"\b((?:[a-z-]+ ){0,2}?)([a-z]+)(?:,| and| or|, and) ([a-z]+) ((?:[a-z-]+ ){0,5}[a-z-]+)", re.IGNORECASE
)


#: words that qualify a coordinated head without naming a kind of it ("laparoscopic and open standardized radical
#: operation" is a laparoscopic and an open radical operation)
FILLER = re.compile(
    r"\b(?:standardi[sz]ed|comprehensive|routine|precise|accurate|individuali[sz]ed|advanced|modern)\s+", re.IGNORECASE
)

#: "esophageal, lung, and mediastinal tumors": a list of modifiers sharing one head
LIST_COORDINATION = re.compile(r"\b([a-z]+(?:, [a-z]+)+,? (?:and|or) [a-z]+) ((?:[a-z-]+ ){0,3}[a-z-]+)", re.IGNORECASE)


#: "valve repair and replacement": a second head after a term, sharing the term's words before its head
SECOND_HEAD = re.compile(r"\s+(?:and|or|&)\s+([a-z][a-z-]+)\b(?!\s+(?:of|for)\b)")


def shared_modifier_mentions(lexicon, text: str, found: list[mn.Mention]) -> list[mn.Mention]:
    """Concepts named by a second head that shares a term's modifiers: 'valve repair and replacement' names valve
    replacement too, 'lung segmentectomy and lobectomy' a lung lobectomy (when the vocabulary has that label)."""
    known = {m.ref for m in found}
    out = []
    for m in found:
        words = m.text.split()
        second = SECOND_HEAD.match(text, m.end)
        if len(words) < 2 or second is None or m.kind not in ("procedure", "condition", "equipment"):
            continue
        phrase = " ".join([*words[:-1], second.group(1)])
        hits = [f for f in mn.phrase_concepts(lexicon, phrase) if f.start == 0 and f.end == len(phrase)]
        hits = [f for f in hits if f.kind == m.kind and f.ref not in known and not lexicon.is_broad(f.ref)]
        if hits:
            known.add(hits[0].ref)
            out.append(mn.Mention(m.kind, m.start, second.end(1), text[m.start : second.end(1)], hits[0].ref))
    return out


def coordinated_mentions(lexicon, text: str, known: set[str]) -> list[mn.Mention]:
    """Concepts named through coordination: 'laparoscopic left and right hemicolectomy' names both; the mention's
    span is the whole coordinated phrase. `known`: the concepts the sentence already names plainly."""
    known = set(known)
    out = []
    for m in LIST_COORDINATION.finditer(text):
        for word in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1)):
            phrase = f"{word} {m.group(2)}"
            if not lexicon.may_begin(phrase):  # no label starts there: spare the tokenizer
                continue
            found = [f for f in mn.phrase_concepts(lexicon, phrase)]
            # a label that starts at the word and takes in the shared head ("esophageal ... tumors")
            found = [f for f in found if f.start == 0 and f.end > len(word) + 1 and not lexicon.is_broad(f.ref)]
            if found:
                best = max(found, key=lambda f: f.end)
                if best.ref not in known:
                    known.add(best.ref)
                    out.append(mn.Mention(best.kind, m.start(), m.end(), m.group(0), best.ref))
    for m in COORDINATION.finditer(text):
        prefix, first, second, rest = m.group(1), m.group(2), m.group(3), m.group(4)
        rest = FILLER.sub("", rest).strip() or rest
        for word in (first, second):
            for variant in (f"{prefix}{word} {rest}", f"{word} {rest}"):
                if not lexicon.may_begin(variant):
                    continue
                found = [f for f in mn.phrase_concepts(lexicon, variant) if f.start == 0]
                # the label takes in the shared words: "pancreaticoduodenectomy, radical resection" names no
                # "pancreaticoduodenectomy resection"
                found = [f for f in found if f.end > len(variant) - len(rest) and not lexicon.is_broad(f.ref)]
                if not found:
                    continue
                best = max(found, key=lambda f: f.end)
                if best.ref not in known:
                    known.add(best.ref)
                    out.append(mn.Mention(best.kind, m.start(), m.end(), m.group(0), best.ref))
                break
    return out
