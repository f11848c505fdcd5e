"""The fact rules: each reads one sentence (with its tokens and mentions) and states facts about the
document's entities. Cue words are data (tuples and patterns at the top); rules are small functions.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from hkg.graph import lexicon as lex
from hkg.graph import mentions as mn
from hkg.graph.facts import fact
from hkg.graph.iris import slug
from hkg.graph.normalise import LIST_ITEM
from hkg.graph.numbers import number_spans

# ---------------------------------------------------------------- cue vocabularies
STAFF_NOUNS = (
    "staff",
    "personnel",
    "personel",
    "employees",
    "workers",
    "members of staff",
    "medical workers",
    "health workers",
)
ROLE_NOUN = re.compile(
    r"^(?!(?:assist|consist|exist|insist|persist|resist|list|twist)s?$)"  # verbs and nouns in -ist that name nobody
    r"(?:doctors?|physicians?|\w*surgeons?|nurses?|specialists?|professors?|technicians?|pharmacists?|"
    r"researchers?|experts?|tutors?|supervisors?|academicians?|residents?|fellows?|postdoctor\w*|"
    r"\w+ologists?|\w+icians?|\w+itians?|\w+ists?|master'?s?|doctoral|doctorate|ph\.?d\.?|postgraduates?|"
    r"graduates?|degrees?|attendings?|consultants?|therapists?|radiologists?|midwives|midwife|anesthetists?|"
    r"registrars?|\w+graphers?|providers?|practitioners?|trainees?|coordinators?|interns?)$",
    re.IGNORECASE,
)
#: "300 interventional doctors have been trained": people the unit trained or sent, a figure and not its staff
TRAINED_AFTER = re.compile(
    r"\s+(?:(?!(?:and|or)\s)[A-Za-z'-]+\s+){0,5}?(?:(?:have|has|had|were|was|are|is|being)\s+)?(?:been\s+)?"
    r"(?:trained|sent|admitted|taught|enrolled|recruited|attracted|cultivated)\b",
    re.IGNORECASE,
)
#: a count's words that start with a preposition name no rank ("founded in 1972 by professor X")
PREPOSITION_START = re.compile(r"(?:by|in|at|from|to|since|until|on)\b", re.IGNORECASE)
DEGREE_WORDS = re.compile(r"degree|ph\.?d|doctorate|master|doctoral|m\.d\.|postgraduate", re.IGNORECASE)
QUALIFIERS = (
    "more than",
    "over",
    "about",
    "approximately",
    "around",
    "nearly",
    "almost",
    "up to",
    "at least",
    "less than",
    "fewer than",
    "exceeding",
    "above",
    "under",
    "close to",
    "roughly",
    "some",
)
FLOW = re.compile(
    r"\b(?:per (?:year|annum|month|day)|every (?:year|month|day)|each (?:year|month)|annually|yearly)\b", re.IGNORECASE
)
PERIOD = re.compile(
    r"\b(?:per (?:year|annum|month|day)|every (?:year|month|day)|each (?:year|month)|annually|a year|yearly|"
    r"(?:in|over|during) the (?:past|last|recent) (?:\w+ )?(?:years?|months?)|currently|so far|to date|"
    r"at present)\b",
    re.IGNORECASE,
)
NOT_A_QUANTITY_BEFORE = {
    "iodine",
    "i",
    "phase",
    "stage",
    "type",
    "grade",
    "level",
    "class",
    "no",
    "number",
    "version",
    "room",
    "floor",
    "building",
    "generation",
    "top",
    "covid",
    "iso",
}
NOT_A_MEASURE = re.compile(
    r"^(?:years?|decades?|months?|weeks?|days?(?!\s+(?:operations?|surger(?:y|ies)|cases|procedures|admissions))|"
    r"hours?|times?|-|/|hole|holes|step|steps|dimensional|level|levels|"
    r"class|stage|generation|year-old|o'clock|minutes?|square|of the|of our|of them)\b"
    # how many units, groups or campuses a unit is made of: its structure, not an activity or outcome
    r"|^(?:[a-z-]+\s+){0,3}?(?:groups?|campus(?:es)?|teams?|subspecialties|specialties|departments?|divisions?|"
    r"units?|sub-units?|subunits?)\b(?!\s+of\b)",
    re.IGNORECASE,
)
STOP_MEASURE = {
    "and",
    "were",
    "was",
    "is",
    "are",
    "have",
    "has",
    "had",
    "which",
    "that",
    "who",
    "in",
    "to",
    "by",
    "with",
    "from",
    "at",
    "for",
    "can",
    "will",
    "been",
    "be",
    "while",
    "each",
    "every",
    "per",
    "annually",
    "more",
    "than",
    "about",
}
FOUNDED = re.compile(
    r"\b(?:was|were|is|has been|had been)?\s*(?:founded|established|set up|built|opened|created|inaugurated)"
    r"\s+in\s+(?:the\s+year\s+)?((?:1[89]|20)\d\d)\b"
    # "the department started in 1978": a unit that started (began, commenced) in a year
    r"|\b(?:department|centre|center|unit|ward|division|clinic|hospital|institute|^\W*it)\s+(?:was\s+)?"
    r"(?:started|began|commenced)\s+in\s+((?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)
#: "founded in 1948 as the Xiling Mission Clinic": the name a unit or hospital was founded under
#: ("started in 2007 as the infertility clinic of ...", "began as the Hearing Assessment Clinic": the same, in other
#: words, and a unit named in lower case by its head word)
FOUNDED_AS = re.compile(
    r"\b(?:founded|established|set up|opened|created|started|began|commenced)(?:\s+in\s+(?:1[89]|20)\d\d)?\s+as\s+"
    r"(?:the\s+|an?\s+)?(?P<name>[A-Z][\w'-]*(?:\s+(?:of|and|for|the|[A-Z][\w'-]*))*\s+[A-Z][\w'-]*|"
    r"(?:[a-z][\w'-]*\s+){1,3}(?:clinic|group|unit|ward|section|team|office|laboratory|service|dispensary)\b)"
)
#: the head words of a unit's old name
OLD_UNIT_NAME = re.compile(
    r"\b(?:department|centre|center|unit|ward|division|section|clinic|dispensary|group|laboratory|institute|service)\b",
    re.IGNORECASE,
)
#: "when the Hospital Dispensary was renamed the Pharmacy Department": the old name of the unit named after it
RENAMED_THE = re.compile(
    r"\b(?P<old>[A-Z][\w'-]*(?:\s+(?:of|and|for|[A-Z][\w'-]*))*)\s+(?:was|were)\s+renamed\s+(?:as\s+|to\s+|into\s+)?"
    r"(?:the\s+)?(?P<new>[A-Z][\w'-]*(?:\s+(?:of|and|for|[A-Z][\w'-]*))*)"
)
#: "it was called X at that time", "was known as the X until 2004": a past name, said with a time that ended
CALLED_THEN = re.compile(
    r"\b(?:was|were)\s+(?:then\s+|once\s+|first\s+|initially\s+|originally\s+)?(?:called|known\s+as|named)\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w'-]*(?:\s+(?:of|and|for|the|[A-Z][\w'-]*))*)"
    r"(?=\s+(?:at\s+(?:that|the)\s+time|at\s+first|until|till|before|in\s+those\s+days)\b)"
)
#: "renamed as X, and in 2009 renamed again to Y": every name but the last of a chain of renamings is a past one
RENAMED_TO = re.compile(
    r"\brenamed(?:\s+again)?\s+(?:as|to|into)\s+(?:the\s+)?(?P<name>[A-Z][\w'-]*(?:\s+(?:of|and|for|the|[A-Z][\w'-]*))*)"
)
YEAR_CUE = re.compile(
    r"\b(?:in|since|from|by|until|as early as|of|year|early|late|mid)\s+(?:the\s+)?((?:1[89]|20)\d\d)(s)?\b",
    re.IGNORECASE,
)
SAME_YEAR = re.compile(r"\b(?:in )?the same year\b", re.IGNORECASE)
FORMER_NAME = re.compile(
    r"\b(?:formerly|previously|originally)\s+(?:known as|called|named|the|an?(?=\s))?\s*(?P<name>[^,;.]+?)"
    r"(?=\s*(?:,|;|\.|\bwas\b|\bis\b|\band\b|$))",
    re.IGNORECASE,
)
#: "Anaesthesia was originally a unit of the department": what it was part of, not a name it had
NOT_A_FORMER_NAME = re.compile(r"(?:unit|part|section|branch|division|group|subunit)\s+of\b", re.IGNORECASE)
#: "originally a neurosurgery group under the Department of General Surgery": the group is the former name; what it
#: was under is the predecessor, read on its own
UNDER = re.compile(r"\s+(?:under|within|affiliated\s+(?:to|with))\s+.*$", re.IGNORECASE)
SPLIT_FROM = re.compile(
    r"\b(?:(?:independent|separated|split|spun off|detached|derived|branched off|divided|hived off)\s+from|"
    r"(?:carved|spun|separated|split)\s+out\s+of)\s+(?:the\s+)?",
    re.IGNORECASE,
)
PART_OF = re.compile(
    r"\b(?:part|branch|component|subunit|subdivision|sub-department|section)\s+of\s+(?:the\s+)?", re.IGNORECASE
)
MEMBER_OF = re.compile(r"\bmember(?:\s+unit|\s+institution|\s+hospital)?\s+of\s+(?:the\s+)?", re.IGNORECASE)
AWARD = re.compile(
    r"\b(?:awarded|approved(?: as)?|rated(?: as)?|named(?: as)?|designated(?: as)?|recogni[sz]ed as|"
    r"accredited as|selected as|listed as|honou?red as|granted|certified as|appointed as)\s+(?!by\b)"
    r"(?!(?:beds?|posts?|positions?|staff|employees|budgets?|funds?)\b)"  # "2,180 approved beds": a count
    r"(?:the\s+|a\s+|an\s+)?(?P<what>.+?)(?:\s+by\s+(?:the\s+)?(?P<by>[^,;.]+?)(?:\s+in\s+(?:1[89]|20)\d\d)?)?"
    r"(?=[,;.]|$)",
    re.IGNORECASE,
)
KEY_DESIGNATION = re.compile(
    r"\b(?P<what>(?:national|provincial|municipal|ministerial|state)(?:[- ]level)?\s+key\s+"
    r"(?:clinical\s+)?(?:specialist\s+)?(?:specialt(?:y|ies)|specialities|disciplines?|departments?|"
    r"laborator(?:y|ies))(?:\s+of\s+[A-Z][\w ]+)?)",
    re.IGNORECASE,
)
KEY_OF_HOSPITAL = re.compile(
    r"\bone of the (?P<who>hospital|[A-Z][\w ]+?)(?:'s|s') key (?P<what>departments?|specialt(?:y|ies)|disciplines?)",
    re.IGNORECASE,
)
FIRST_OF = re.compile(
    r"\b(?:is|was|became|has become|remains)\s+(?:(?:also|now|still)\s+)*(?P<what>(?:one\s+of\s+)?the\s+"
    r"(?:first|largest|biggest|earliest|only|oldest|leading)\s+(?!to\b|time\b)[a-z][^,;.]*?\s+in\s+[^,;.]+)",
    re.IGNORECASE,
)
#: a first the unit achieved, told by what it did: "established the first obesity surgery center in western X",
#: "opened in 2017, the first human milk bank in X" (the place capitalised: "the first time in years" is none)
FIRST_IN = re.compile(
    r"(?:\b(?:established|opened|set\s+up|built|founded|performed|carried\s+out|completed|launched|introduced)"
    r"(?:\s+in\s+(?:19|20)\d\d)?\s+|[,:;]\s*)(?:as\s+)?the\s+(?P<what>first\s+(?!to\b|time\b|of\b)[a-z][\w-]*"
    r"(?:\s+[\w-]+){0,8}?\s+in\s+(?:(?:western|eastern|northern|southern|central|north|south|east|west|north-west|"
    r"north-east|south-west|south-east)\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
)
#: "the vice chairman unit of the X Association": a unit's seat in a professional body
SEAT_UNIT_OF = re.compile(
    r"\b(?:(?:vice|deputy|executive|standing)\s+)?(?:chairman|chair|president|director|leader|leading|"
    r"committee\s+member|council\s+member|secretary)\s+(?:unit|institution|hospital)\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)
#: "X is a key discipline of the region and the Y Center, approved by the Z in 2019": designations named first,
#: their grantor after
DESIGNATED_BY = re.compile(
    r"\b(?:is|was|became|has become)\s+(?:also\s+)?(?:a|an|the)\s+(?P<what>[^,;.]{4,160}?)\s*,?\s+"
    r"(?:approved|designated|awarded|named|accredited|certified|recogni[sz]ed|authori[sz]ed)\s+by\s+(?:the\s+)?"
    r"(?P<by>[A-Z][^,;.]*?)(?=\s+in\s+(?:1[89]|20)\d\d|[,;.]|$)"
)
ROLE_OF = re.compile(
    r"\b(?P<role>(?:deputy |vice |associate |executive |honorary |standing )?(?:director|head|chief|chairman|"
    r"chairwoman|chair|president|secretary[- ]general|secretary|dean|leader|member|committee member|"
    r"academic leader|discipline leader|professor)(?: general)?)\s+of\s+(?P<org>[^,;.:]+(?:,\s*(?-i:[A-Z])[^,;.]*"
    r"(?-i:Association|University|Society|Hospital|Commission|Academy|College|Committee))?)",
    re.IGNORECASE,
)
#: the degrees written after a name: "Li Ming, M.D., Ph.D."
DEGREE = r"M\.D\.|Ph\.D\.|MD|PhD|M\.S\.|MBBS|FRCS|FACS|MPH|RN"
LEADS = re.compile(
    rf"(?:\s*,\s*(?:{DEGREE}|DO)(?![\w.]))*"  # "Priya Rao, MD, directs ..."
    r"\s*(?:,\s*)?(?P<said>(?:has\s+)?(?:led|leads|heads|headed|directs|directed|chairs|has been leading)\s+"
    r"(?P<org>(?:the|this|our)\s+(?:(?:[\w-]+\s+){0,5}?(?:service|program|programme|department|center|centre|unit|"
    r"team|clinic|ward|division|laboratory|group|section)s?\b|\w+)))",  # "leads the Interstitial Lung Disease service"
    re.IGNORECASE,
)
REPORTS = re.compile(r"(?P<names>(?:[A-Z][a-z]+ (?:and )?){2,6})reports?\b")
EDITOR = re.compile(
    r"\b(?P<role>editor(?: in charge)?|editors?|reporters?|correspondents?)\s*:\s*\[?(?P<name>[A-Z][a-z]+"
    r"(?: [A-Z][a-z]+){1,2})\]?",
    re.IGNORECASE,
)
QUALIFICATION = re.compile(r"\b(M\.D\.|Ph\.D\.|MD|PhD|M\.S\.|MBBS|FRCS|FACS)(?=\W|$)")
PROGRAMME_HEADS = {
    "clinic": "clinic",
    "clinics": "clinic",
    "school": "patient school",
    "association": "patient association",
    "class": "training programme",
    "course": "training programme",
    "forum": "forum",
    "summit": "forum",
    "symposium": "forum",
    "salon": "forum",
    "club": "patient association",
    "group": "patient association",
    "meeting": "forum",
    "programme": "training programme",
    "program": "training programme",
    "fellowship": "training programme",
    "camp": "training programme",
    "workshop": "training programme",
    "base": "training programme",
}
FACILITY_HEADS = {
    "room": "facility",
    "laboratory": "facility",
    "lab": "facility",
    "theatre": "facility",
    "platform": "facility",
    "bank": "facility",
    "suite": "facility",
}
PROGRAMME_LIST = re.compile(
    r"\b(?:activities|programmes|programs|services|projects|events)\s+(?:such as|including|like)\s+(?P<items>[^.;]+)",
    re.IGNORECASE,
)
NP_STOP = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "is", "was", "are",
    "were", "has", "have", "had", "be", "been", "also", "out", "carried", "established", "set", "up", "built",
    "opened", "which", "that", "this", "these", "its", "their", "our", "we", "it", "as", "such", "earlier",
    "through", "can", "could", "directly", "provide", "annual", "etc", "they", "he", "she", "you", "i", "them",
    "use", "uses", "used", "often", "conduct", "conducts", "hold", "holds", "held", "host", "hosted", "organize",
    "organized", "first", "second", "third", "new", "many", "various", "some", "each", "every", "all", "want",
    "change", "do", "did", "does", "more", "most", "further", "other", "only", "well", "said", "whose", "his", "her",
}  # fmt: skip
#: "the program's post-transplant clinic", "the department's laparoscopic surgery": the owner's possessive opens
#: no name (but "Women's Health Clinic", "children's asthma clinic" keep theirs)
OWNER_POSSESSIVE = re.compile(
    r"(?:program|programme|department|hospital|center|centre|unit|division|team|service|institute|university|"
    r"clinic|ward|group)'s",
)
OWNER_POSSESSIVE_LEAD = re.compile(rf"^{OWNER_POSSESSIVE.pattern}\s+")


# ---------------------------------------------------------------- helpers
def _qualifier_before(text: str, pos: int) -> str | None:
    before = text[:pos].lower().rstrip()
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if before.endswith(q):
            return q
    return None


def _words_after(text: str, pos: int, limit: int = 8) -> list[str]:
    return re.findall(r"[A-Za-z][\w'.-]*|[,;%]", text[pos:])[:limit]


LIST_NUMBER_START = re.compile(r"\s*\(?\d{1,2}[.)](?=\s)")


def numbers_in(sent):
    """The numbers of a sentence, found once per sentence (the capacity and figure rules both read them)."""
    nums = getattr(sent, "_numbers", None)
    if nums is None:
        item = LIST_NUMBER_START.match(sent.text)  # "2. Paediatric Surgery Unit": the item's number counts nothing
        nums = [n for n in number_spans(sent.text) if n.value is not None and not (item and n.end <= item.end())]
        sent._numbers = nums
    return nums


def _claimed(reader, sent) -> set[tuple[int, int]]:
    claimed = getattr(sent, "_claimed", None)
    if claimed is None:
        claimed = set()
        sent._claimed = claimed
    return claimed


def is_programme_name(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and words[-1] in PROGRAMME_HEADS and words[-1] not in ("clinic", "clinics")


def belongs_to_body(sent, org) -> bool:
    """'Division of X, Some Association': a unit of an association, not of a hospital."""
    tail = sent.text[org.end : org.end + 80]
    return bool(
        re.match(r"\s*,\s*(?:the\s+)?[A-Z][\w -]*(?:Association|Society|Federation|Alliance|League)", tail)
    ) or (org.ref == "division")


ADJECTIVAL = {
    "advanced", "assisted", "guided", "combined", "extended", "localized", "specialized", "integrated", "enhanced",
    "targeted", "modified", "augmented", "accelerated", "navigated", "supervised", "detailed", "experienced",
    "programmed", "computed", "video-assisted", "robot-assisted", "image-guided", "ultrasound-guided", "standardized",
    "ring", "sling", "string", "hearing", "screening", "staging", "imaging", "pacing", "training", "nursing",
    "counseling", "counselling", "operating", "monitoring", "testing", "consulting", "teaching", "dressing",
    # gerunds that name an activity before a noun: "smoking cessation clinic", "sleep breathing monitoring room"
    "smoking", "breathing", "sleeping", "swallowing", "feeding", "bleeding", "ageing", "aging", "learning",
    "scanning", "drinking", "eating", "walking", "stuttering",
}  # fmt: skip
VERBS = {
    "receive", "receives", "become", "becomes", "perform", "performs", "carry", "carries", "conduct", "conducts",
    "implement", "implements", "promote", "promotes", "apply", "applies", "adopt", "adopts", "provide", "provides",
    "offer", "offers", "achieve", "achieves", "include", "includes", "whose", "after", "before", "during", "under",
    "about", "than", "such", "including", "treats", "completes", "operates", "has", "have", "runs", "uses",
    "focuses", "specializes", "undertakes",
}  # fmt: skip


def _verb_like(word: str) -> bool:
    if word[:1].isupper():
        return False
    low = word.lower()
    if low in VERBS:
        return True
    if low in ADJECTIVAL:
        return False
    return (low.endswith("ed") or low.endswith("ing") or low.endswith("ly")) and len(low) > 4


WORD = re.compile(r"[A-Za-z][\w'-]*")
HEAD_WORD = re.compile(r"[A-Za-z][\w-]*")
LETTERS = re.compile(r"[A-Za-z]+")
PHRASE_BREAK = re.compile(r"[,;:.()\"\[\]]")


def _np_before(text: str, end: int, max_words: int = 6) -> tuple[int, str]:
    """The noun phrase ending at `end` (lowercase or capitalised words, no function words)."""
    words = list(WORD.finditer(text, max(0, end - 160), end))
    keep = []
    for m in reversed(words):
        if m.group(0).lower() in NP_STOP or len(keep) >= max_words or (keep and _verb_like(m.group(0))):
            break
        if OWNER_POSSESSIVE.fullmatch(m.group(0)):
            break
        between = text[m.end() : keep[0].start()] if keep else text[m.end() : end]
        if PHRASE_BREAK.search(between):
            break
        keep.insert(0, m)
    if not keep:
        return end, ""
    return keep[0].start(), text[keep[0].start() : end]


# ---------------------------------------------------------------- capacity and staff
BEDS_AFTER = re.compile(r"\s*(?:-\s*)?(?:[a-z-]+\s+){0,2}beds?\b")
DAYS_AFTER = re.compile(r"\s*(?:-\s*)?days?")
WARDS_AFTER = re.compile(r"\s*(?:[a-z-]+\s+){0,1}wards?\b")
NURSING_UNITS_AFTER = re.compile(r"\s*nursing units?\b")
DEPARTMENTS_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,5}(?:departments|specialties)\b")
STAFF_AFTER = re.compile(r"\s*(?:[a-z]+\s+(?:and\s+)?){0,3}(?:" + "|".join(STAFF_NOUNS) + r")\b")
STAFF_OF_BEFORE = re.compile(r"\b(?:staff|personnel|team|workforce)\s+of\s+$")
CLAUSE_END_AFTER = re.compile(r"\s*(?:,|\.|$)")


def capacity(reader, sent) -> None:
    subject = reader.subject_of(sent)
    if subject is None:
        return
    period = FLOW.search(sent.text)
    claimed = _claimed(reader, sent)
    nums = numbers_in(sent)
    label = COUNT_LABEL.match(sent.text)  # "Inpatient beds: 64", "Consultants: 5": a table's line
    total_seen = False  # has the sentence given its staff total yet
    for i, n in enumerate(nums):
        if n.value != int(n.value) or n.value < 0:
            continue
        after = sent.text[n.end : n.end + 60].lower()
        labelled = (
            label is not None
            and n.start == label.end()
            and bool(COUNT_ITEM_END.match(sent.text, n.end) or sent.text[n.end :].lstrip().startswith("("))
        )
        if labelled:
            after = " " + label.group("label").lower()
        prop = None
        if BEDS_AFTER.match(after) and not DAYS_AFTER.match(after):
            prop = None if _counts_devices(sent, n) else "bedCount"  # "6 laminar flow beds" are devices
        elif WARDS_AFTER.match(after):
            prop = "wardCount"
        elif NURSING_UNITS_AFTER.match(after):
            prop = "nursingUnitCount"
        elif DEPARTMENTS_AFTER.match(after) and subject == reader.hospital_key:
            prop = "departmentCount"
        elif STAFF_AFTER.match(after) and not period:
            prop = "staffTotal"
        if prop is None and STAFF_OF_BEFORE.search(sent.text[: n.start].lower()):
            prop = None if _team_of_ranks(sent.text, n, nums[i + 1] if i + 1 < len(nums) else None) else "staffTotal"
        if prop == "staffTotal" and total_seen and (s := STAFF_AFTER.match(after)):
            # "68 staff: 31 pharmacists, ... and 7 administrative staff": a part of the total, by what they do
            role = sent.text[n.end : n.end + s.end()].strip()
            if role.split()[0].lower() not in ("medical", "staff", "employees", "people", "personnel"):
                _staff_count(reader, sent, subject, n, role)
                continue
        total_seen = total_seen or prop == "staffTotal"
        if prop:
            claimed.add((n.start, n.end))
            owner = _bed_unit(reader, sent, n) if prop == "bedCount" else None
            reader.facts.append(fact("capacity", owner or subject, int(n.value), sent.evidence, property=prop))
            continue
        if period or n.is_year_like and CLAUSE_END_AFTER.match(after):
            continue
        role = (
            (_role_phrase(reader, label.group("label")) if labelled else None)
            or _role_before_count(reader, sent.text, n)
            or _staff_role(sent.text, n, nums[i + 1] if i + 1 < len(nums) else None)
        )
        if role and (
            NOT_STAFF_BEFORE.search(sent.text[max(0, n.start - 40) : n.start])
            or TRAINED_AFTER.match(sent.text, n.end)
            or PREPOSITION_START.match(role)
        ):
            role = None  # "has trained more than 40 surgeons": people the unit served, not its staff
        if role:
            _staff_count(reader, sent, subject, n, role)


def _staff_count(reader, sent, subject: str, n, role: str) -> None:
    """A count of staff of one rank or kind, its number claimed from the other rules."""
    _claimed(reader, sent).add((n.start, n.end))
    concept = _role_concept(reader, role)
    reader.facts.append(fact("staff", subject, int(n.value), sent.evidence, role=role, concept=concept))


#: "(chief physicians 4, associate chief physicians 8)": a rank named before its count, the count ending the item
ROLE_BEFORE_COUNT = re.compile(r"(?:^|[(,;:]\s*|\band\s+)(?P<role>[a-z][a-z' -]{2,40}?)\s+$")
COUNT_ITEM_END = re.compile(r"\s*(?:[,;)]|and\b|\.(?:\s|$)|$)")
#: a label and a colon before a line's count: "Inpatient beds: 64", "Consultants: 5", "Nurses: 98 (including ...)"
COUNT_LABEL = re.compile(
    r"^\W*(?P<label>[A-Za-z][A-Za-z' -]{1,40}?)\s*:\s*(?:(?:about|around|approximately|nearly|over|more\s+than)\s+)?"
    r"(?=\d)"
)


#: "senior titles 6 people": the word a count of people may carry before its item ends
PEOPLE_AFTER = re.compile(r"\s+(?:people|persons)\b")


def _role_before_count(reader, text: str, n) -> str | None:
    people = PEOPLE_AFTER.match(text, n.end)
    if not COUNT_ITEM_END.match(text, people.end() if people else n.end):
        return None
    m = ROLE_BEFORE_COUNT.search(text, max(0, n.start - 45), n.start)
    return _role_phrase(reader, m.group("role")) if m else None


#: "a 12-bed bone marrow transplant unit", "a six-bed Sleep Unit": beds of the unit after them
BED_ADJECTIVE = re.compile(r"\s*-\s*beds?\s+")
#: "Lark Ward (24 beds)", "one intensive care unit (NICU) with eighteen beds": beds of the unit before them
BEDS_OF_BEFORE = re.compile(r"(?:\s*\((?:[A-Z]{2,6}\)\s+with\s+)?|\s+with\s+)$")
UNIT_BEFORE = re.compile(
    r"(?<![\w'-])(?P<name>(?:(?!(?:has|have|had|is|are|was|were|with|of|in|and|the|a|an|one|two|three|four|five|"
    r"six|its|our|their|this|that)\b)[a-z][\w'-]*\s+){1,5}(?:unit|ward|centre|center|room|area))(?:\s*\([A-Z]{2,6}\))?\s*$"
)


#: what stands between a unit's name and its bed count: "X (24 beds)", "X (ICU) with 12 beds", "X (RICU) has 12 beds"
BEDS_SAID_OF = re.compile(
    r"(?:\s*\(\s*|\s*\([A-Z]{2,6}\)\s+with\s+|\s+with\s+|(?:\s*\([A-Z]{2,6}\))?\s+(?:has|have|had)\s+)$"
)


def _bed_unit(reader, sent, n) -> str | None:
    """The unit a bed count belongs to when the count is said of a named unit beside it, not of the subject."""
    text = sent.text
    b = BED_ADJECTIVE.match(text, n.end)
    if b:
        org = next((o for o in sent.orgs if o.start == b.end() and o.ref in mn.UNIT_HEADS), None)
        if org is not None:
            return _unit_entity(reader, org.text, sent)
        m = LOWERCASE_UNIT.match(text, b.end())
        if m and m.group("name").split()[0] not in NUMBER_OR_ARTICLE and len(m.group("name").split()) >= 2:
            return _unit_entity(reader, m.group("name"), sent)
        return None
    before = text[max(0, n.start - 80) : n.start]
    gap = BEDS_SAID_OF.search(before)
    if gap is None:
        return None
    end = n.start - (len(before) - gap.start())
    org = next((o for o in sent.orgs if o.end == end and o.ref in mn.UNIT_HEADS), None)
    if org is None and "(" in gap.group(0):  # "Lark Ward (24 beds)": the name may have swallowed nothing else
        org = next((o for o in sent.orgs if 0 <= end - o.end <= 1 and o.ref in mn.UNIT_HEADS), None)
    if org is not None:
        key = _unit_entity(reader, org.text, sent)
        return key if reader.entities[key].kind == "unit" else None
    u = UNIT_BEFORE.search(text[max(0, end - 80) : end])
    if u and u.group("name").split()[0] not in NUMBER_OR_ARTICLE | NOT_A_UNIT_NAME:
        return _unit_entity(reader, u.group("name").strip(), sent)
    return None


NUMBER_OR_ARTICLE = frozenset("a an the one two three four five six seven eight nine ten its our this that".split())
#: "an independent ward with 52 beds": the unit's own ward, not a unit named apart from it
NOT_A_UNIT_NAME = frozenset("independent separate own new modern single whole entire".split())


def _team_of_ranks(text: str, n, nxt) -> bool:
    """'a team of 9 consultant surgeons, 6 registrars': the team is counted by rank, with no total."""
    return bool(re.search(r"\bteam\s+of\s+$", text[: n.start].lower())) and _staff_role(text, n, nxt) is not None


def _staff_role(text: str, n, nxt) -> str | None:
    stop = nxt.start if nxt else len(text)
    tail = re.sub(r"\b(Ph|M)\.D\.", r"\1.D", text[n.end : stop])
    tail = re.split(
        r"[;:()]|\.(?=\s|$)|,\s*(?:all|including|among|of whom|which|who)\b|\b(?:including|among them|who|which|and"
        r" other)\b",
        tail,
    )[0]
    tail = _cut_at_comma(tail)
    tail = re.sub(r",?\s*(?:and|,)\s*$", "", tail.strip())
    words = tail.split()
    if not words or len(words) > 9:
        return None
    # "with ..." continues the role only when it names a degree
    m = re.search(r"\s(?:with|who have|have|has|holding|hold)\s", " " + tail + " ")
    if m:
        rest = (" " + tail + " ")[m.end() :]
        if DEGREE_WORDS.search(rest):
            head = (" " + tail)[: m.start()].strip()
            rest = re.sub(r"^(?:received|obtained|got|earned)\s+", "", rest.strip())
            tail = f"{head} with {rest}".strip()
        else:
            tail = (" " + tail)[: m.start()].strip()
    tail = re.sub(r",\s*$", "", tail).strip()
    words = tail.split()
    if not words:
        return None
    if not any(ROLE_NOUN.match(w.strip(",")) for w in words[:5]):
        return None
    if re.match(r"(?:years?|times|cases|patients|beds|wards)\b", tail, re.IGNORECASE):
        return None
    return tail


NOT_STAFF_BEFORE = re.compile(
    r"\b(?:trained|trains|training|treated|treats|sent|sends|received|receives|admitted|admits|served|serves|"
    r"attracted|attracts|cured|operated|taught|teaches|enrolled|recruited|welcomed|hosted)\s+"
    r"(?:(?:more than|over|about|nearly|almost|some|up to|at least)\s+)?$",
    re.IGNORECASE,
)


def _cut_at_comma(tail: str) -> str:
    """Keep ', tumor and endoscopy' (a short continuation) but cut ', a well-equipped ward'."""
    parts = tail.split(",")
    kept = parts[0]
    for part in parts[1:]:
        words = part.split()
        if not words or len(words) > 3 or words[0].lower() in ("a", "an", "the", "and", "all", "with"):
            break
        if words[0][:1].isdigit():
            break  # "doctors with doctor's degree,12 master's degree": the next item, glued on
        kept += "," + part
    return kept


def _role_concept(reader, role: str) -> str | None:
    found = [m for m in mn.phrase_concepts(reader.lexicon, role) if m.kind == "role"]
    if found:
        return max(found, key=lambda m: m.end - m.start).ref
    return None


# ---------------------------------------------------------------- history
def history(reader, sent) -> None:
    _unit_of_unit(reader, sent)
    subject = reader.subject_of(sent)
    if subject is None:
        return
    m = FOUNDED.search(sent.text)
    if m:
        found = m.group(1) or m.group(2)
        year = int(found)
        founded = _founded_unit(reader, sent, m) or subject
        reader.facts.append(fact("founded", founded, year, sent.evidence))
        reader.facts.append(fact("event", founded, year, sent.evidence, what="founded", founding=True))
        _claimed(reader, sent).add("year:" + found)
    m = FORMER_NAME.search(sent.text)
    if m:
        name = UNDER.sub("", m.group("name")).strip()
        if 1 <= len(name.split()) <= 8 and not NOT_A_FORMER_NAME.match(name):
            reader.facts.append(fact("former_name", subject, name, sent.evidence))
    _past_names(reader, sent, subject)
    became = _became_a_unit(reader, sent, subject)  # read instead of the split cues when it applies
    m = None if became else SPLIT_FROM.search(sent.text) or PREDECESSOR_CUE.search(sent.text)
    if m:
        org = next((o for o in sent.orgs if o.start >= m.end() - 1 and o.start <= m.end() + 5), None)
        org = org or _lowercase_unit_after(sent, m.end()) or _specialty_after(sent, m.end())
        pred = pred_name = None
        if org is not None:
            pred, pred_name = _unit_entity(reader, org.text, sent), org.text
        elif ANAPHORIC_UNIT.match(sent.text, m.end()) and reader.main_unit not in (None, subject):
            # "the Department of Liver Diseases was separated from the department": the unit the page is about
            pred = reader.main_unit
            pred_name = reader.entities[pred].name or ""
        if pred is not None:
            year = _year_in(sent.text)
            reader.facts.append(fact("predecessor", subject, pred, sent.evidence, year=year))
            if year and not FOUNDED.search(sent.text) and not _founded_before(reader, subject):
                # a unit that became independent in a year was founded, as such, that year
                reader.facts.append(fact("founded", subject, year, sent.evidence))
            if year:
                what = sent.text[: m.end()].strip() + " " + pred_name
                reader.facts.append(fact("event", subject, year, sent.evidence, what=_clause(what), change=True))
                _claimed(reader, sent).add(f"year:{year}")
    m = RENAMED_FROM.search(sent.text)
    if m and not FORMER_NAME.search(sent.text):
        reader.facts.append(fact("former_name", subject, m.group("name").strip(), sent.evidence))
        _history_names(sent).add(m.group("name").strip().lower())
    m = PART_OF.search(sent.text)
    if m:
        org = next((o for o in sent.orgs if m.end() - 1 <= o.start <= m.end() + 5), None)
        if org is not None and org.ref in mn.UNIT_HEADS:
            parent = _unit_entity(reader, org.text, sent)
            if parent != subject:
                reader.facts.append(fact("part_of", subject, parent, sent.evidence))
    _nested_in(reader, sent, subject)
    if reader.entities[subject].kind == "unit" and SUB_UNITS_WORDS.search(sent.text):
        _sub_units(reader, sent, subject)
    if reader.entities[subject].kind == "unit":
        _set_up_units(reader, sent, subject)
    _possessed_units(reader, sent)
    if m:
        _coordinated_part_of(reader, sent, m)


#: "Our Epilepsy Monitoring Unit (EMU) has 12 beds", "The service's inpatient ward is Tōtara Ward": a unit the
#: subject unit speaks of as its own
POSSESSED_UNIT = re.compile(
    r"(?:\b(?:our|the\s+(?:department|service|division|centre|center|unit|institute)'s)\s+(?:new\s+)?(?:[\w-]+-bed\s+)?|"
    r"\bthe\s+(?:department|service|division|centre|center|unit|institute)'s\s+(?:[a-z-]+\s+)?(?:ward|unit)s?\s+"
    r"(?:is|are|include)\s+)$",
    re.IGNORECASE,
)


POSSESSED_HEADS = mn.UNIT_HEADS - {"department", "institute"}


def _possessed_units(reader, sent) -> None:
    """Each is part of the unit the sentence would be about if it did not name one (its section's, else the
    document's)."""
    # "walk into our Emergency Department": a department or an institute is the hospital's, not a unit's
    owned = [
        o
        for o in sent.orgs
        if o.ref in POSSESSED_HEADS and POSSESSED_UNIT.search(sent.text, max(0, o.start - 60), o.start)
    ]
    if not owned:
        return
    subject = reader._section_units().get(sent.index) or reader.default_subject
    if subject is None or reader.entities[subject].kind != "unit":
        return
    for org in owned:
        child = _unit_entity(reader, org.text, sent)
        if child != subject and reader.entities[child].kind == "unit":
            reader.facts.append(fact("part_of", child, subject, sent.evidence))


#: "In 2004 the Orthopaedic Unit was carved out and became the Department of Orthopaedics": a unit made out of
#: another, named anew (the unit before "became" is the new unit's former name)
BECAME_UNIT = re.compile(
    r"\b(?:(?:was|were)\s+(?:also\s+)?(?P<split>carved|split|spun|separated|hived)\s+(?:out|off)\s+(?:and\s+)?|"
    r"(?:was|were)\s+(?:made|turned)\s+(?:into\s+)?|)(?:became|becoming)\s+(?:the\s+|an?\s+)?"
    r"(?P<how>(?:separate|independent|stand-alone|new|own)\s+)?$",
    re.IGNORECASE,
)


def _became_a_unit(reader, sent, subject: str) -> bool:
    """'X was carved out and became the Department of Z', 'it became the separate Department of Z in 1991': Z is a
    unit of its own, founded that year, formerly called X, made out of the unit the page is about."""
    for org in sent.orgs:
        if org.ref not in mn.UNIT_HEADS:
            continue
        cue = BECAME_UNIT.search(sent.text[max(0, org.start - 80) : org.start])
        if cue is None or not (cue.group("how") or cue.group("split")):
            continue
        new = _unit_entity(reader, org.text, sent)
        old = next((o for o in sent.orgs if o.end <= org.start - len(cue.group(0)) and o.ref in mn.UNIT_HEADS), None)
        parent = reader.main_unit if reader.main_unit not in (None, new) else None
        if old is not None and old.text.lower() != org.text.lower():
            reader.facts.append(fact("former_name", new, old.text, sent.evidence))
            _history_names(sent).add(old.text.lower())
            if parent is not None and _unit_entity(reader, old.text, sent) == parent:
                parent = None  # "the Department of X became the Y Centre": a renaming, nothing made out of it
        year = _year_in(sent.text)
        if parent is not None:
            reader.facts.append(fact("predecessor", new, parent, sent.evidence, year=year))
        if year:
            reader.facts.append(fact("founded", new, year, sent.evidence))
            reader.facts.append(fact("event", new, year, sent.evidence, what=_clause(sent.text), change=True))
            _claimed(reader, sent).add(f"year:{year}")
        return True
    return False


#: "Founded in 1996 within the Department of Neurology, the X Center is ...": the participle's subject follows it
FRONTED_PARTICIPLE = re.compile(r"\W*(?:founded|established|set up|opened|created)\b[^,]*,\s*", re.IGNORECASE)
#: "... manages the hospice ward, which opened in 2019": the unit the relative clause hangs on
NAME_THEN_WHICH = re.compile(r"\s*\)?\s*,\s*which\s+(?:was\s+|were\s+|is\s+)?(?:first\s+|originally\s+)?")
WHICH_UNIT = re.compile(
    r"\b(?:the|its|our)\s+(?P<name>(?:(?!the\s)[\w'-]+\s+(?:and\s+)?){0,5}?"
    r"(?:ward|unit|center|centre|department|division|clinic|section|laboratory))\s*,\s*which\s+(?:was\s+)?$",
    re.IGNORECASE,
)


def _founded_unit(reader, sent, m) -> str | None:
    """The unit a founding year belongs to when the sentence's clauses say it, not its start: the subject after
    a fronted participle, or the unit a 'which' clause follows."""
    text = sent.text
    if m.start() <= 2 and (fronted := FRONTED_PARTICIPLE.match(text)):
        org = next((o for o in sent.orgs if fronted.end() <= o.start <= fronted.end() + 6), None)
        if org is not None:
            key = reader.resolve_unit_text(org.text)
            if key and reader.entities[key].kind in ("unit", "hospital"):
                return key
    verb = m.start() + len(m.group(0)) - len(m.group(0).lstrip())  # where "opened", "was founded" begins
    for org in sent.orgs:  # "... of Udi Hills University Teaching Hospital, which was established in 1978"
        if org.end < verb and NAME_THEN_WHICH.fullmatch(text, org.end, verb):
            key = reader.resolve_unit_text(org.text)
            if key and reader.entities[key].kind in ("unit", "hospital"):
                return key
    which = WHICH_UNIT.search(text, 0, verb)  # anchored at the verb: "..., which opened"
    if which:
        name = which.group("name")
        if len(name.split()) >= 2 and not AFTER_NAME_STOP.match(name):
            return _unit_entity(reader, name, sent)
    return None


#: a 'unit' phrase that is no name: "each ward", "a new unit"
AFTER_NAME_STOP = re.compile(r"(?:each|every|a|an|one|new|this|that|its|their)\s", re.IGNORECASE)


def _past_names(reader, sent, subject: str) -> None:
    """Former names said without "formerly": the name a unit was founded as, a name it was "called at that time" or
    "known as until 2004", and each name of a chain of renamings but the last."""
    names = [m.group("name") for m in (FOUNDED_AS.search(sent.text), CALLED_THEN.search(sent.text)) if m]
    names += [m.group("name") for m in RENAMED_TO.finditer(sent.text)][:-1]
    current = (reader.entities[subject].name or "").lower()
    for name in names:
        name = re.sub(r"\s+(?:of|and|for|the)$", "", name.strip())
        if 2 <= len(name.split()) <= 8 and name.lower() != current:
            reader.facts.append(fact("former_name", subject, name, sent.evidence))
            _history_names(sent).add(name.lower())
    for m in RENAMED_THE.finditer(sent.text):
        old = re.sub(r"^(?:The|When|In|Since|After|Then)\s+", "", m.group("old"))
        new_org = next((o for o in sent.orgs if o.start == m.start("new")), None)
        if new_org is None or new_org.ref not in mn.UNIT_HEADS or not OLD_UNIT_NAME.search(old):
            continue
        unit = _unit_entity(reader, new_org.text, sent)
        if reader.entities[unit].kind == "unit" and old.lower() != new_org.text.lower() and len(old.split()) >= 2:
            reader.facts.append(fact("former_name", unit, old, sent.evidence))
            _history_names(sent).add(old.lower())


#: "the centre includes the A ward, the B ward and the C ward", "is divided into", "consists of": a unit's sub-units
SUB_UNITS_CUE = re.compile(
    r"\b(?:includ(?:es?|ing)|comprises?|consists?\s+of|(?:is|are)\s+(?:composed|made\s+up)\s+of|"
    r"(?:is|are)\s+(?:divided|organi[sz]ed|subdivided)\s+into|(?P<has>ha(?:s|ve)(?!\s+been\b)(?:\s+(?:[a-z]+ed|set\s+up|built|begun))?|manages|"
    r"runs|operates|"
    r"is\s+based\s+on))\s+",
    re.IGNORECASE,
)
#: a quick test that a sentence may list sub-units at all
SUB_UNITS_WORDS = re.compile(
    r"includ|compris|consist|compos|made up|divided|organi[sz]ed|within|\b(?:has|have|manages|runs|operates|based)\b|"
    r"s\s*(?::\s*\d+\s*)?\(",
    re.IGNORECASE,
)
#: the heads of the sub-units a unit "has" (a room, a laboratory or an area it has is not named as a unit)
HAS_UNIT_HEADS = re.compile(r"\b(?:ward|unit|icu|division|section|center|centre)$", re.IGNORECASE)
#: "three wards (Ward One, Ward Two and the Spinal Ward)": the units a count names in brackets
COUNTED_UNITS = re.compile(
    r"\b(?:\w+\s+(?:wards|units|divisions|sections|centers|centres|groups|ICUs)|"
    r"(?:wards|units|divisions|sections|centers|centres|groups|ICUs)\s*:\s*\d+)\s*\((?P<list>[^()]{4,200})\)",
    re.IGNORECASE,
)
#: where a list of sub-units splits: commas, and "and" before an article ("the A and the B")
SUB_UNIT_BREAK = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:the|a|an|one)\s)", re.IGNORECASE)
#: a sub-unit in a list: "the fundus disease ward", "a 12-bed bone marrow transplant unit", "the Stroke Center"
SUB_UNIT_ITEM = re.compile(
    r"^(?:(?:the|a|an|one|its|our)\s+)?(?:[\w]+-bed\s+)?(?P<name>(?:[A-Za-z][\w'/-]*\s+){0,6}?"
    r"(?:ward|unit|division|center|centre|section|department|group|icu|room|laboratory))(?:\s*\([^)]*\))?"
    r"(?:\s+with\s+[^,;]+)?$",
    re.IGNORECASE,
)
#: "The department has four sections:", "It is made up of three teams:": a count of sub-units a list follows
UNITS_COUNTED_INTRO = re.compile(
    r"\b(?:has|have|comprises?|consists?\s+of|(?:is|are)\s+(?:made\s+up|composed)\s+of|includes?)\s+"
    r"(?:\w+\s+){0,2}?(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:[\w-]+\s+)?"
    r"(?:wards|units|sub-units|subunits|divisions|sections|teams|groups|services)\s*:\s*$",
    re.IGNORECASE,
)
#: "two wards", "three sub-units": the count a colon's list of sub-units follows
UNITS_COUNTED = re.compile(
    r"\s*(?:[\w-]+\s+){1,2}?(?:wards|units|sub-units|subunits|divisions|sections|centres|centers|groups|teams|"
    r"laboratories|departments)\s*(?:(?:with|and|of)\s+(?:[\d,]+|[a-z]+(?:-[a-z]+)?)\s+beds\s*)?",
    re.IGNORECASE,
)
#: "... the A, the B and the C as three sub-units": what the listed units are to the subject
AS_SUB_UNITS = re.compile(
    r"\s+as\s+(?:its\s+)?(?:[\w-]+\s+)?(?:sub-units|subunits|units|sections|divisions|components)\b", re.IGNORECASE
)
#: "the Departments of A, B and C": a list of units sharing one head word
PLURAL_UNITS_OF = re.compile(r"(?:the\s+)?(?P<head>Departments|Divisions|Sections|Centres|Centers)\s+of\s+")
#: "Within the Division of X there are four specialty groups: a, b and c"
WITHIN_THERE_ARE = re.compile(
    r"^\W*within\s+the\s+.+?\bthere\s+(?:are|is)\s+(?:\w+\s+){0,3}?(?P<head>groups|wards|units|sections|divisions)\s*:"
    r"\s*(?P<list>[^.;]+)",
    re.IGNORECASE,
)


def _unit_of_unit(reader, sent) -> None:
    """'the Cancer Pain Ward of the Department of Pain Medicine': a unit named as a unit of another."""
    from hkg.graph.extract import _unit_part

    for child, parent in itertools.pairwise(sent.orgs):
        if (
            child.ref in mn.UNIT_HEADS
            and parent.ref in mn.UNIT_HEADS
            and OF_THE.fullmatch(sent.text[child.end : parent.start])
        ):
            c = _unit_entity(reader, child.text, sent)
            p = _unit_entity(reader, _unit_part(parent.text)[0] or parent.text, sent)
            if c != p and reader.entities[c].kind == reader.entities[p].kind == "unit":
                reader.facts.append(fact("part_of", c, p, sent.evidence))


OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
#: "In 2021 the department set up the X Center": a unit a unit made, in the active voice (the passive "was set up"
#: says when the subject itself began, read by FOUNDED)
SETS_UP = re.compile(
    r"\b(?:set|sets)\s+up|\b(?:established|founded|created|launched|"
    r"opened|establishes|opens|creates)(?=\s+(?:the|a|an|its)\s+[A-Z])",
    re.IGNORECASE,
)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _set_up_units(reader, sent, subject: str) -> None:
    """Units the subject unit set up: each is part of it, founded in the sentence's year (if it gives one)."""
    for m in SETS_UP.finditer(sent.text):
        if PASSIVE_BEFORE.search(sent.text[: m.start()]):
            continue
        org = next((o for o in sent.orgs if m.end() < o.start <= m.end() + 10), None)
        if (
            org is None
            or org.ref not in mn.UNIT_HEADS
            or not re.fullmatch(r"\s+(?:the|a|an|its)\s+", sent.text[m.end() : org.start], re.IGNORECASE)
        ):
            continue
        child = _unit_entity(reader, org.text, sent)
        if child == subject or reader.entities[child].kind != "unit":
            continue
        reader.facts.append(fact("part_of", child, subject, sent.evidence))
        year = _year_in(sent.text)
        if year and not FOUNDED.search(sent.text):
            reader.facts.append(fact("founded", child, year, sent.evidence))


def _sub_units(reader, sent, subject: str) -> None:
    """Units a unit is said to include: each listed unit is part of it."""
    if reader.entities[subject].kind != "unit":
        return
    w = WITHIN_THERE_ARE.match(sent.text)
    if w:
        within = next((o for o in sent.orgs if o.ref in mn.UNIT_HEADS and o.end <= w.start("head")), None)
        if within is None:
            return
        parent = _unit_entity(reader, within.text, sent)
        head = w.group("head")[:-1]
        for item in SUB_UNIT_BREAK.split(w.group("list").strip()):
            item = re.sub(r"^(?:and|the)\s+", "", item.strip(), flags=re.IGNORECASE)
            if 1 <= len(item.split()) <= 6 and not re.search(r"\d", item):
                full = item if item.lower().endswith(head.lower()) else f"{item} {head}"
                child = _unit_entity(reader, full, sent)
                if child != parent:
                    reader.facts.append(fact("part_of", child, parent, sent.evidence))
        return
    for c in COUNTED_UNITS.finditer(sent.text):
        numbered = ""  # "Wards 3, 4, 5 and 6": Ward 3, Ward 4, ...
        for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", c.group("list")):
            item = re.sub(r"^(?:the|a|an)\s+", "", item.strip(), flags=re.IGNORECASE)
            if w := re.fullmatch(r"(Ward|Unit|Bay)s\s+(\d{1,2}[A-Z]?)", item):
                numbered, item = w.group(1), f"{w.group(1)} {w.group(2)}"
            elif numbered and re.fullmatch(r"\d{1,2}[A-Z]?", item):
                item = f"{numbered} {item}"
            if item[:1].isupper() and 2 <= len(item.split()) <= 6 and not re.search(r"\d\s+[a-z]|^\d", item):
                child = _unit_entity(reader, item, sent)
                if child != subject and reader.entities[child].kind == "unit":
                    reader.facts.append(fact("part_of", child, subject, sent.evidence))
    m = SUB_UNITS_CUE.search(sent.text)
    if m is None or _history_names(sent) & {sent.text[m.end() :].lower()}:
        return
    end = re.search(r"[.;:]|$", sent.text[m.end() :]).start() + m.end()
    listed = sent.text[m.end() : end]
    explicit = False  # the sentence says the items are units: "has two wards: A and B", "has A and B as sub-units"
    if sent.text[end : end + 1] == ":" and UNITS_COUNTED.fullmatch(listed):
        listed = sent.text[end + 1 :]
        listed = listed[: re.search(r"[.;]|$", listed).start()]
        explicit = True
    if a := AS_SUB_UNITS.search(listed):
        listed, explicit = listed[: a.start()], True
    plural = PLURAL_UNITS_OF.match(listed)  # "the Departments of A, B and C"
    if plural:
        listed = listed[plural.end() :]
    named = {o.text.lower(): o.text for o in sent.orgs if o.ref in mn.UNIT_HEADS and o.start >= m.end()}
    for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", listed) if plural else SUB_UNIT_BREAK.split(listed):
        item = re.sub(r"^(?:including|among\s+them|of\s+which|such\s+as)\s+", "", item.strip(), flags=re.IGNORECASE)
        item = re.sub(r"^(?:the|a|an|one)\s+", "", item, flags=re.IGNORECASE)
        # "Queensland's first Mobile Stroke Unit": the place's possessive and an ordinal are not the name
        item = re.sub(r"^[A-Z][\w-]*'s\s+(?:(?:first|only|new|largest)\s+)?(?=[A-Z])", "", item)
        if re.match(r"(?:our\s+|this\s+)?hospital'?s\b", item, re.IGNORECASE):
            continue  # "the hospital's intensive care unit": a unit of the hospital
        if plural:
            if not item[:1].isupper() or len(item.split()) > 5:
                continue
            known = reader.resolve_unit_text(item)
            name = reader.entities[known].name if known else f"{plural.group('head')[:-1]} of {item}"
        else:
            i = SUB_UNIT_ITEM.match(item)
            name = named.get(item.lower()) or (i.group("name") if i else None)
        if name is None or (
            m.group("has") and not explicit and (not HAS_UNIT_HEADS.search(name) or len(name.split()) < 2)
        ):
            continue
        if name.lower().split()[0] in ("and", "other", "several", "many", "two", "three", "four", "five"):
            continue
        if m.group("has") and name.lower().split()[0] in NOT_A_UNIT_NAME:
            continue  # "has an independent ward with 52 beds": its own ward
        child = _unit_entity(reader, name, sent)
        if child != subject and reader.entities[child].kind == "unit":
            reader.facts.append(fact("part_of", child, subject, sent.evidence))


#: "The A Unit and the B Unit are part of the Department of C": each named unit is part of C
COORDINATED_UNITS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.IGNORECASE)


def _coordinated_part_of(reader, sent, m) -> None:
    if not re.search(r"\b(?:are|were)\s+(?:all\s+|both\s+)?(?:an?\s+)?(?:\w+\s+)?$", sent.text[: m.start()]):
        return
    parent_org = next((o for o in sent.orgs if m.end() - 1 <= o.start <= m.end() + 5), None)
    if parent_org is None or parent_org.ref not in mn.UNIT_HEADS:
        return
    subjects, prev_end = [], None
    for o in sent.orgs:
        if o.end > m.start():
            break
        gap = sent.text[prev_end : o.start] if prev_end is not None else sent.text[: o.start]
        if (prev_end is None and not re.fullmatch(r"\W*(?:the\s+)?", gap, re.I)) or (
            prev_end is not None and not COORDINATED_UNITS.fullmatch(gap)
        ):
            return
        if o.ref not in mn.UNIT_HEADS:
            return
        subjects.append(o)
        prev_end = o.end
    if len(subjects) < 2:
        return
    parent = _unit_entity(reader, parent_org.text, sent)
    for o in subjects:
        child = _unit_entity(reader, o.text, sent)
        if child != parent:
            reader.facts.append(fact("part_of", child, parent, sent.evidence))


#: "a unit within the Department of X", "sits within the Division of Y", "belongs to the X Centre": nesting cues
#: other than "part of"
WITHIN = re.compile(
    r"\b(?:(?:an?\s+)?(?:unit|division|section|service|department|centre|center|team|subspecialty)\s+(?:of|within)|"
    r"within|inside|belongs\s+to|belonging\s+to|housed\s+(?:in|within)|under\s+the\s+umbrella\s+of)"
    r"\s+(?:the\s+)?",
    re.IGNORECASE,
)
#: "within the division": the parent named by its head word only
HEAD_ONLY = re.compile(
    r"(?:(?:this|our)\s+)?(department|division|centre|center|institute|directorate)\b(?!\s+of\b)", re.IGNORECASE
)


def _nested_in(reader, sent, subject: str) -> None:
    """A unit inside another unit, by a nesting cue followed by the parent's name (or by 'the <head>' when the
    document's main unit has that head word). Hospitals are not parents here: a unit of a hospital is unit_of."""
    if PART_OF.search(sent.text):
        return
    # the last cue is the unit's present place: "opened as an area within Ward 3A and became a unit of the X"
    for m in reversed(list(WITHIN.finditer(sent.text))):
        org = next((o for o in sent.orgs if m.end() - 1 <= o.start <= m.end() + 2), None)
        parent = None
        if org is not None:
            if org.ref not in mn.UNIT_HEADS:
                continue
            parent = _unit_entity(reader, org.text, sent)
        else:
            h = HEAD_ONLY.match(sent.text, m.end())
            main = reader.entities.get(reader.main_unit) if reader.main_unit else None
            if h and main is not None and main.name and h.group(1).lower() in main.name.lower().split():
                parent = main.key
        if parent and parent != subject and reader.entities[subject].kind == "unit":
            reader.facts.append(fact("part_of", subject, parent, sent.evidence))
            return


#: a unit's forerunner named in so many words: "grew out of the X", "the predecessor was the X"
PREDECESSOR_CUE = re.compile(
    r"\b(?:(?:developed|evolved|originated|grew|emerged|formed)\s+(?:out\s+)?(?:from|of)|"
    r"(?:its|the|whose)\s+predecessor(?:\s+(?:was|is|being))?\s*,?)\s+(?:the\s+)?",
    re.IGNORECASE,
)
#: "was renamed from the X into the Y department": X is a former name
RENAMED_FROM = re.compile(
    r"\brenamed\s+from\s+(?:the\s+)?(?P<name>[a-z][\w' -]{2,60}?)(?=\s+(?:to|into|as)\b|[,;.]|$)", re.IGNORECASE
)
#: "separated from the department": the unit word alone, which refers back to the unit the page is about
ANAPHORIC_UNIT = re.compile(r"(?:department|center|centre|division|unit)\b(?!\s+of\b)")
#: a unit named in lower case: "the obstetrics and gynecology department", "the cobalt therapy room"
LOWERCASE_UNIT = re.compile(
    r"(?P<name>(?:(?!(?:in|of|with|to|by|at|on|was|is|which|that|and|a|an|the|became|become|becomes|"
    r"department|center|centre|ward|division|unit)\s)[a-z][\w'-]*\s+(?:and\s+)?){1,5}"
    r"(?:department|center|centre|ward|division|unit|section|room|group|team|office))\b"
)


def _lowercase_unit_after(sent, pos: int):
    m = LOWERCASE_UNIT.match(sent.text, pos)
    if m is None:
        return None
    _history_names(sent).add(m.group("name").lower())
    return mn.Mention("org", m.start("name"), m.end("name"), m.group("name"), m.group("name").split()[-1])


#: "carved out of Medical Oncology": a unit named by its specialty alone, capitalised
SPECIALTY_NAME = re.compile(r"(?P<name>[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,4})\b")


def _specialty_after(sent, pos: int):
    from hkg.graph.extract import SPECIALTY_WORDS

    m = SPECIALTY_NAME.match(sent.text, pos)
    if m is None or not SPECIALTY_WORDS.search(m.group("name")):
        return None
    _history_names(sent).add(m.group("name").lower())
    return mn.Mention("org", m.start("name"), m.end("name"), m.group("name"), "department")


def _history_names(sent) -> set[str]:
    """Names a sentence gives of a unit's past (predecessors, former names): not programmes or facilities."""
    names = getattr(sent, "_history_names", None)
    if names is None:
        names = set()
        sent._history_names = names
    return names


def _founded_before(reader, subject) -> bool:
    """Founded in 1985, independent in 2010: the founding year stays the first one the text gives."""
    return any(f.kind == "founded" and f.subject == subject for f in reader.facts)


def _unit_entity(reader, text: str, sent) -> str:
    key = reader.resolve_unit_text(text)
    if key:
        return key
    from hkg.graph.extract import UNIT_KIND, clean_name

    head = next((w for w in text.lower().split() if w in mn.UNIT_HEADS), "department")
    return reader.entity("unit", clean_name(text), sent.evidence, unit_kind=UNIT_KIND.get(head, "Department")).key


def _year_in(text: str) -> int | None:
    m = YEAR_CUE.search(text)
    return int(m.group(1)) if m else None


def _clause(text: str) -> str:
    text = re.sub(r"^\s*(?:\[[^\]]*\]\s*)?", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.")


# ---------------------------------------------------------------- events
def events(reader, sent) -> None:
    subject = reader.subject_of(sent)
    if subject is None:
        return
    claimed = _claimed(reader, sent)
    years = []
    for m in YEAR_CUE.finditer(sent.text):
        year = int(m.group(1))
        if f"year:{m.group(1)}" in claimed or year > 2100:
            continue
        after = sent.text[m.end() : m.end() + 15].lower()
        if re.match(r"\s*(?:beds?|cases|patients|people|staff|operations)\b", after):
            continue
        years.append((year, bool(m.group(2)), m))
    if not years and SAME_YEAR.search(sent.text) and getattr(reader, "last_year", None):
        years.append((reader.last_year, False, SAME_YEAR.search(sent.text)))
    for year, decade, m in years:
        what = _clause(sent.text[: m.start()] + sent.text[m.end() :])
        reader.facts.append(fact("event", subject, year, sent.evidence, what=what[:300], decade=decade or None))
    if years:
        reader.last_year = years[-1][0]


# ---------------------------------------------------------------- vocabulary concepts
RELATION_OF_KIND = {"procedure": "performs", "condition": "treats", "equipment": "uses"}


def concepts(reader, sent) -> None:
    subject = reader.subject_of(sent)
    if subject is None or sent.heading:
        return
    for m in sent.concepts:
        rel = RELATION_OF_KIND.get(m.kind)
        if m.kind == "procedure" and _inside_combined(reader, sent, m.start, m.end):
            continue  # "lobectomy" of "lobectomy combined with partial atrial resection": one operation
        if not rel:
            continue
        specific = _specific_form(reader, sent, m) if _as_device_or_exam(reader, sent, m)[0] == m.kind else None
        if specific and re.match(r"[A-Z][a-z]+\b", specific):
            specific = specific[0].lower() + specific[1:]  # "Intravenous thrombolysis" opening a sentence
        if specific and _states_practice(reader, sent, m, specific=True):
            narrower = {"new_kind": m.kind, "broader": m.ref}  # a narrower kind of the vocabulary concept
            reader.facts.append(
                fact("concept", subject, None, sent.evidence, relation=rel, mention=specific, **narrower)
            )
            continue
        if _states_practice(reader, sent, m):
            kind, ref = _as_device_or_exam(reader, sent, m)
            reader.facts.append(
                fact("concept", subject, ref, sent.evidence, relation=RELATION_OF_KIND[kind], mention=m.text)
            )
            if kind == "equipment" and EXAM_CUE.search(sent.text) and not EQUIPMENT_CUE.search(sent.text):
                exam = _exam_for(reader, m.text)
                if exam:
                    reader.facts.append(
                        fact("concept", subject, exam, sent.evidence, relation="performs", mention=m.text)
                    )
    for kind, label in _new_concepts(reader, sent):
        reader.facts.append(
            fact("concept", subject, None, sent.evidence, relation=RELATION_OF_KIND[kind], mention=label, new_kind=kind)
        )


EQUIPMENT_CUE = re.compile(r"\b(?:equipment|equipped|devices?|instruments?|apparatus|machines?)\b", re.I)
EXAM_CUE = re.compile(r"\b(?:examinations?|scans?|scanning|staging|technology|technique|screening|imaging)\b", re.I)


def _as_device_or_exam(reader, sent, m) -> tuple[str, str]:
    """In 'equipment such as thoracoscopy and mediastinoscopy', the -scopy procedures name their -scopes."""
    if m.kind == "procedure" and EQUIPMENT_CUE.search(sent.text):
        word = m.text.strip()
        for label in (re.sub(r"scopy$", "scope", word), re.sub(r"scopies$", "scopes", word)):
            device = reader.lexicon.by_label("equipment", label) if label != word else None
            if device:
                return "equipment", str(device)
    return m.kind, m.ref


def _exam_for(reader, text: str) -> str | None:
    """'MRI and ECT as routine examination items': the examination done with an imaging device."""
    for label in (f"{text} examination", f"{text} scan", f"{text} imaging", f"{text} examinations"):
        found = reader.lexicon.by_label("procedure", label)
        if found:
            return str(found)
    return None


NAME_HEAD_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:clinics?|schools?|associations?|clubs?|forums?|classes|class|courses?|departments?|centers?|centres?|"
    r"wards?|units?|rooms?|teams?|groups?|programmes?|programs?|specialty|specialties|branch|committee|society)\b",
    re.IGNORECASE,
)
PREVENTED = re.compile(
    r"\b(?:reduc\w*|prevent\w*|avoid\w*|lower\w*|decreas\w*|minimi[sz]\w*|incidence|risk|complications?)\b",
    re.IGNORECASE,
)


def _states_practice(reader, sent, m, specific: bool = False) -> bool:
    """Does this vocabulary mention say what the unit does? Not when it is part of a name ('breast surgery
    department', 'follow-up clinic', an organisation's name), not a complication the unit prevents, and not a
    broad term ('surgery', 'cancer') standing alone rather than in a list of treatments (`specific`: the mention
    is read with modifiers that make it a specific one, 'conversion surgery')."""
    if NAME_HEAD_AFTER.match(sent.text[m.end :]):
        return False
    if any(o.start < m.end and m.start < o.end for o in sent.orgs):
        return False
    if any(q.start(1) <= m.start and m.end <= q.end(1) for q in QUOTED.finditer(sent.text)):
        return False  # inside a quoted name ("Smith's Anastomosis"), which is read as a name of its own
    if any(m.text.lower() in unit for unit in getattr(sent, "_list_units", set())):
        return False  # part of a department's name in a list of departments ("pain rehabilitation")
    if any(f.start("name") <= m.start and m.end <= f.end("name") for f in FORMER_NAME.finditer(sent.text)):
        return False  # "formerly known as abdominal cancer surgery": a unit's old name
    if m.kind == "procedure" and (
        NOT_A_CLAIM_AFTER.match(sent.text[m.end :]) or NOT_A_CLAIM_BEFORE.search(sent.text[: m.start])
    ):
        return False
    if reader.lexicon.is_broad(m.ref) and CATEGORY_OF_LIST.match(sent.text[m.end :]):
        return False  # "interventional treatments such as ablation and ...": the items are the claims
    if m.kind == "condition" and PREVENTED.search(sent.text[max(0, m.start - 80) : m.start]):
        return False
    if specific:
        return True
    if reader.lexicon.is_broad(m.ref) and (
        (" " not in m.text.strip() and not NAMED_OPERATION.search(m.text)) or m.kind == "condition"
    ):
        return _in_list(sent, m) or bool(BASED_ON_BEFORE.search(sent.text[: m.start]))
    if _label(reader, m.ref) in STAGES_OF_CARE:
        return _in_list(sent, m)  # "accurate staging before treatment", "how to follow up": not a service claimed
    if m.kind == "condition" and any(
        p.kind == "procedure" and p.start <= m.start and m.end <= p.end and re.search(r",| and | or ", p.text)
        for p in sent.concepts
    ):
        return False  # "right hemicolectomy for colon cancer" read from "right half colon cancer radical surgery"
    if m.kind == "condition" and any(
        p.kind == "procedure" and p.start <= m.start and m.end <= p.end and SCREENING_END.search(p.text)
        for p in sent.concepts
    ):
        return False  # "HPV screening", "hepatitis B testing": a test for the condition, not its treatment
    return True


SCREENING_END = re.compile(r"(?:screening|testing|tests?|detection)$", re.IGNORECASE)
#: "platinum-based chemotherapy", "anthracycline-based regimens": a broad treatment made specific by its basis
BASED_ON_BEFORE = re.compile(r"\b[A-Za-z][\w]+-based\s+$")
#: a procedure named only as a modifier of a figure or norm ("the radical resection rate"), or as a topic
#: ("the proportion of laparoscopic operations", "a special interest in robotic surgery")
NOT_A_CLAIM_AFTER = re.compile(r"\s*(?:rates?|ratios?|standards?|proportions?)\b", re.IGNORECASE)
NOT_A_CLAIM_BEFORE = re.compile(
    r"\b(?:proportion|percentage|share|timing|era|development|interest|interests)\s+(?:of|in)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,1}$",
    re.IGNORECASE,
)
CATEGORY_OF_LIST = re.compile(r"\s*(?:,\s*)?(?:such as|including|like|e\.g\.)\s", re.IGNORECASE)


#: procedures that every unit's patients pass through: named as services only in a list of procedures
STAGES_OF_CARE = frozenset({"staging", "follow-up", "rehabilitation", "nursing care", "diagnostic procedure"})


def _label(reader, iri: str) -> str:
    concept = reader.lexicon.concepts.get(lex.URIRef(iri))
    return concept.label if concept else ""


#: one word that names an operation ("thyroidectomy", "colostomy", "angioplasty"), not a field of care ("surgery")
NAMED_OPERATION = re.compile(r"(?:ectomy|ostomy|otomy|plasty|pexy|rrhaphy)(?:ies|y)?$", re.IGNORECASE)


def _in_list(sent, m) -> bool:
    """Is the mention an item of a list with other mentions of its kind ('surgery, radiotherapy and chemotherapy')?"""
    for other in sent.concepts:
        if other is m or other.kind != m.kind:
            continue
        gap = sent.text[m.end : other.start] if other.start >= m.end else sent.text[other.end : m.start]
        if len(gap) <= 6 and re.fullmatch(r"\s*(?:,|and|or|,\s*and|/)\s*", gap):
            return True
    return False


#: a word that may make a vocabulary term more specific when it stands right before it ("radical" trachelectomy,
#: "uterine" sarcoma, "nerve-sparing" radical hysterectomy, "64-slice" CT): lower-case words, hyphenated words,
#: "CT-guided", "3D"
MODIFIER_TOKEN = re.compile(r"[A-Za-z0-9][\w'/-]*")
ABBREVIATED_MODIFIER = re.compile(r"^(?:[A-Z]{2,5}-[a-z]+|\d+-[a-z]+|\d[A-Z])$")
#: words before a term that do not make it a different thing ("routine", "advanced", "various", "our")
NOT_A_MODIFIER = frozenset(
    """routine difficult secondary various relevant related new advanced further standardized standardised
    comprehensive invasive minimally treatment malignant benign large small huge giant local clinical modern
    traditional precise precision accurate individualized individualised specialized specialised common
    successful overall general complex complicated major minor conventional regular main key high-quality
    high-level difficult multiple numerous several other such all both each every many more most some any
    certain specific different diverse similar typical classic standard mature skilled proficient excellent
    important special innovative novel latest current future early late initial primary various rare serious
    severe refractory critical critically ill routine domestic international national provincial leading
    internationally advanced-level top first left right bilateral elective second third last single
    multi one two three four five six seven eight nine ten dozens hundreds thousands patient patients people
    children adults elderly female male women men case cases clinical-grade high low middle mid effective safe
    quality total-quality daily annual half preoperative postoperative perioperative intraoperative
    head heads chief deputy director directors guide guides whole global study studies nurse nurses family
    families group groups centre center team teams care free joint treat treats non without largest biggest
    unit department ward""".split()
)  # fmt: skip
#: words that do not make a condition a different one ("laparoscopic" rectal cancer, "left" breast cancer)
CONDITION_NOT_A_MODIFIER = frozenset(
    """laparoscopic thoracoscopic endoscopic robotic radical open surgical free resectable unresectable
    operable inoperable disease diseases cancer cancers tumor tumors tumour tumours lesion lesions""".split()
)  # fmt: skip
#: words that do not make a procedure a different one: what it treats, said without saying which ("tumour" MDT
#: team, "cancer" chemotherapy)
PROCEDURE_NOT_A_MODIFIER = frozenset("tumor tumors tumour tumours cancer cancers neoplasm neoplasms".split())
#: a coordinated mention ("left and right hemicolectomy" names two): read as it is
COORDINATED_TEXT = re.compile(r",|\b(?:and|or)\b")
NUMBER_WORD = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)"
    r"(?:-|$)|^(?:long|short|medium)-term$"
)
#: endings of adjectives ("uterine", "portal", "hepatic", "anterior", "electronic"): a word of this shape before a
#: term is taken as a modifier even when no vocabulary label has it
ADJECTIVE_END = re.compile(r"^[a-z]{3,}(?:al|ic|ar|ary|ous|ive|oid|ine|eal|ial|ior|ile)$")


def _vocabulary_words(lexicon) -> frozenset:
    """The words of the vocabularies' labels (normalised): words that name medical kinds ("portal", "radical")."""
    words = getattr(lexicon, "_label_words", None)
    if words is None:
        words = frozenset(w for _kind, label in lexicon.label_index for w in label.split() if w.isalpha())
        lexicon._label_words = words
    return words


COORDINATED_PAIR_BEFORE = re.compile(r"\b([A-Za-z]+)\s+(?:and|&)\s+$")


def _coordinated_words(lexicon) -> frozenset:
    """'head and neck', 'ear and nose': pairs of words that the vocabularies' labels join with 'and' into one
    modifier."""
    pairs = getattr(lexicon, "_and_pairs", None)
    if pairs is None:
        pairs = set()
        for _kind, label in lexicon.label_index:
            words = label.split()
            pairs.update(
                " ".join(words[i - 1 : i + 2]) for i, w in enumerate(words) if w == "and" and 0 < i < len(words) - 1
            )
        pairs = lexicon._and_pairs = frozenset(pairs)
    return pairs


#: what may follow a device's name in a name of its own ("endoscope system", "ultrasound machine")
DEVICE_TAIL = re.compile(r"[ ](?:systems?|machines?|devices?|platforms?|units?)\b(?![ -](?:of|for)\b)", re.I)


def _narrower_form(reader, m, stop) -> bool:
    """Is the mention a label of its concept that names a narrower kind of it: the preferred label with modifiers
    before it ('partial laryngectomy', 'balloon angioplasty' of the concepts laryngectomy, angioplasty)?"""
    pref = _label(reader, m.ref).lower().split()
    said = m.text.lower().split()
    if not pref or not 0 < len(said) - len(pref) <= 2 or lex.token_norm(said[-1]) != lex.token_norm(pref[-1]):
        return False
    extra = [w for w in said if lex.token_norm(w) not in {lex.token_norm(x) for x in pref}]
    if len(extra) != len(said) - len(pref) or not all(w.isalpha() or "-" in w for w in extra):
        return False
    generic = stop | (DISEASE_GENERIC if m.kind == "condition" else frozenset())
    return not any(w in generic or w in NP_STOP for w in extra)


def _specific_form(reader, sent, m) -> str | None:
    """A vocabulary mention read with the modifiers right before it that make it a more specific thing of its
    kind: 'radical trachelectomy', 'uterine sarcoma', 'portal hypertension', 'high-definition electronic
    laryngoscope' (and a device with its 'system' after it). None when nothing specific stands before it."""
    if m.kind not in ("procedure", "condition", "equipment") or COORDINATED_TEXT.search(m.text):
        return None
    known = _vocabulary_words(reader.lexicon)
    stop = NOT_A_MODIFIER | {"condition": CONDITION_NOT_A_MODIFIER, "procedure": PROCEDURE_NOT_A_MODIFIER}.get(
        m.kind, frozenset()
    )
    text = sent.text
    window = text[max(0, m.start - 80) : m.start]
    mods: list = []
    for tok in reversed(list(MODIFIER_TOKEN.finditer(window))):
        gap = window[tok.end() : mods[0].start()] if mods else window[tok.end() :]
        word = tok.group(0)
        low = word.lower()
        if gap != " " or len(mods) >= 3 or low in NP_STOP or low in stop or low in VERBS or low.endswith("-based"):
            break  # ("platinum-based chemotherapy" is chemotherapy: see BASED_ON_BEFORE)
        if ABBREVIATED_MODIFIER.match(word):
            if word[0].isdigit() and m.kind != "equipment":
                break  # "eight-week" programme, "306-channel": counts, not kinds (but a "64-slice" CT)
        elif not word.islower() or any(c.isdigit() for c in word) or "/" in word:
            break
        elif NUMBER_WORD.match(low):
            break
        elif "-" not in word and (
            _verb_like(word)
            or low.endswith(("ly", "est"))
            or (lex.token_norm(low) not in known and not ADJECTIVE_END.search(low))
        ):
            break  # a word that is neither a known medical word nor shaped like an adjective: "who", "like"
        mods.insert(0, tok)
    if mods:
        pair = COORDINATED_PAIR_BEFORE.search(window[: mods[0].start()])
        if pair and f"{lex.token_norm(pair.group(1).lower())} and {lex.token_norm(mods[0].group(0).lower())}" in (
            _coordinated_words(reader.lexicon)
        ):
            mods = []  # "head and neck tumour MDT": not "neck tumour MDT" ("head and neck" is one modifier)
    tail = ""
    if m.kind == "equipment":
        t = DEVICE_TAIL.match(text, m.end)
        if t and not m.text.lower().endswith(("system", "machine", "device", "unit")):
            tail = t.group(0)
    if not mods and not tail:
        return m.text if _narrower_form(reader, m, stop) else None
    start = m.start - len(window) + mods[0].start() if mods else m.start
    phrase = text[start : m.end] + tail
    if reader.lexicon.by_label(m.kind, phrase) is not None:
        return None
    return phrase


QUOTED = re.compile(r"[\"“]([^\"”]{3,80})[\"”]")
NEW_HEADS = {
    "procedure": re.compile(
        r"^(?:\w+ectomy|\w+otomy|\w+ostomy|\w+plasty|\w+scopy|anastomosis|resection|biopsy|ablation|implantation|"
        r"reconstruction|dissection|surgery|transplantation|embolization|excision|replacement|repair|radiotherapy|"
        r"chemotherapy|immunotherapy|ligation|fixation|drainage|fusion|debridement|decompression|closure|grafting|"
        r"stenting|screening|imaging|scintigraphy|flaps?|navigation)$",
        re.IGNORECASE,
    ),
    "condition": re.compile(
        r"^(?:cancers?|tumou?rs?|carcinomas?|neoplasms?|lymphomas?|sarcomas?|leukemias?)$", re.IGNORECASE
    ),
}
GENERIC = {
    "surgery", "surgical", "operation", "routine", "difficult", "secondary", "various", "relevant", "related",
    "new", "advanced", "further", "standardized", "comprehensive", "minimally", "invasive", "treatment",
    "malignant", "benign", "large", "small", "early", "late", "local", "cancer", "tumor", "tumors", "general",
    "clinical", "modern", "traditional", "precise", "accurate", "individualized", "specialized", "common",
    "successful", "postoperative", "preoperative", "radical", "total", "partial", "complex", "overall",
}  # fmt: skip
NOT_AFTER_HEAD = re.compile(
    r"\s+(?:rate|ratio|time|times|risk|center|centre|department|team|room|technology|"
    r"technique|skills?|patients?|specialt\w+|hospitals?|institutes?|clinics?|units?|wards?|services?|surgeons?|"
    r"specialists?|experts?|research)\b",
    re.IGNORECASE,
)


def _new_concepts(reader, sent):
    """Well-formed names the vocabulary lacks: quoted procedure names, and noun phrases ending in a procedure or
    condition head word ('... bronchial sleeve resection', '... tracheal tumor') that no vocabulary label covers."""
    for m in QUOTED.finditer(sent.text):
        label = m.group(1).strip()
        whole = reader.lexicon.by_label("procedure", label)
        if NEW_HEADS["procedure"].match(label.split()[-1]) and whole is None:
            yield "procedure", label
    for _start, _end, phrase in _combined_procedures(reader, sent):
        yield "procedure", phrase
    for w in HEAD_WORD.finditer(sent.text):
        kind = _new_head_kind(w.group(0))
        if kind is None or NOT_AFTER_HEAD.match(sent.text[w.end() :]):
            continue
        if kind == "procedure" and _inside_combined(reader, sent, w.start(), w.end()):
            continue
        start, phrase = _np_before(sent.text, w.end(), max_words=5)
        tail = re.match(
            r"\s+of\s+(?:the\s+)?((?:[a-z]+\s+){0,3}[a-z]+)(?=[,;.]|\s*\(|\s+(?:and|in|with|for|is|are|was|were|has|have|"
            r"had)\b|$)",
            sent.text[w.end() :],
        )
        end = w.end()
        of_tail = bool(tail and len(phrase.split()) <= 2 and kind == "procedure")
        if of_tail:
            phrase = sent.text[start : w.end() + tail.end()]
            end = w.end() + tail.end()
        if kind == "condition":
            phrase = _strip_modifiers(phrase)
            start = end - len(phrase)
        words = phrase.lower().split()
        if phrase[:1].isupper() and _sentence_initial_word(reader, sent.text, start, words[0]):
            phrase = phrase[0].lower() + phrase[1:]  # "Open repair of ruptured aneurysm is carried out"
        if len(words) < 2 or all(x.strip("-") in GENERIC for x in words[:-1]) or phrase[:1].isupper():
            continue
        if phrase.lower() in getattr(sent, "_list_units", set()):
            continue
        if QUOTED.search(phrase):
            continue
        if _covered(sent, start, end, kinds=("procedure",) if of_tail else None):
            continue  # (what a procedure "of" is done on may be a vocabulary term: "resection of carotid body tumour")
        yield kind, phrase
    yield from _disease_names(sent)
    if EQUIPMENT_CUE.search(sent.text):
        yield from _device_names(reader, sent)


#: head nouns of devices' names ("... monitoring system", "... gamma probe", "... bone densitometer")
DEVICE_HEAD = re.compile(
    r"^(?:systems?|machines?|devices?|instruments?|apparatus|meters?|probes?|counters?|scanners?|monitors?|"
    r"printers?|spectrometers?|cyclotrons?|densitometers?|oximeters?|spirometers?|injectors?|ventilators?|"
    r"analy[sz]ers?|[a-z]+scopes?|modules?|workstations?|navigators?|robots?|pumps?|accelerators?|knives|knife|"
    r"generators?|consoles?|platforms?|cameras?|lasers?|separators?|incubators?|defibrillators?)$"
)
#: what makes no device of a "system": a body's system, or a way of working ("quality management system")
NOT_A_DEVICE_BEFORE = frozenset(
    """nervous immune digestive reproductive urinary respiratory circulatory cardiovascular endocrine lymphatic
    musculoskeletal skeletal motor biliary genitourinary management quality information service services training
    evaluation assessment education teaching research referral appointment follow-up healthcare health medical
    insurance control security safety working work discipline talent""".split()
)  # fmt: skip


def _device_names(reader, sent):
    """Devices the vocabulary lacks, in a sentence about equipment: a noun phrase headed by a device word ('a
    thyroid function meter', 'two bedside ultrasound systems', 'a PiCCO monitoring system'), counts and articles
    left out."""
    for w in HEAD_WORD.finditer(sent.text):
        if not DEVICE_HEAD.match(w.group(0).lower()) or not w.group(0).islower():
            continue
        start, phrase = _np_before(sent.text, w.end(), max_words=5)
        words = phrase.split()
        while words and (
            words[0].lower() in NOT_A_MODIFIER or NUMBER_WORD.match(words[0].lower()) or words[0][:1].isdigit()
        ):
            words = words[1:]
        if len(words) < 2 or words[-2].lower() in NOT_A_DEVICE_BEFORE or words[-2].lower() in NOT_A_MODIFIER:
            continue
        if words[0][:1].isupper() and sum(c.isupper() for c in words[0]) < 2:
            continue  # a name ("Leica ...") or a sentence's first word; abbreviations ("PiCCO", "CRRT") stay
        phrase = " ".join(words)
        start = w.end() - len(phrase)
        if _covered(sent, start, w.end()) or any(o.start < w.end() and start < o.end for o in sent.orgs):
            continue
        if sent.text[start : w.end()] != phrase:
            continue  # the words were not one run of text
        yield "equipment", phrase


#: a word that names a disease by its suffix (inflammation, a condition, a tumour), and the words that do not
DISEASE_SUFFIX = re.compile(r"^[a-z]{3,}(?:itis|osis|omas?)$")
NOT_A_DISEASE = frozenset(
    {"diagnosis", "prognosis", "stoma", "stomas", "diploma", "diplomas", "aroma", "aromas", "osmosis", "hypnosis",
     "symbiosis", "apoptosis", "anastomosis", "neurosis"}
)  # fmt: skip
#: head nouns of multi-word disease names: "Kawasaki disease", "nephrotic syndrome", "bipolar disorder"
DISEASE_HEAD = re.compile(r"^(?:diseases?|syndromes?|disorders?)$", re.IGNORECASE)
#: modifiers that make no disease name on their own ("chronic disease", "rare disorders")
DISEASE_GENERIC = GENERIC | {
    "chronic", "acute", "rare", "other", "serious", "severe", "major", "refractory", "systemic", "infectious",
    "these", "those", "such", "different", "multiple", "mild", "moderate", "primary", "inherited", "genetic",
    "complicated", "critical", "associated", "underlying", "medical", "surgical", "specific", "certain",
    "main", "largest", "biggest", "huge", "giant", "non", "without",
}  # fmt: skip
#: the sentence speaks of conditions treated or diagnosed, not of a complication or a research topic
TREATS_CUE = re.compile(
    r"\b(?:treat\w*|manag\w*|cares?\s+for|caring\s+for|patients?\s+with|people\s+with|children\s+with|"
    r"speciali[sz]\w*|diagnos(?:e|es|ed|ing)\b|conditions|diseases|disorders|such\s+as|including|expertise\s+in)\b",
    re.IGNORECASE,
)


def _disease_names(sent):
    """Disease names the vocabulary lacks, by their form: a word ending in -itis, -osis or -oma ('sarcoidosis',
    'eosinophilic esophagitis') or a noun phrase headed by disease, syndrome or disorder ('nephrotic syndrome',
    'Kawasaki disease'), in a sentence about conditions treated."""
    if not TREATS_CUE.search(sent.text):
        return
    for w in HEAD_WORD.finditer(sent.text):
        word = w.group(0)
        low = word.lower()
        by_suffix = bool(DISEASE_SUFFIX.match(low)) and low not in NOT_A_DISEASE and word.islower()
        if not by_suffix and not DISEASE_HEAD.match(word):
            continue
        start, phrase = _np_before(sent.text, w.end(), max_words=4)
        words = phrase.split()
        while len(words) > 1 and words[0].lower() in DISEASE_GENERIC | PROCEDURE_MODIFIERS:
            words = words[1:]
        if not words or (not by_suffix and len(words) < 2):
            continue
        phrase = " ".join(words)
        start = w.end() - len(phrase)
        if phrase[:1].isupper() and not _eponym(sent.text, start, words):
            continue
        if any(x.lower().strip("-") in DISEASE_GENERIC for x in words[-2:-1]) and not by_suffix:
            continue
        if _covered(sent, start, w.end()) or any(o.start < w.end() and start < o.end for o in sent.orgs):
            continue
        yield "condition", phrase


def _eponym(text: str, start: int, words: list[str]) -> bool:
    """'Kawasaki disease', "Cushing's syndrome": one capitalised name before the head, not opening the sentence."""
    return len(words) == 2 and start > 0 and bool(re.fullmatch(r"[A-Z][a-z]+(?:'s)?", words[0]))


def _sentence_initial_word(reader, text: str, start: int, word: str) -> bool:
    """Is the capitalised word at `start` an ordinary medical word that opens the sentence ('Open', 'Laparoscopic'),
    not a name?"""
    if text[:start].strip(" \"'([") or not word.isalpha():
        return False
    return lex.token_norm(word) in _vocabulary_words(reader.lexicon) or bool(ADJECTIVE_END.search(word))


@lru_cache(maxsize=50_000)
def _new_head_kind(word: str) -> str | None:
    """The kind of concept a word is the head noun of ('resection' a procedure, 'tumors' a condition), if any."""
    return next((k for k, rx in NEW_HEADS.items() if rx.match(word)), None)


#: one operation of two steps: "lobectomy combined with partial atrial resection", "tracheal resection and
#: reconstruction", "carotid resection and angioplasty"
COMBINED_WITH = re.compile(
    r"\s+(?:combined with|together with|plus)\s+(?P<tail>(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)(?=\s*(?:[,;.]|$))",
    re.IGNORECASE,
)
SECOND_STEP = re.compile(
    r"\s+and\s+(?P<tail>(?:immediate\s+|primary\s+)?(?:reconstruction|angioplasty|anastomosis|repair|replacement))"
    r"(?=\s*(?:[,;.]|$))",
    re.IGNORECASE,
)


def _combined_procedures(reader, sent) -> list[tuple[int, int, str]]:
    """Procedures named as one step combined with another, each step ending in a procedure head word; the list
    item must end there (a comma, a full stop), so that a list ('surgery and radiotherapy') is not one."""
    found = getattr(sent, "_combined", None)
    if found is not None:
        return found
    found = []
    for w in re.finditer(r"[A-Za-z][\w-]*", sent.text):
        if not NEW_HEADS["procedure"].match(w.group(0)):
            continue
        m = COMBINED_WITH.match(sent.text, w.end())
        if m is None and re.match(r"(?:resection|excision)$", w.group(0), re.IGNORECASE):
            m = SECOND_STEP.match(sent.text, w.end())
        if m is None or not NEW_HEADS["procedure"].match(m.group("tail").split()[-1]):
            continue
        start, first = _np_before(sent.text, w.end(), max_words=5)
        if not first or any(c.kind == "procedure" and c.start < start < c.end for c in sent.concepts):
            continue
        end = m.end("tail")
        phrase = sent.text[start:end]
        if reader.lexicon.by_label("procedure", phrase) is None:
            found.append((start, end, phrase))
    sent._combined = found
    return found


def _inside_combined(reader, sent, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e, _ in _combined_procedures(reader, sent))


PROCEDURE_MODIFIERS = {
    "laparoscopic", "thoracoscopic", "endoscopic", "robotic", "radical", "minimally", "invasive", "open",
    "surgical", "complex", "advanced", "local", "locally", "treatment", "of", "for", "with", "the",
}  # fmt: skip


def _strip_modifiers(phrase: str) -> str:
    """'laparoscopic radical esophageal cancer' names the condition 'esophageal cancer'."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in PROCEDURE_MODIFIERS:
        words = words[1:]
    return " ".join(words)


def _covered(sent, start: int, end: int, kinds: tuple[str, ...] | None = None) -> bool:
    """Does a vocabulary mention already cover (or, unless `kinds` are given, end with) this stretch? With `kinds`,
    only a mention of those kinds covering the whole stretch counts."""
    if kinds:
        return any(c.kind in kinds and c.start <= start + 2 and c.end >= end - 2 for c in sent.concepts)
    return any(c.start <= start + 2 and c.end >= end - 2 or c.end == end for c in sent.concepts)


# ---------------------------------------------------------------- figures
def figures(reader, sent) -> None:
    subject = reader.subject_of(sent)
    if subject is None or sent.heading:
        return
    claimed = _claimed(reader, sent)
    period = PERIOD.search(sent.text)
    inherited = None
    for n in numbers_in(sent):
        if (n.start, n.end) in claimed or any(c.start <= n.start < c.end for c in sent.concepts):
            continue
        text = sent.text
        if n.is_year_like and re.search(r"\b(?:in|since|from|by|of|year)\s+(?:the\s+)?$", text[: n.start].lower()):
            continue
        if re.search(r"\d\s*$|[-/]\s*$", text[: n.start]) or re.match(r"\s*-\s*[a-z]", text[n.end :]):
            continue
        prev = re.findall(r"[A-Za-z]+", text[max(0, n.start - 40) : n.start])[-1:]
        if prev and (prev[0].lower() in NOT_A_QUANTITY_BEFORE or prev[0].lower() == "the" and not n.is_year_like):
            continue
        after = text[n.end :]
        leader = DOTTED_LEADER.match(text, 0, n.start)  # "Radiotherapy courses ........ 5,300": a table's row
        if (
            leader
            and not n.is_year_like
            and re.match(r"[ \t]*(?:\n|$)", after)
            and not TABLE_CAPACITY.search(leader.group("label"))
            and not _role_phrase(reader, leader.group("label"))  # "Residents: 14": staff
        ):
            measure = leader.group("label").strip()
        elif re.match(r"[ \t]*(?:\n|$)", after) or _in_a_name(text, n):
            continue  # a number that ends its line (a list item's year) measures nothing; "Three Gorges" is a name
        else:
            measure = None
        percent = bool(re.match(r"\s*(?:%|percent\b|per cent\b)", after))
        if not measure and not percent and NOT_A_MEASURE.match(after.strip()):
            continue
        measure = measure or _measure(text, n, percent) or _measure_before(text, n)
        if not measure or _counts_devices(sent, n):
            continue
        qualifier = _qualifier_before(text, n.start)
        if qualifier:
            inherited = qualifier
        elif inherited and re.search(r",\s*$|\band\s*$", text[: n.start]):
            qualifier = inherited
        reader.facts.append(
            fact(
                "figure",
                subject,
                n.value,
                sent.evidence,
                measure=measure,
                qualifier=qualifier,
                period=period.group(0) if period else None,
                unit="percent" if percent else None,
            )
        )


#: a table row that gives a figure after dots: "New patient consultations ....... about 4,100"
DOTTED_LEADER = re.compile(
    r"^\W*(?P<label>[A-Za-z][^.:\n]{2,60}?)\s*(?:\.{3,}|:)\s*(?:(?:about|around|approximately|more than|over|nearly|"
    r"almost|up to|at least|less than)\s+)?$"
)
#: rows the capacity rules read (beds, wards, staff), not activity figures
TABLE_CAPACITY = re.compile(
    r"\b(?:beds?|wards?|staff|doctors?|nurses?|physicians?|chairs?|founded|established|since|year|tel|telephone|"
    r"residents?|registrars?|consultants?|fellows?|interns?|specialists?|therapists?|pharmacists?|technicians?|"
    r"technologists?|surgeons?|professors?|employees?|members?|"
    r"phone|fax|hotline|e-?mail|address|post\s*code|zip|room|floor|block|level|ext|extension|no)\b",
    re.IGNORECASE,
)
#: "The annual outpatient visits are about 86,000.": what a number that ends its clause measures, said before it
MEASURE_BEFORE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:the|and|while)\s+)(?P<measure>[a-z][\w' -]{2,50}?)\s+(?:is|are|was|were|reached|reach|"
    r"totall?ed|numbered|exceeded|exceed)\s+(?:(?:about|around|approximately|more than|over|nearly|almost|up to|"
    r"at least|less than)\s+)?$",
    re.IGNORECASE,
)


def _measure_before(text: str, n) -> str | None:
    if not re.match(r"\s*(?:[.;,]|$)", text[n.end :]):
        return None
    m = MEASURE_BEFORE.search(text, max(0, n.start - 70), n.start)
    if m is None:
        return None
    measure = re.sub(r"^(?:the|a|an|its|our)\s+", "", m.group("measure").strip(), flags=re.IGNORECASE)
    if TABLE_CAPACITY.search(measure) or re.search(r"\b(?:number|total)\s+of\s+(?:the\s+)?$", measure):
        return None
    return measure


def _in_a_name(text: str, n) -> bool:
    """A number word written with a capital inside a sentence, before another capitalised word ("the Three Gorges
    Medical College"): part of a name, not a count."""
    word = text[n.start : n.end]
    return (
        word[:1].isupper()
        and word.isalpha()
        and n.start > 0
        and not re.search(r"(?:[.!?:;\n]\s*|^\W*)$", text[: n.start])
        and bool(re.match(r"\s+[A-Z]", text[n.end :]))
    )


def _counts_devices(sent, n) -> bool:
    """'four linear accelerators', 'two large-aperture CT simulators': how many devices a unit has, not an
    activity or outcome figure (the devices themselves are read as equipment)."""
    return any(
        c.kind == "equipment"
        and c.start >= n.end
        and DEVICE_COUNT_GAP.fullmatch(sent.text[n.end : c.start])
        and not USES_OF_DEVICE.match(sent.text[c.end :])
        for c in sent.concepts
    )


#: '800 MRI examinations': the device names what was counted
USES_OF_DEVICE = re.compile(
    r"\s*(?:-\s*)?(?:examinations?|exams?|scans?|cases?|procedures?|operations?|treatments?|sessions?|"
    r"surger(?:y|ies)|guided)\b",
    re.IGNORECASE,
)
#: up to two modifiers between a count and a device ("two large-aperture CT simulators"), but not "1,000 cases of"
DEVICE_COUNT_GAP = re.compile(
    r"\s+(?:(?!(?:of|cases?|patients?|times|people|examinations?|scans?|operations?|sessions?|and|or)\s)[\w-]+\s+){0,2}",
    re.IGNORECASE,
)


def _measure(text: str, n, percent: bool) -> str | None:
    after = text[n.end :]
    if percent:
        after = re.sub(r"^\s*(?:%|percent|per cent)", "", after)
        m = re.match(
            r"\s*of\s+(?:the\s+)?([a-z][\w' -]{2,60}?)(?=\s+(?:can|could|have|has|had|are|were|is|was|"
            r"receive|received|who|that|which)\b|[,;.]|$)",
            after,
        )
        if m:
            return m.group(1).strip()
        before = re.split(r",|\band\b", text[: n.start])[-1]
        m = re.search(
            r"(?:the\s+)?([a-z][\w' -]{2,60}?)\s+(?:is|was|are|were|reached|reaches|of)\s+"
            r"(?:more than |over |about |nearly |almost |up to |at least |less than )?$",
            before,
            re.I,
        )
        if m:
            return re.sub(r"^(?:the|a|an)\s+", "", m.group(1).strip(), flags=re.I)
        return "percentage"
    words = []
    for w in re.findall(r"[A-Za-z][\w'.-]*|[,;:()]", after)[:8]:
        if w in ",;:()" or w.lower() in STOP_MEASURE:
            break
        words.append(w)
    if not words:
        return None
    return " ".join(words).rstrip(".") or None  # "1,600 day operations.": the sentence's full stop is not the word's


# ---------------------------------------------------------------- collaborations
#: the place after a partner's name: "in Boston, USA", ", Hanoi, Vietnam"
PARTNER_PLACE = re.compile(
    r"\s*(?:in|,)\s*([A-Z][\w ]+?)(?:,\s*([A-Z][\w.]+(?: [A-Z]\w+)?))?(?=[,;.]|\s+(?:and|for|on)\b|$)"
)
#: collaboration cues that are nouns, whose noun phrase names the kind of collaboration
COLLAB_NOUN = re.compile(
    r"(?:relationships?|cooperation|collaborations?|partnerships?|exchanges?|alliance|agreements?|consultations?)",
    re.IGNORECASE,
)
#: "USA and St. Mary's Hospital": a place that ended the partner before, joined to the next partner's name
LEADING_PLACE = re.compile(r"^(?P<place>[A-Z][\w.]*(?: [A-Z][\w.]*)?)\s+and\s+(?=[A-Z])")


def _partner_name(text: str) -> str:
    """A partner's name without the place of the partner listed before it, which a name rule may have joined."""
    from hkg.graph.extract import clean_name

    lead = LEADING_PLACE.match(text)
    if lead and (mn.city_country(lead.group("place")) or mn.is_country(lead.group("place"))):
        text = text[lead.end() :]
    return clean_name(text)


def collaborations(reader, sent) -> None:
    from hkg.graph.extract import COLLAB_CUE

    m = COLLAB_CUE.search(sent.text)
    if not m:
        return
    party = reader.subject_of(sent)
    own = {reader.main_unit, reader.hospital_key}
    partners = [o for o in sent.orgs if o.start >= m.end() - 1 and reader.resolve_unit_text(o.text) not in own - {None}]
    if party is None:
        return
    if not partners:  # "cooperates closely with the radiotherapy department of our hospital": a unit in lower case
        the = re.match(r"\s+(?:the\s+)?", sent.text[m.end() :])
        unit = _lowercase_unit_after(sent, m.end() + the.end()) if the else None
        partner = _unit_entity(reader, unit.text, sent) if unit is not None else None
        if partner is not None and partner not in own:
            reader.facts.append(fact("collaboration", party, partner, sent.evidence, kind="collaboration"))
        return
    tail = sent.text[partners[-1].end :]
    if place := PARTNER_PLACE.match(tail):  # "... in Boston, USA for clinical trials"
        tail = tail[place.end() :]
    k = re.match(r"\s*(?:,\s*)?(?:for|on|in the field of|in terms of|to carry out|to conduct)\s+([^,;.]+)", tail)
    cue = re.match(r"\S+", sent.text[m.start() :]).group(0)
    if k and not re.match(r"\s*in\s+[A-Z]", tail):
        kind = k.group(1).strip()
    elif COLLAB_NOUN.fullmatch(cue):  # "a long-term close relationship with": the noun phrase says what kind
        _, kind = _np_before(sent.text, m.start() + len(cue))
        kind = kind or "collaboration"
    else:  # a verb ("collaborates with") says only that they do
        kind = "collaboration"
    for org in partners:
        partner = reader.entity(
            "hospital" if org.ref in mn.HOSPITAL_HEADS or "hospital" in org.text.lower() else "org",
            _partner_name(org.text),
            sent.evidence,
        )
        reader.partner_keys.add(partner.key)
        reader.facts.append(fact("collaboration", party, partner.key, sent.evidence, kind=kind))
        place = PARTNER_PLACE.match(sent.text[org.end :])
        if place:
            city_or_country = place.group(1).strip()
            country = place.group(2)
            if mn.city_country(city_or_country):
                reader.facts.append(fact("city", partner.key, city_or_country, sent.evidence))
                if country:
                    reader.facts.append(fact("country", partner.key, country.strip(), sent.evidence))


# ---------------------------------------------------------------- people
def people(reader, sent) -> None:
    names = [sent.tokens.span(s, e) for s, e in sent.people]
    for m in REPORTS.finditer(sent.text):
        words = [w for w in m.group("names").split() if w != "and"]
        if words and re.fullmatch(r"Reporters?", words[0]):
            words = words[1:]
        if len(words) % 2 == 0 and all(w[:1].isupper() for w in words):
            for k in range(0, len(words), 2):
                name = " ".join(words[k : k + 2])
                if any(w in mn.SURNAMES for w in words[k : k + 2]):
                    _membership(reader, name, "reporter", None, sent)
    for m in EDITOR.finditer(sent.text):
        _membership(reader, m.group("name"), m.group("role"), None, sent)
    names += _untitled_western_names(reader, sent, names)
    if not names:
        return
    for _start, end, name in names:
        q = QUALIFICATION.match(sent.text[end:].lstrip(" ,"))
        if q:
            person = reader.entity("person", name, sent.evidence)
            reader.facts.append(fact("qualification", person.key, q.group(1), sent.evidence))
    for start, _end, name in names:
        t = TITLE_BEFORE.search(sent.text[:start])
        if t:
            person = reader.entity("person", name, sent.evidence)
            reader.facts.append(fact("qualification", person.key, t.group("title"), sent.evidence))
    for m in ROLE_OF.finditer(sent.text):
        role = _with_modifier(sent.text, m.start("role"), m.group("role"))
        org_text = m.group("org").strip()
        org_text = re.split(r"\s+(?:and|told|said|owns|has|is|was)\s+(?=[a-z])|\s+(?:is|was)\s+", org_text)[0]
        person = next(
            (n for s_, e_, n in names if COPULA_TO_ROLE.fullmatch(sent.text[e_ : m.start("role")])), None
        ) or _nearest_person(names, m.start(), m.end(), sent.text)
        if person is None:
            continue
        organisation = _organisation_of(reader, org_text, sent)
        unit_text = re.split(r",|\s+of\s+(?=(?:[A-Z][\w']*\s+)*Hospital)", org_text)[0].strip()
        anaphoric = re.match(r"(?:the|this|our|that)\s+\w+$", unit_text, re.IGNORECASE)
        as_written = role if anaphoric or len(unit_text.split()) > 5 else f"{role} of {unit_text}"
        _membership(reader, person, role, organisation, sent, as_written=as_written)
    for start, end, name in names:
        after = sent.text[end:]
        if re.match(r"\s*,?\s*(?:said|says|told|explained|introduced|pointed out)\b", after):
            reader.entity("person", name, sent.evidence)
        if FOUNDED_BY.search(sent.text[max(0, start - 80) : start]):
            _membership(reader, name, "founder", reader.subject_of(sent), sent)
        led = LEADS.match(after)
        if led:
            target = reader.resolve_unit_text(led.group("org")) or reader.subject_of(sent)
            _membership(reader, name, "head", target, sent, as_written=led.group("said").strip())
        _stated_roles(reader, sent, start, end, name)


#: "The division was founded in 1972 by Dr. Walter Henning": the person is its founder
FOUNDED_BY = re.compile(
    r"\b(?:founded|established|set\s+up|started|created)\s+(?:in\s+\d{4}\s+)?by\s+(?:the\s+late\s+)?"
    r"(?:(?:Associate\s+)?(?:Professor|Prof\.?|Dr\.?|Mr\.?|Ms\.?|Mrs\.?)\s+)?$"
)
#: what joins a name to the role stated of it: "X is the Clinical ", "X, "
COPULA_TO_ROLE = re.compile(r"\s*(?:,\s*|\s+(?:is|was|serves as)\s+(?:also\s+)?(?:the|an?)\s+)(?:[A-Z][a-z]+\s+){0,2}")
#: a title before a name, kept as the person's qualification: "Professor Li Ming", "Dr. Jane Doe"
TITLE_BEFORE = re.compile(
    r"(?<![\w.])(?P<title>(?:(?:Associate|Assistant|Full|Clinical|Adjunct)\s+)?(?:Professor|Prof\.|Dr\.?|"
    r"Academician))\s+$"
)
#: a courtesy title before a name ("Ms. Wong Siu-fan"): not a qualification, but not the role before the name either
COURTESY_BEFORE = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+$")
#: "X is a chief physician and doctoral supervisor", "X, chief physician,": roles stated of a named person
ROLE_AFTER_NAME = re.compile(
    r"\s*(?:,\s*(?:who\s+)?)?(?:(?:is|was|serves as|works as)\s+(?:also\s+)?(?:an?\s+|the\s+|our\s+)?|,\s*(?=[A-Za-z])|"
    r"[ \t]+[-:][ \t]+(?=[A-Za-z])|"
    r",\s*(?=(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+\s*,))"
    r"(?P<roles>[A-Za-z' -]+?)(?=\s+(?:of|at|in|for)\s|[,;.]|$)"
)
#: "the deputy director is Lin Ming": a role stated before the name
ROLE_BEFORE_NAME = re.compile(
    r"\b(?:[Tt]he|[Oo]ur|[Ii]ts)\s+(?P<role>[A-Za-z][A-Za-z' -]{2,40}?)\s+(?:of\s+(?:the|this|our)\s+\w+\s+)?"
    r"(?:is|was)\s+$"
)


#: the next item of a list of roles after a name: ", M.D.", ", Ph.D." (a degree) ...
DEGREE_IN_LIST = re.compile(rf"\s*,?\s*(?P<degree>{DEGREE})(?=\W|$)")
#: what a role in a list is of: "director of the center", "head of Ward 3" (the membership is read by ROLE_OF)
ROLE_COMPLEMENT = re.compile(r"\s+(?:of|at|in|for)\s+[^,;.\n]*")
#: ... or ", chief physician", ", professor and doctoral supervisor" (a role, ended by a comma or the clause's end)
ROLE_IN_LIST = re.compile(r"\s*[,;]\s*(?P<piece>[A-Za-z][A-Za-z' -]{1,60}?)(?=[ \t]*\n|\s*(?:[,;]|\.(?:\s|$)|$))")
#: a role just before a name: "Director Cheng Ming", "Head nurse: Sun Li", "Director of the department: Gu Lin",
#: "founded by professor Duan Ming", "[Leaders] Director Wei Hua"
ROLE_LEADS_NAME = re.compile(
    r"(?:^[-*•●\s]*|[,;:(\]]\s*|\b(?:by|and)\s+)(?P<role>(?:[A-Za-z][A-Za-z-]*\s+){0,2}?[A-Za-z][A-Za-z-]*)"
    r"(?P<of>\s+of\s+(?:the|this|our)\s+(?:department|center|centre|unit|division|ward|hospital))?\s*:?\s*$"
)


#: a line that gives a role in a unit before the name: "Nurse Manager, Endoscopy Unit: Janice Kowalchuk, RN"
ROLE_AND_UNIT_LEAD_NAME = re.compile(
    r"(?:^|\n)\W*(?P<role>[A-Z][A-Za-z' -]{2,40}?)\s*,\s*(?P<unit>[A-Z][^:,\n]{2,60}?)\s*:\s*$"
)


def _role_phrase(reader, phrase: str) -> str | None:
    """The phrase as a role when it is one: it ends in a role of the vocabulary ('Lead Cancer Nurse')."""
    phrase = phrase.strip()
    core = OR_ABOVE.sub("", phrase)  # "master's degree or above": the degree, at least
    field = ROLE_FIELD.search(core)  # "consultant in palliative medicine", "Lead Nurse for Respiratory"
    if field and not _names_an_organisation(field.group(1), abbreviations=False):
        core = core[: field.start()]
    words = core.split()
    if not 1 <= len(words) <= 4:
        return None
    found = [m for m in mn.phrase_concepts(reader.lexicon, core) if m.kind == "role"]
    return phrase if any(m.end == len(core) for m in found) else None


def _names_an_organisation(words: str, abbreviations: bool = True) -> bool:
    """Does what follows a role's "of"/"in"/"for" name an organisation (an organisation's head word, or, with
    `abbreviations`, a unit's abbreviation such as "NICU") rather than the role's field?"""
    return any(w.lower() in mn.ORG_HEADS or (abbreviations and len(w) > 1 and w.isupper()) for w in words.split())


#: the field a role is in: "in palliative medicine", "for respiratory medicine", "of training" (not "of the ...")
ROLE_FIELD = re.compile(
    r"\s+(?:in|for|of)\s+(?!the\b|a\b|an\b|our\b|this\b)((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*)$"
)


OR_ABOVE = re.compile(r"\s+(?:or|and)\s+(?:above|higher|over)$", re.IGNORECASE)


def _first_role(reader, m) -> str | None:
    """The first of the roles a ROLE_AFTER_NAME match lists, when it is a role."""
    return _role_phrase(reader, re.split(r"\s*,\s*|\s+and\s+", m.group("roles"))[0])


def _roles_stated(reader, sent, m, name: str, subject) -> None:
    pieces = re.split(r"\s*,\s*|\s+and\s+", m.group("roles"))
    field = FIELD_AFTER_ROLE.match(sent.text, m.end())
    if field and _names_an_organisation(field.group("field")):
        field = None  # "director of Peking University Cancer Hospital", "head nurse of NICU": an organisation
    for i, piece in enumerate(pieces):
        # "the program's surgical director"
        role = _role_phrase(reader, OWNER_POSSESSIVE_LEAD.sub("", re.sub(r"^(?:an?|the)\s+", "", piece)))
        if role is None:
            break
        if field and i == len(pieces) - 1:  # "consultant in palliative medicine": the role with its field
            role += field.group(0)
        _membership(reader, name, role, subject, sent)
    else:
        # "consultant in palliative medicine and Honorary Senior Lecturer at ...": a role after the field
        after = ROLE_AFTER_FIELD.match(sent.text, field.end()) if field else None
        role = _role_phrase(reader, after.group("role")) if after else None
        if role:
            _membership(reader, name, role, subject, sent)


#: "... and Honorary Senior Lecturer at ...": a role after a role's field
ROLE_AFTER_FIELD = re.compile(
    r"\s+and\s+(?:an?\s+)?(?P<role>[A-Za-z][A-Za-z' -]{1,40}?)(?=\s+(?:of|at|in|for)\s|[,;.]|$)"
)
#: the field a role is in, after it: " in palliative medicine", " for Respiratory", " of training"
FIELD_AFTER_ROLE = re.compile(
    r"\s+(?:in|for|of)\s+(?!(?:the|a|an|our|this|its|his|her)\b)(?P<field>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)"
    r"(?=\s*(?:[,;.)]|\s+and\s|\s+at\s|$))"
)


def _stated_roles(reader, sent, start: int, end: int, name: str) -> None:
    """Roles said of a named person in so many words, in the unit the sentence is about."""
    subject = reader.subject_of(sent)
    m = ROLE_AFTER_NAME.match(sent.text, end)
    if (
        m
        and m.group("roles")[:1].isupper()
        and m.group(0).lstrip().startswith(",")
        and (DEGREE_IN_LIST.match(sent.text, end) or not _first_role(reader, m))
    ):
        m = None  # "X, M.D., chief physician", "X, Zhang Wei": what follows the comma is a degree or no role
    if m:
        _roles_stated(reader, sent, m, name, subject)
    pos = m.end() if m else end
    degrees = False
    while True:  # "X, M.D., chief physician and doctoral supervisor, ...": the rest of a list of roles
        q = DEGREE_IN_LIST.match(sent.text, pos)
        if q:
            person = reader.entity("person", name, sent.evidence)
            reader.facts.append(fact("qualification", person.key, q.group("degree"), sent.evidence))
            pos, degrees = q.end(), True
            continue
        if degrees:  # "X, MD, PhD, is the Center Director"
            degrees = False
            m = ROLE_AFTER_NAME.match(sent.text, pos)
            if m and m.end() > pos:
                _roles_stated(reader, sent, m, name, subject)
                c = ROLE_COMPLEMENT.match(sent.text, m.end())  # "..., director of the center, chief physician"
                pos = c.end() if c else m.end()
                continue
        r = ROLE_IN_LIST.match(sent.text, pos)
        pieces = re.split(r"\s+and\s+", r.group("piece")) if r else []
        roles = [_role_phrase(reader, re.sub(r"^(?:an?|the)\s+", "", p)) for p in pieces]
        if not roles or None in roles:
            break
        for role in roles:
            _membership(reader, name, role, subject, sent)
        pos = r.end()
    window = sent.text[max(0, start - 40) : start]
    title = TITLE_BEFORE.search(window) or COURTESY_BEFORE.search(window)
    before = sent.text[: max(0, start - 40) + title.start() if title else start]
    b = ROLE_BEFORE_NAME.search(before)
    if b:
        role = _role_phrase(reader, b.group("role"))
        if role:
            _membership(reader, name, role, subject, sent)
    line = ROLE_AND_UNIT_LEAD_NAME.search(before)  # "Medical Director, Endoscopy Unit: Dr. Owen Fitzgerald"
    if line and not b:
        role = _role_phrase(reader, line.group("role"))
        if role:
            _membership(reader, name, role, reader.resolve_unit_text(line.group("unit")) or subject, sent)
            return
    lead = ROLE_LEADS_NAME.search(before, max(0, len(before) - 60))
    if lead and "\n" in before[lead.end("role") :] and before[: lead.start("role")].rstrip().endswith(","):
        lead = None  # "..., chief physician, professor\nGuo Peng": the end of the line before's list of roles
    if lead and not b:
        role = _role_phrase(reader, lead.group("role"))
        if role and not _has_role(reader, name, role):
            written = lead.group("role") + (lead.group("of") or "")
            _membership(reader, name, role, subject, sent, as_written=written if lead.group("of") else None)


def _has_role(reader, name: str, role: str) -> bool:
    """Is this role already stated of this person (in any case: 'Reporter X and Y report ...')?"""
    key = "person:" + slug(name)
    return any(
        f.kind == "membership" and f.subject == key and str(f.get("role")).lower() == role.lower() for f in reader.facts
    )


def _with_modifier(text: str, start: int, role: str) -> str:
    """'the Clinical Director of ...': a capitalised modifier before the role word belongs to the role."""
    m = re.search(r"\b(?:the|a|an)\s+((?:[A-Z][a-z]+\s+){1,2})$", text[:start])
    if m and role[:1].isupper() and not any(w.lower() in mn.ORG_HEADS for w in m.group(1).split()):
        return m.group(1) + role
    return role


def _untitled_western_names(reader, sent, names) -> list[tuple[int, int, str]]:
    """'Jane Doe is the Lead Nurse', 'Abulaiti Maimaiti, chief physician, ...': two capitalised words that are not
    a known name, followed by a stated role."""
    out = []
    taken = [(s, e) for s, e, _ in names]
    for m in re.finditer(r"\b([A-Z][a-z]+ [A-Z][a-z]+)(?=\s+(?:is|was)\s+(?:the|an?|our)\s+|,\s*[A-Za-z])", sent.text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
            continue
        words = m.group(1).split()
        low = [w.lower() for w in words]
        if any(w in mn.NOT_NAME_WORDS or w in mn.ORG_HEADS or w in mn.DETERMINERS for w in low):
            continue
        if any(c.start < m.end() and m.start() < c.end for c in sent.concepts + sent.orgs + sent.places):
            continue
        r = ROLE_AFTER_NAME.match(sent.text, m.end())
        if r and _first_role(reader, r):
            out.append((m.start(), m.end(), m.group(1)))
    # "The Charge Nurse Manager is Mere Tautahi.": a role stated before a name that ends the clause
    for m in re.finditer(r"\b(?:is|was)\s+([A-Z][a-z]+ [A-Z][a-z]+)(?=\s*(?:[.,;)]|$))", sent.text):
        low = m.group(1).lower().split()
        if any(w in mn.NOT_NAME_WORDS or w in mn.ORG_HEADS for w in low) or any(
            s <= m.start(1) < e for s, e, _ in names + out
        ):
            continue
        if any(c.start < m.end(1) and m.start(1) < c.end for c in sent.concepts + sent.orgs + sent.places):
            continue
        b = ROLE_BEFORE_NAME.search(sent.text[: m.start(1)])
        if b and _role_phrase(reader, b.group("role")):
            out.append((m.start(1), m.end(1), m.group(1)))
    return out


def _nearest_person(names, start: int, end: int, text: str = "") -> str | None:
    """The name nearest a role, not across a ';' ("X, chairman of Y; Chief physicist Z": the chairman is X)."""
    best = None
    for s, e, name in names:
        if ";" in text[min(e, start) : max(s, end)]:
            continue
        dist = min(abs(start - e), abs(s - end))
        if dist <= 60 and (best is None or dist < best[0]):
            best = (dist, name)
    if best is None and len(names) == 1:
        return names[0][2]
    return best[1] if best else None


def _organisation_of(reader, org_text: str, sent) -> str | None:
    from hkg.graph.extract import UNIT_KIND, _unit_part, clean_name

    if org_text.strip().lower() in mn.UNIT_HEADS | {"the unit", "the team"}:
        return reader.main_unit or reader.default_subject  # "Head of Unit"
    key = reader.resolve_unit_text(org_text)
    if key:
        return key
    parts = [p.strip() for p in org_text.split(",") if p.strip()]
    first = parts[0]
    unit_name, hospital_name = _unit_part(first)
    if hospital_name and unit_name:
        hospital = (
            reader.resolve_unit_text(hospital_name)
            or reader.entity("hospital", clean_name(hospital_name), sent.evidence).key
        )
        unit = reader.entity("unit", clean_name(unit_name), sent.evidence)
        reader.facts.append(fact("unit_of", unit.key, hospital, sent.evidence))
        return unit.key
    words = first.lower().split()
    if len(parts) > 1 and re.search(r"Association|Society|Federation|Academy|Alliance", parts[1]):
        body = reader.entity("org", clean_name(parts[1]), sent.evidence)
        div = reader.entity("org", clean_name(first), sent.evidence)
        reader.facts.append(fact("sub_organization_of", div.key, body.key, sent.evidence))
        return div.key
    if any(w in mn.BODY_HEADS for w in words):
        return reader.entity("org", clean_name(first), sent.evidence).key
    if len(parts) > 1 and "hospital" in parts[1].lower():
        hospital = (
            reader.resolve_unit_text(parts[1]) or reader.entity("hospital", clean_name(parts[1]), sent.evidence).key
        )
        unit = reader.entity(
            "unit", clean_name(first), sent.evidence, unit_kind=UNIT_KIND.get(words[-1] if words else "", "Department")
        )
        reader.facts.append(fact("unit_of", unit.key, hospital, sent.evidence))
        return unit.key
    return None


def _membership(reader, name: str, role: str, organisation: str | None, sent, as_written: str | None = None) -> None:
    person = reader.entity("person", name.strip(), sent.evidence)
    concept = _role_concept(reader, role)
    reader.facts.append(
        fact(
            "membership",
            person.key,
            organisation,
            sent.evidence,
            role=role.strip(),
            concept=concept,
            as_written=as_written,
        )
    )


def role_units(reader) -> None:
    """Units named only through a person's role: 'Director of General Surgery of X Hospital'."""
    for sent in reader.sentences:
        if not sent.people:
            continue
        for m in ROLE_OF.finditer(sent.text):
            org_text = re.split(r"\s+(?:and|told|said|owns|has|is|was)\s+(?=[a-z])", m.group("org").strip())[0]
            if not org_text[:1].isupper():
                continue
            _organisation_of(reader, org_text, sent)


# ---------------------------------------------------------------- units listed as departments
LIST_ITEM_STOP = (
    r"\b(?:was|were|is|are|has|have|had|known|as|which|that|who|it|its|our|we|been|by|to|from|after|before)\b"
)


def department_lists(reader) -> None:
    """'The majors include thoracic surgery, breast surgery, ...': each item is a unit of the hospital."""
    from hkg.graph.extract import DEPARTMENT_LIST_CUE, SPECIALTY_WORDS, clean_name

    for sent in reader.sentences:
        cue = DEPARTMENT_LIST_CUE.search(sent.text)
        built = None if cue else UNITS_BUILT.search(sent.text)  # "The hospital has built a chest pain center, ..."
        if not (cue or built) or sent.text.count(",") < 2:
            continue
        items = []
        after_built = built is not None  # "a chest pain center, a stroke center and a trauma center"
        text = sent.text[built.end() :] if after_built else sent.text
        for chunk in re.split(BUILT_ITEM_BREAK if after_built else ITEM_BREAK, text):
            item = re.sub(r"^\s*(?:and|with|etc\.?|the|there are|there is)\s+", "", chunk.strip(), flags=re.I)
            if after_built:
                item = re.sub(r"^(?:an?|the)\s+", "", item, flags=re.I)
            item = re.sub(r"\s+(?:and other|etc)\b.*$", "", item, flags=re.I)
            # "Neurology and Geriatrics were approved as key specialties": the list is the clause's subject
            item = LISTED_AS_SUBJECT.sub("", item)
            if after_built and not UNIT_HEAD_END.search(item):
                continue  # after "has built": centres, wards and units, not clinics or procedures
            item = re.sub(r"\s*\.$", "", item).strip()
            item = re.sub(r"\s*\([^)]*\)", "", item).strip()
            if not item or len(item.split()) > 7 or re.search(r"\d", item):
                continue
            if DEPARTMENT_LIST_CUE.search(item) and len(item.split()) > 3 and not item.lower().endswith("department"):
                continue
            if not SPECIALTY_WORDS.search(item) or re.search(LIST_ITEM_STOP, item, re.I):
                continue
            items.append(item)
        if len(items) < 3:
            continue
        for item in items:
            pieces = _split_units(item)
            for piece in pieces:
                if len(piece.split()) == 1 and not SPECIALTY_WORDS.search(piece):
                    continue
                head = piece.lower().split()[-1]
                from hkg.graph.extract import UNIT_KIND

                reader.entity("unit", clean_name(piece), sent.evidence, unit_kind=UNIT_KIND.get(head, "Department"))
                if hasattr(sent, "_list_units"):
                    sent._list_units.add(piece.lower())
                else:
                    sent._list_units = {piece.lower()}


ITEM_BREAK = re.compile(r"[,;]|\bincluding\b|\binclude\b|\bthere are\b", re.IGNORECASE)
BUILT_ITEM_BREAK = re.compile(r"[,;]|\s+and\s+(?=(?:an?|the)\s)", re.IGNORECASE)
UNITS_BUILT = re.compile(r"\b(?:has|have|had)\s+(?:also\s+)?(?:built|established|set\s+up|opened)\s+", re.IGNORECASE)
UNIT_HEAD_END = re.compile(r"\b(?:center|centre|ward|unit|department)$", re.IGNORECASE)
LISTED_AS_SUBJECT = re.compile(
    r"\s+(?:were|are)\s+(?:\w+\s+){0,2}?(?:approved|rated|named|designated|listed|recognized|recognised|selected|"
    r"key|among)\b.*$",
    re.IGNORECASE,
)
#: a list item ending in a word that names a whole specialty or unit ("urology", "clinical laboratory"): an "and"
#: after it starts another unit when a name of two words or more follows ("... and critical care medicine"); not
#: "diagnosis and treatment center", "obstetrics and gynecology"
WHOLE_SPECIALTY_END = re.compile(
    r"(?:ology|ics|iatry|medicine|surgery|laboratory|department|center|centre|unit|ward|clinic)$", re.IGNORECASE
)


def _names_a_unit_alone(part: str) -> bool:
    """'critical care medicine', 'blood transfusion department': a unit's name without the words before the 'and';
    not 'interventional department' (of 'radiology and interventional department')."""
    from hkg.graph.extract import SPECIALTY_WORDS

    words = part.split()
    if len(words) < 2 or not SPECIALTY_WORDS.search(part):
        return False
    if words[-1].lower() in mn.UNIT_HEADS:
        words = words[:-1]
    return len(words) >= 2 or bool(SPECIALTY_WORDS.search(words[0]))


def _split_units(item: str) -> list[str]:
    """'pathology department and molecular pathology room' is two units; 'head and neck surgery' and
    'CT and MRI diagnosis department' are one."""
    pieces, cur = [], ""
    for part in re.split(r"\s+and\s+", item):
        if cur and (
            (len(cur.split()) >= 2 and cur.lower().split()[-1] in mn.UNIT_HEADS)
            or (WHOLE_SPECIALTY_END.search(cur) and _names_a_unit_alone(part))
        ):
            pieces.append(cur)
            cur = part
        else:
            cur = f"{cur} and {part}" if cur else part
    pieces.append(cur)
    return [p.strip() for p in pieces if p.strip()]


# ---------------------------------------------------------------- programmes and facilities
def offerings(reader, sent) -> None:
    subject = reader.subject_of(sent)
    if subject is None or sent.heading:
        return
    listed = getattr(sent, "_list_units", set())
    found = []
    m = PROGRAMME_LIST.search(sent.text)
    if m:
        for item in re.split(r",|\band\b", m.group("items")):
            item = re.sub(r"\s*\b(?:etc|are|were|is)\b.*$", "", item.strip(), flags=re.I).strip(" .")
            if 1 <= len(item.split()) <= 7:
                head = item.lower().split()[-1]
                found.append((item, PROGRAMME_HEADS.get(head, "programme"), "programme"))
    for w in LETTERS.finditer(sent.text):
        head = w.group(0).lower()
        kind = "programme" if head in PROGRAMME_HEADS else "facility" if head in FACILITY_HEADS else None
        if kind is None:
            continue
        if (
            kind == "programme"
            and head == "training"
            and re.match(r"\s+(?:class|course|base|center)", sent.text[w.end() :])
        ):
            continue
        start, phrase = _np_before(sent.text, w.end())
        if w.group(0)[:1].isupper():
            start, phrase = _titled_extent(sent.text, start, w.end(), head)
        elif joined := JOINED_BEFORE.search(sent.text, max(0, start - 40), start):
            # "a myopia prevention and control clinic": two nouns of one name joined by "and"
            word = joined.group(1).lower()
            if (
                word not in NP_STOP
                and word not in PROGRAMME_HEADS
                and word not in FACILITY_HEADS
                and word not in ("surgery", "medicine")
                and not _verb_like(word)
            ):
                left, _ = _np_before(sent.text, joined.end(1), max_words=3)
                if left < joined.end(1):
                    start, phrase = left, sent.text[left : w.end()]
        phrase = LEADING_MODIFIER.sub("", phrase)
        hyphened = "-" in (sent.text[max(0, start - 1) : start], sent.text[w.start() - 1 : w.start()])
        if len(phrase.split()) < 2 or hyphened:
            continue  # "single en-suite": a room's fittings
        if named := QUOTED_NAME_BEFORE.search(sent.text, max(0, start - 60), start):
            phrase = f"{named.group('name')} {phrase}"  # 'the "Teal Ribbon" patient club': its name is part of it
        if head in ("class", "course") and not re.search(r"training|skill|study|education|learning", phrase, re.I):
            continue
        if any(x in phrase.lower() for x in ("hospital", "university")) and head == "school":
            continue
        if phrase.lower() in listed or any(phrase.lower() in x for x in listed):
            continue
        if any(phrase.lower() in x for x in getattr(sent, "_history_names", ())):
            continue  # "the predecessor was the cobalt therapy room": a past unit, not a facility
        quoted = sent.text[max(0, start - 1) : start] in '"“' and start > 0
        named_heads = ("school", "forum", "summit", "class", "course", "symposium", "clinic", "club", "group")
        if phrase[:1].isupper() and head not in named_heads and not quoted and not _run_programme_name(phrase, head):
            continue
        if not _programme_phrase_ok(phrase, head):
            continue
        otype = PROGRAMME_HEADS.get(head) or FACILITY_HEADS.get(head)
        found.append((phrase, otype, kind))
    seen: set[str] = set()
    for name, otype, kind in sorted(found, key=lambda f: -len(f[0])):
        key = name.lower()
        if key in seen or any(key in s for s in seen):
            continue
        seen.add(key)
        reader.facts.append(fact("offering", subject, name.strip(), sent.evidence, offering=kind, type=otype))


JOINED_BEFORE = re.compile(r"\b([a-z][\w-]*)\s+and\s+$")
#: words before a name that describe the programme, not name it: "ACGME-accredited", "two-year"
LEADING_MODIFIER = re.compile(
    r"^(?:(?:[\w]+-(?:accredited|certified|approved|funded|based|led|recognised|recognized|built)|"
    r"(?:one|two|three|four|five|six|\d+)-(?:year|month|week|day))\s+)+",
    re.IGNORECASE,
)
TITLED_WORD = re.compile(r"[A-Z][\w'-]*\Z")
#: words that join two title-case halves of one name: "Thyroid and Breast Forum", "Women with Epilepsy Clinic"
NAME_JOINS = {"and", "&", "with"}
#: a title-case tail of a name after its head: "School for Depression Patients", "Fellowship in Head and Neck
#: Oncology"
TITLED_TAIL = re.compile(r"\s+(?P<prep>for|of|in)\s+(?P<tail>[A-Z][\w'-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'-]*){0,4})")
PLACE_WORDS = {"province", "city", "county", "district", "region", "state", "country", "area", "municipality"}
TAIL_IN_HEADS = {"fellowship", "course", "programme", "program", "diploma", "class"}
NAME_OPENERS = {"the", "a", "an", "our", "its", "their", "this", "that", "his", "her", "in", "at", "on", "as"}


def _titled_extent(text: str, start: int, end: int, head: str) -> tuple[int, str]:
    """A title-case programme name as far as it goes: the capitalised words the noun phrase stopped at ("First
    Seizure Clinic", "Hear Well Seniors' Programme"), two title-case halves joined by "and" or "with", and a
    title-case tail after the head ("Parent School of Premature Babies"). Never across a word that names an
    organisation ("Hospital", "University", "Department"), nor an opening article."""
    words = text[:start].split()
    taken: list[str] = []

    def titled(word: str) -> bool:
        return bool(TITLED_WORD.match(word)) and word.lower() not in NAME_OPENERS and word.lower() not in mn.ORG_HEADS

    while words and len(taken) < 4 and titled(words[-1]):
        taken.insert(0, words.pop())
    if len(words) >= 2 and words[-1].lower() in NAME_JOINS and titled(words[-2]):
        left = [words[-1]]
        rest = words[:-1]
        while rest and len(left) < 5 and titled(rest[-1]):
            left.insert(0, rest.pop())
        if not (rest and rest[-1].lower() == "of"):  # "Department of Surgery and X Clinic": two things
            taken = left + taken
    if taken:
        span = " ".join(taken)
        at = text.rfind(span, 0, start)
        if at >= 0 and not text[at + len(span) : start].strip():
            start = at
    m = TITLED_TAIL.match(text, end)
    if m and (m.group("prep") != "in" or head in TAIL_IN_HEADS):
        tail = m.group("tail").split()
        cities, countries = mn._gazetteer()
        if not any(
            t.lower() in mn.ORG_HEADS or t.lower() in PLACE_WORDS or t in cities or t in countries for t in tail
        ):
            end = m.end()
    return start, text[start:end]


#: a quoted name just before a programme's noun phrase: 'the "Smile Again" patient association'
QUOTED_NAME_BEFORE = re.compile(r'"(?P<name>[A-Z][^"\n]{1,40})"\s+$')

#: capitalised programme names a unit runs ("Colorectal Fellowship Programme", "Bowel Cancer Multidisciplinary
#: Meeting", "Prostate Patients Association"), as against funding schemes and professional bodies
RUN_PROGRAMME_HEADS = {"programme", "program", "fellowship", "meeting", "workshop", "camp", "association", "base"}
FUNDING_SCHEME = re.compile(
    r"\b(?:national|key|provincial|municipal|state|ministry|government|fund|foundation|talents?|plan|annual)\b",
    re.IGNORECASE,
)
PATIENT_WORDS = re.compile(
    r"\b(?:patients?|survivors?|parents?|famil(?:y|ies)|friends|carers?|caregivers?|mutual|self-help|support|peer)\b",
    re.IGNORECASE,
)
#: heads that name a programme only with a word that says so: a lowercase "group" of patients (not "blood group",
#: "treatment group"), a "base" for training or teaching
QUALIFIED_HEADS = {"group": PATIENT_WORDS, "base": re.compile(r"\b(?:training|teaching|education|practice)\b", re.I)}


def _run_programme_name(phrase: str, head: str) -> bool:
    if head not in RUN_PROGRAMME_HEADS or FUNDING_SCHEME.search(phrase):
        return False
    return head != "association" or bool(PATIENT_WORDS.search(phrase))


def _programme_phrase_ok(phrase: str, head: str) -> bool:
    need = QUALIFIED_HEADS.get(head)
    if need is None or (head == "group" and phrase.split()[-1][:1].isupper()):
        return True
    return bool(need.search(phrase))


# ---------------------------------------------------------------- recognitions
#: "committee member of", "standing member of": a person's seat, never a unit's
PERSONAL_MEMBER_BEFORE = re.compile(r"\b(?:committee|standing|council|board|youth|honorary|executive)\s+$", re.I)
#: "He is the vice chairman of ... and a member of ...": a sentence about a person named before it
PERSON_PRONOUN_START = re.compile(r"\W*(?:he|she)\b", re.IGNORECASE)
#: a unit named as the subject again between a person and "member of" ("Dr. Li leads it, and the department is a")
UNIT_SUBJECT_BETWEEN = re.compile(
    r"\b(?:department|center|centre|hospital|unit|division|ward|clinic|it|we)\s+(?:is|was|has been|became)\b", re.I
)


def _persons_membership(sent, pos: int) -> bool:
    """Is the 'member of' at `pos` said of a person named before it in the sentence ('Head nurse Sun Li is a
    member of the Nursing Committee', 'Director Wang, chief physician, member of the ... Branch')?"""
    before = sent.text[:pos]
    if PERSONAL_MEMBER_BEFORE.search(before) or PERSON_PRONOUN_START.match(before):
        return True
    for _start, end, _name in (sent.tokens.span(s, e) for s, e in sent.people):
        if end <= pos and not UNIT_SUBJECT_BETWEEN.search(sent.text[end:pos]):
            return True
    return False


#: the title of a list of honours: "【Honors】", "Awards and honours:", "Accreditations"
HONOURS_HEADING = re.compile(
    r"^\W*(?:(?:main|major|recent)\s+)?(?:honou?rs?|awards?|recognitions?|accreditations?|achievements?)"
    r"(?:\s+and\s+(?:honou?rs?|awards?|recognitions?|accreditations?|achievements?))?\W*$",
    re.IGNORECASE,
)
#: an item of such a list: "2015 Municipal Key Medical Discipline, Municipal Bureau of Health", "Excellence Award,
#: Provincial Medical Association, 2014"
HONOUR_ITEM = re.compile(
    r"^(?:(?P<year>(?:19|20)\d\d)\s*[,:.-]?\s+)?(?P<what>(?:[A-Z]|first\s|one\s+of\s)[^,;]{3,120}?)"
    r"(?:\s*[,;]\s*(?P<by>(?!\s*(?:19|20)\d\d\b)[^,;]{3,120}?))?"
    r"(?:\s*[,;(]\s*(?P<year2>(?:19|20)\d\d)\)?)?\s*\.?$"
)


def _listed_honour(reader, sent, subject: str) -> bool:
    """An item of a list of honours under its title: the honour, its grantor and its year."""
    from hkg.graph.extract import clean_name

    item = LIST_ITEM.match(sent.text)
    if item is None:
        return False
    k = sent.index - 1
    while k >= 0 and LIST_ITEM.match(reader.sentences[k].text):
        k -= 1
    if k < 0 or not HONOURS_HEADING.match(reader.sentences[k].text):
        return False
    m = HONOUR_ITEM.match(sent.text[item.end() :].strip())
    if m is None or AWARD.search(sent.text) or DESIGNATED_BY.search(sent.text):
        return False  # an item that says it in a clause ("Named a ... by ... in 2012"): read as any sentence
    subject = reader.subject_of(reader.sentences[k]) or subject  # the list's owner, not a name in the item
    year = int(m.group("year") or m.group("year2") or 0) or None
    what, by = m.group("what").strip(), (m.group("by") or "").strip()
    bracket = re.search(r"\s*\((?P<by>[^()]{4,})\)$", what)  # "Municipal Key Specialty (Municipal Bureau of Health)"
    if bracket and not by:
        what, by = what[: bracket.start()], bracket.group("by").strip()
    if not by and re.search(r"\s(?:from|by|of)\s+(?:the\s+)?[A-Z]", what):
        return False  # "NABH accreditation from the National Accreditation Board": the grantor said in words
    grantor = None
    if by and by[0].isupper() and len(by.split()) >= 2:
        grantor = reader.entity("org", clean_name(by), sent.evidence).key
    elif by:
        what = f"{what}, {by}"
    reader.facts.append(
        fact("recognition", subject, clean_name(what), sent.evidence, kind="honour", grantor=grantor, year=year)
    )
    return True


def recognitions(reader, sent) -> None:
    subject = reader.subject_of(sent)
    if subject is None:
        return
    from hkg.graph.extract import clean_name

    text = sent.text
    if sent.heading:
        m = KEY_DESIGNATION.search(text)
        if m and reader.main_unit:
            reader.facts.append(
                fact("recognition", reader.main_unit, clean_name(m.group("what")), sent.evidence, kind="designation")
            )
        return
    year = _year_in(text)
    if _listed_honour(reader, sent, subject):
        return
    for m in AWARD.finditer(text):
        what = TRAILING_DATE.sub("", m.group("what").strip())
        grantor = m.group("by")
        if not grantor:
            g = re.search(
                r"\s+of\s+(?:the\s+)?([A-Z][\w' -]*(?:University|Commission|Ministry|Association|Society|"
                r"Academy|Committee|Government|Bureau|Hospital))$",
                what,
            )
            if g:
                grantor = g.group(1)
                what = what[: g.start()].strip()
        recipient = subject
        rel = re.search(r"\s+which\s+(?:was|were|has been|is)\s*$", text[: m.start()])
        if rel:
            org = next((o for o in sent.orgs if 0 <= rel.start() - o.end <= 2), None)
            key = reader.resolve_unit_text(org.text) if org else None
            recipient = key or recipient
        if len(what.split()) > 16 or not what:
            continue
        grantor_key = reader.entity("org", clean_name(grantor), sent.evidence).key if grantor else None
        reader.facts.append(
            fact(
                "recognition", recipient, clean_name(what), sent.evidence, kind="honour", grantor=grantor_key, year=year
            )
        )
    m = MEMBER_OF.search(text)
    if m and not _persons_membership(sent, m.start()):
        org = next((o for o in sent.orgs if m.end() - 1 <= o.start <= m.end() + 5), None)
        if org is not None and org.ref in mn.BODY_HEADS:
            grantor = reader.entity("org", clean_name(org.text), sent.evidence)
            what = text[m.start() : org.end]
            reader.facts.append(
                fact("recognition", subject, what, sent.evidence, kind="membership", grantor=grantor.key, year=year)
            )
    m = KEY_OF_HOSPITAL.search(text)
    if m:
        noun = re.sub(r"s$", "", m.group("what").lower()).replace("specialtie", "specialty")
        who = m.group("who")
        reader.facts.append(fact("recognition", subject, f"key {noun} of the {who}", sent.evidence, kind="designation"))
    m = KEY_DESIGNATION.search(text)
    if m and not AWARD.search(text):
        reader.facts.append(
            fact("recognition", subject, clean_name(m.group("what")), sent.evidence, kind="designation", year=year)
        )
    for m in SEAT_UNIT_OF.finditer(text):
        org = next((o for o in sent.orgs if m.end() - 1 <= o.start <= m.end() + 5), None)
        if (
            org is not None
            and org.ref in mn.BODY_HEADS | {"branch", "committee"}
            or (org is not None and re.search(r"(?:Association|Society|Alliance|Committee|Branch)\b", org.text))
        ):
            grantor = reader.entity("org", clean_name(org.text), sent.evidence)
            reader.facts.append(
                fact(
                    "recognition", subject, text[m.start() : org.end], sent.evidence, kind="membership",
                    grantor=grantor.key, year=year,
                )
            )  # fmt: skip
    for m in DESIGNATED_BY.finditer(text):
        if FIRST_OF.match(text, m.start()) or re.match(r"(?:member|part|branch)\b", m.group("what")):
            continue
        grantor_key = reader.entity("org", clean_name(m.group("by")), sent.evidence).key
        for what in re.split(r"\s+and\s+(?:the|a|an)\s+", m.group("what")):
            what = TRAILING_DATE.sub("", what.strip())
            if 1 < len(what.split()) <= 16:
                reader.facts.append(
                    fact(
                        "recognition", subject, what, sent.evidence, kind="designation", grantor=grantor_key,
                        year=year,
                    )
                )  # fmt: skip
    for m in FIRST_OF.finditer(text):
        what = re.sub(r"^the\s+", "", m.group("what").strip())
        if re.search(r"\bin\s+(?:our|the|this)\s+hospital$", what, re.IGNORECASE):
            continue  # "one of the earliest specialties in our hospital": a place in its own hospital, no honour
        if re.match(r"one\s+of\s+the\s+(?:largest|biggest|leading)\b", what, re.IGNORECASE):
            continue  # one of many by size is no distinction; one of the first (a historical first) is
        if len(what.split()) <= 20:
            reader.facts.append(fact("recognition", subject, what, sent.evidence, kind="designation", year=year))
    if not FIRST_OF.search(text):
        for m in FIRST_IN.finditer(text):
            reader.facts.append(
                fact("recognition", subject, m.group("what"), sent.evidence, kind="designation", year=year)
            )
    _stated_honours(reader, sent, subject, year)


#: "... designation in 2019", "... since 2015": the date is the recognition's year, not part of its name
TRAILING_DATE = re.compile(r"\s+(?:in|since|from)\s+(?:the\s+year\s+)?(?:1[89]|20)\d\d$", re.IGNORECASE)
#: "ranked among the top ten cancer hospitals in India", "ranked first in the region"
RANKED = re.compile(r"\branked\s+(?:among\s+(?:the\s+)?|as\s+(?:the\s+|an?\s+)?)?(?P<what>[^,;.]{3,120}?)(?=[,;.]|$)")
#: "is accredited by NABH", "accredited by the Joint Commission": an accreditation named by its grantor
ACCREDITED_BY = re.compile(
    r"\b(?:accredited|certified)\s+by\s+(?P<the>the\s+)?"
    r"(?P<by>[A-Z][\w&'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'-]*)*)"
)
#: "an accredited training unit of the Royal Australasian College of Surgeons": a status a named body grants
ACCREDITED_AS = re.compile(
    r"\b(?P<what>[Aa]ccredited\s+(?:training\s+|teaching\s+|residency\s+)?(?:unit|centre|center|site|hospital|"
    r"programme|program|laboratory|facility|department))\s+(?:of|by|with)\s+(?:the\s+)?"
    r"(?P<by>[A-Z][\w&'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'-]*)*)"
)
#: "certified to ISO 9001:2015", "accredited to ISO 15189 by the X": a standard met, and who says so
STANDARD_MET = re.compile(
    r"\b(?:accredited|certified|certification|accreditation)\s+(?:to|under|against|for)\s+(?:the\s+)?"
    r"(?P<std>ISO(?:/IEC)?\s+\d{4,5}(?::\d{4})?)"
    r"(?:\s+by\s+(?:the\s+)?(?P<by>[A-Z][\w&'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'-]*)*))?"
)
#: "holds JCI accreditation", "has earned Magnet status", "received the Gold Seal of Approval"
HOLDS = re.compile(
    r"\b(?:holds?|held|has|have|received|receives|earned|achieved|gained|was\s+granted|obtained)\s+(?:the\s+|an?\s+)?"
    r"(?:(?:one|two|three|four|five|six|seven|ten|\d+)-years?\s+)?"
    r"(?P<what>(?:[A-Z][\w&'-]*\s+){1,6}(?:accreditation|designation|certification|status|award|recognition|"
    r"Accreditation|Designation|Certification|Status|Award))\b"
)


def _stated_honours(reader, sent, subject: str, year: int | None) -> None:
    """Recognitions as English pages state them: a ranking, an accreditation by a named body, a held status."""
    from hkg.graph.extract import clean_name

    text = sent.text
    for m in RANKED.finditer(text):
        what = TRAILING_DATE.sub("", m.group("what").strip())
        if 2 <= len(what.split()) <= 16:
            reader.facts.append(fact("recognition", subject, what, sent.evidence, kind="honour", year=year))
    for m in ACCREDITED_BY.finditer(text):
        by = m.group("by").strip()
        grantor = reader.entity("org", clean_name(by), sent.evidence).key
        noun = "certification" if m.group(0).lower().startswith("certified") else "accreditation"
        # "JCI accreditation", but "accreditation by the West African College of Surgeons"
        the = "the " if m.group("the") else ""
        what = f"{by} {noun}" if " " not in by else f"{noun} by {the}{by}"
        reader.facts.append(
            fact("recognition", subject, what, sent.evidence, kind="honour", grantor=grantor, year=year)
        )
    for m in HOLDS.finditer(text):
        what = m.group("what").strip()
        reader.facts.append(fact("recognition", subject, what, sent.evidence, kind="honour", year=year))
    for m in ACCREDITED_AS.finditer(text):  # "an accredited training unit of the Royal College of X"
        grantor = reader.entity("org", clean_name(m.group("by").strip()), sent.evidence).key
        what = re.sub(r"\s+", " ", m.group("what")).lower()
        reader.facts.append(
            fact("recognition", subject, what, sent.evidence, kind="honour", grantor=grantor, year=year)
        )
    for m in STANDARD_MET.finditer(text):  # "certified to ISO 9001:2015", "accredited to ISO 15189 by X"
        by = m.group("by")
        grantor = reader.entity("org", clean_name(by.strip()), sent.evidence).key if by else None
        reader.facts.append(
            fact("recognition", subject, m.group("std"), sent.evidence, kind="honour", grantor=grantor, year=year)
        )


# ---------------------------------------------------------------- places of the document's hospital
def _drop_counts_above_total(reader) -> None:
    totals: dict[str, int] = {}  # the smallest total stated of each unit: shapes/organisation.ttl checks them all
    for f in reader.facts:
        if f.kind == "capacity" and f.get("property") == "staffTotal":
            totals[f.subject] = min(f.value, totals.get(f.subject, f.value))
    keep = []
    for f in reader.facts:
        if f.kind == "staff" and f.subject in totals and f.value > totals[f.subject]:
            reader.warnings.append(f"dropped a staff count above the stated total: {f.evidence.text[:80]}")
            continue
        keep.append(f)
    reader.facts[:] = keep


def _merge_offerings(reader) -> None:
    """'Liver Care School' and 'Liver Caring School' in one document are one programme: later spellings
    take the first one's name."""
    from difflib import SequenceMatcher

    names: dict[tuple, list[str]] = {}
    for i, f in enumerate(reader.facts):
        if f.kind != "offering":
            continue
        group = names.setdefault((f.subject, f.get("type")), [])
        low = str(f.value).lower()
        same = next((n for n in group if SequenceMatcher(None, n.lower(), low).ratio() >= 0.8), None)
        if same is None:
            group.append(str(f.value))
        elif same != f.value:
            reader.facts[i] = fact("offering", f.subject, same, f.evidence, **dict(f.detail))


def _city_in_name(ent) -> str | None:
    """'Riverside City People's Hospital' names its city: a known city at the start of the hospital's name (used
    when the text names no city of its own)."""
    for name in sorted({ent.name or ""} | set(ent.aliases)):
        words = name.split()
        for width in (2, 1):
            if len(words) > width and mn.city_country(" ".join(words[:width])):
                return " ".join(words[:width])
    return None


#: "The department today runs seven sub-specialty units:" (a list of the units follows, one per line)
LISTED_UNITS_INTRO = re.compile(
    r"\b(?:units|wards|sections|divisions|centres|centers|groups|teams|services|subspecialties|sub-specialties)"
    r"(?:\s+(?:as\s+follows|below))?\s*:\s*$",
    re.IGNORECASE,
)
#: a heading line that announces the unit's sub-units: "Our teams", "Sections", "Our wards and units"
LISTED_UNITS_HEADING = re.compile(
    r"(?:our|its|the\s+department'?s)?\s*(?:(?:sub-?)?units|wards|sections|divisions|teams|subspecialties|"
    r"sub-specialties|specialty\s+groups)(?:\s+(?:and|&)\s+(?:units|wards|teams|sections))?\s*",
    re.IGNORECASE,
)
#: an item of such a list that names a unit without a unit word: "Dispensary and Procurement", "Clinical Pharmacy
#: Services, with a pharmacist ...": the capitalised words before a comma, a bracket, a dash or a relative clause
LISTED_UNIT_NAME = re.compile(
    r"(?P<name>[A-Z][\w'/-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w'/-]*){0,5}(?:(?:\s+[a-z]+)?\s+(?:unit|ward|team))?)"
    r"(?=\s*(?:[,(:;–—]|\s-\s|$)|\s+(?:with|which|that|based|at|in|on|for|and)\b)"
)


def _listed_sub_units(reader) -> None:
    """A sentence that announces a unit's sub-units, then one line per unit: each is part of that unit."""
    sents = reader.sentences
    for k, sent in enumerate(sents):
        headed = bool(LISTED_UNITS_HEADING.fullmatch(sent.text.strip()))
        if not (headed or LISTED_UNITS_INTRO.search(sent.text)):
            continue
        counted = UNITS_COUNTED_INTRO.search(sent.text)  # "The department has four sections:": every item is one
        parent = reader.subject_of(sent)
        if parent is None or reader.entities[parent].kind != "unit":
            continue
        for item in sents[k + 1 :]:
            lead = LIST_ITEM.match(item.text)
            if lead is None:
                break
            org = next((o for o in item.orgs if o.start == lead.end() and o.ref in mn.UNIT_HEADS), None)
            rest = item.text[org.end :].strip(" .;") if org else ""
            if org is None and (counted or headed):
                named = LISTED_UNIT_NAME.match(item.text, lead.end())
                if named and len(named.group("name").split()) >= 2:
                    child = _unit_entity(reader, named.group("name"), item)
                    if child != parent and reader.entities[child].kind == "unit":
                        reader.facts.append(fact("part_of", child, parent, item.evidence))
                continue
            if org is None or (rest and rest[:1] not in "(-:,"):
                continue  # the line names the unit and nothing else, or a note after it ("(12 beds)", ", Ward 3")
            child = reader.resolve_unit_text(org.text)
            if child and child != parent and reader.entities[child].kind == "unit":
                reader.facts.append(fact("part_of", child, parent, item.evidence))


def document_rules(reader) -> None:
    """Facts read from the document as a whole: the city and country of its hospital; one name per programme;
    no staff count above the total the same text gives."""
    _merge_offerings(reader)
    _drop_counts_above_total(reader)
    _listed_sub_units(reader)
    hospital = reader.hospital_key
    if hospital is None:
        return
    partner_cities = {f.value for f in reader.facts if f.kind == "city"}
    from hkg.graph.extract import COLLAB_CUE

    counts: dict[str, list] = {}
    for sent in reader.sentences:
        collab = bool(COLLAB_CUE.search(sent.text))
        for p in sent.places:
            if collab or p.text in partner_cities or any(o.start <= p.start < o.end for o in sent.orgs):
                continue
            counts.setdefault(p.kind + "|" + p.text, []).append(sent)
    cities = sorted((k for k in counts if k.startswith("city|")), key=lambda k: (-len(counts[k]), counts[k][0].index))
    countries = sorted(
        (k for k in counts if k.startswith("country|")), key=lambda k: (-len(counts[k]), counts[k][0].index)
    )
    named_city = _city_in_name(reader.entities[hospital])
    if cities:
        name = cities[0].split("|", 1)[1]
        reader.facts.append(fact("city", hospital, name, counts[cities[0]][0].evidence))
    elif named_city:
        reader.facts.append(fact("city", hospital, named_city, reader.entities[hospital].evidence))
    if countries:
        name = countries[0].split("|", 1)[1]
        reader.facts.append(fact("country", hospital, name, counts[countries[0]][0].evidence))


SENTENCE_RULES = (history, capacity, events, concepts, figures, collaborations, people, offerings, recognitions)
