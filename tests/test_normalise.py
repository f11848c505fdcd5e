"""normalise(): clean text with an exact offset map, glued words split, real words kept; sentences()."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hkg.graph.normalise import _lexicon, normalise, sentences, split_points, vocabulary_words

CORPUS = Path(__file__).resolve().parent.parent / "corpus"  # the sample corpus the project carries

GLUED = [
    ("Cancer Institute and Hospitalwas independent", "Cancer Institute and Hospital was independent"),
    ("independent fromDepartment of Esophageal Cancer", "independent from Department of Esophageal Cancer"),
    ("minimally invasive surgeryin China", "minimally invasive surgery in China"),
    ("and isSecretary-general of Division", "and is Secretary-general of Division"),
    ("by the ChineaseMinistry of Health", "by the Chinease Ministry of Health"),
    ("which possessesinternational advanceddiagnosis", "which possesses international advanced diagnosis"),
    ("upper mediastinumlymphadenectomy, especially", "upper mediastinum lymphadenectomy, especially"),
    ("relievedpostoperative pain", "relieved postoperative pain"),
    ("by minimallyinvasive and enhanced recovery", "by minimally invasive and enhanced recovery"),
    (
        "microwave ablation system, andICG fluorescence navigation",
        "microwave ablation system, and ICG fluorescence navigation",
    ),
    ("discussed by theMDT team withPET-CT", "discussed by the MDT team with PET-CT"),
    ("operations,such as clipping;and Luo,M.D.,is", "operations, such as clipping; and Luo, M.D., is"),
    ("in Melbourne,Australia in 2016,and (CRRT),PiCCO", "in Melbourne, Australia in 2016, and (CRRT), PiCCO"),
    (
        "has placed emphasis onprecise and comprehensivetreatment",
        "has placed emphasis on precise and comprehensive treatment",
    ),
]


@pytest.mark.parametrize(("glued", "expected"), GLUED)
def test_glued_words_are_split(glued, expected):
    assert normalise(glued).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "PubMed LinkedIn YouTube McDonald DaVinci iPhone eGFR mRNA HbA1c mmHg",  # brand and camel names stay
        "Hongjing Jiang and Zhongshan and Xiangya",  # names are not cut into words
        "seven professional and technical personel, proficent",  # misspellings are not cut into fragments
        "pancreatoduodenectomy thoracoscopic segmentectomy esophagectomy lobectomy",  # medical words stay
        "therapist together another notwithstanding nevertheless",  # words that contain other words
        "see https://www.Example.org/thoracicSurgery or mail info@hospitalwas.org",  # URLs and e-mail untouched
        "1,200 beds, 2,3-dimethyl and 3;4",  # numbers keep their commas
    ],
)
def test_real_words_are_not_split(text):
    assert normalise(text).text == text


def test_sentences_glued_without_a_space_are_split():
    n = normalise("independent in 2019.Amid world rapid development. It grew.It is big.")
    assert n.text == "independent in 2019. Amid world rapid development. It grew. It is big."
    assert [s.text for s in sentences(n.text)] == [
        "independent in 2019.",
        "Amid world rapid development.",
        "It grew.",
        "It is big.",
    ]


def test_abbreviations_and_decimals_do_not_end_sentences():
    text = "Hongjing Jiang M.D., Ph.D. is a Prof. at St. Mary's, e.g. in Ward No. 5 with a 0.7% rate. Dr. Li agreed."
    assert [s.text for s in sentences(text)] == [
        "Hongjing Jiang M.D., Ph.D. is a Prof. at St. Mary's, e.g. in Ward No. 5 with a 0.7% rate.",
        "Dr. Li agreed.",
    ]


def test_heading_lines_and_paragraphs_are_their_own_sentences():
    text = "Our Team\nHongjing Jiang M.D.\n\nThoracic Tumor Center\n\nThe center has 80 beds. It opened in 1990."
    assert [s.text for s in sentences(text)] == [
        "Our Team",
        "Hongjing Jiang M.D.",
        "Thoracic Tumor Center",
        "The center has 80 beds.",
        "It opened in 1990.",
    ]


def test_hard_wrapped_lines_stay_one_sentence():
    text = (
        "The department of thoracic surgery was founded in 1985 by a group of surgeons who had trained\n"
        "abroad, and it now performs more than 2,000 operations every year."
    )
    assert [s.text for s in sentences(text)] == [text]


def test_bracketed_tag_is_its_own_piece_and_the_name_stays_whole():
    text = "[Concurrent] Xiao Wei, Director of General Surgery, said so."
    assert [s.text for s in sentences(text)] == ["[Concurrent]", "Xiao Wei, Director of General Surgery, said so."]


def test_sentence_offsets_point_into_the_text():
    text = normalise((CORPUS / "004_762b254b7fe9d5e8.txt").read_text(encoding="utf-8")).text
    sents = sentences(text)
    assert len(sents) == 18
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert sents[-1].text == "Hongjing Jiang M.D."


def test_unicode_quotes_dashes_and_spaces():
    n = normalise(
        "patients\u2019 \u201cbest\u201d\u00a0care \u2013 1990\u20142000\u2026 \ufb01ne\u200b caf\u00e9 e\u0301"
    )
    assert n.text == 'patients\' "best" care - 1990 - 2000... fine caf\u00e9 \u00e9'


def test_offsets_map_back_to_the_original():
    original = "The \u201cHospitalwas\u201d   founded\u00a0in 1950.\r\n\r\n\r\nIt has  80 beds."
    n = normalise(original)
    assert n.text == 'The "Hospital was" founded in 1950.\n\nIt has 80 beds.'
    start = n.text.index("founded")
    assert original[slice(*n.original_span(start, start + len("founded in 1950")))] == "founded\u00a0in 1950"
    start = n.text.index("was")
    assert original[slice(*n.original_span(start, start + 3))] == "was"
    start = n.text.index("80 beds")
    assert original[slice(*n.original_span(start, start + 7))] == "80 beds"
    assert n.to_original(len(n.text)) == len(original)


def test_newlines_are_kept_and_blank_lines_collapsed():
    assert (
        normalise("  Title  \n\n\n\n  Para one.\n  \n Para two.\t\tEnd \n").text
        == "Title\n\nPara one.\n\nPara two. End"
    )


def test_vocabulary_labels_are_read_as_words(tmp_path):
    (tmp_path / "procedures.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<x> skos:prefLabel "Uniportal segmentectomy"@en ; skos:altLabel "VATS lobectomy"@en, "Wedge resection"@en .\n',
        encoding="utf-8",
    )
    assert vocabulary_words(tmp_path) >= {"uniportal", "segmentectomy", "lobectomy", "wedge", "resection"}


def test_corpus_document_normalises_idempotently():
    text = (CORPUS / "004_762b254b7fe9d5e8.txt").read_text(encoding="utf-8")
    once = normalise(text).text
    assert normalise(once).text == once
    assert "Hospital was independent from Department" in once
    assert "upper mediastinum lymphadenectomy" in once


# --- properties ------------------------------------------------------------------------------------------

PIECES = (
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?()[]%-'\"\n\t")
    + ["\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u00a0", "\u00e9", "\ufb01", "e\u0301", "\r\n", "  "]
    + ["hospital", "Department", "surgery", "in", "was", "the", "of", "Dr.", "M.D.", "2019.", "0.7%", "www.x.org"]
    + ["Hospitalwas", "fromDepartment", "minimallyinvasive", "surgeryin", "ofthe", "Amid", "[Note]"]
)
REALISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_normalise_never_raises_and_offsets_are_monotone_and_in_range(text):
    n = normalise(text)
    mapped = [n.to_original(i) for i in range(len(n.text) + 1)]
    assert all(0 <= m <= len(text) for m in mapped)
    assert mapped == sorted(mapped)
    for i in range(len(n.text)):
        start, end = n.original_span(i, i + 1)
        assert 0 <= start <= end <= len(text)
    sentences(n.text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(REALISH)
def test_normalise_is_idempotent_on_realish_text(text):
    once = normalise(text).text
    assert normalise(once).text == once


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(REALISH)
def test_sentences_cover_only_real_text(text):
    norm = normalise(text).text
    previous_end = 0
    for s in sentences(norm):
        assert norm[s.start : s.end] == s.text == s.text.strip() != ""
        assert s.start >= previous_end
        previous_end = s.end


def _english_words() -> list[str]:
    lexicon = _lexicon()
    return sorted(w for w in lexicon.words if w.isalpha() and w in lexicon.counts)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_english_words()), min_size=1, max_size=12))
def test_strings_of_dictionary_words_are_unchanged(words):
    text = " ".join(words)
    assert normalise(text).text == text
    capitalised = " ".join(w.capitalize() for w in words)
    assert normalise(capitalised).text == capitalised


@given(st.sampled_from(_english_words()))
def test_no_english_word_has_split_points(word):
    assert split_points(word) == ()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("removal of the kidney(RN) is done", "removal of the kidney (RN) is done"),
        ("patient(s) were seen", "patient(s) were seen"),
        ("the PD-L1(+) group", "the PD-L1(+) group"),
    ],
)
def test_a_bracket_glued_to_a_word_gets_its_space(text, expected):
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    "glued, expected",
    [
        ("Xinjiang Stomatological Association", "Xinjiang Stomatological Association"),
        ("the Otorhinolaryngological Society", "the Otorhinolaryngological Society"),
        ("upper mediastinumlymphadenectomy", "upper mediastinum lymphadenectomy"),
        ("the department of gastroenterologyin 2019", "the department of gastroenterology in 2019"),
    ],
)
def test_a_medical_word_the_word_counts_lack_is_not_cut_inside_its_suffix(glued, expected):
    assert normalise(glued).text == expected


def test_each_item_of_a_bulleted_list_is_its_own_sentence_however_long():
    text = (
        "Our consultants\n"
        "- Mr Tamati Rewi - Clinical Director and consultant vascular surgeon for the whole of the district\n"
        "- Ms Ellen Marsh - consultant vascular surgeon; member of the executive committee of a society\n"
        "• Dr Sam Pillai - consultant vascular surgeon and head of the vascular laboratory at the hospital"
    )
    assert [s.text for s in sentences(text)] == text.split("\n")


def test_dot_leaders_of_a_table_line_read_as_a_colon_and_an_ellipsis_stays():
    text = "Inpatient beds ............. 64\nConsultants........5\nWait.... what next... ok"
    assert normalise(text).text == "Inpatient beds: 64\nConsultants: 5\nWait.... what next... ok"


def test_a_list_items_number_stays_with_the_item():
    text = "The department runs three units:\n1. General Surgery Unit\n2. Urology Unit\nIV. Research\n(3) Burns Unit"
    assert [s.text for s in sentences(text)] == text.split("\n")
