"""Extraction rules on small invented texts: each test pins one behaviour a user of the graph relies on."""

from __future__ import annotations

import pytest

from hkg.graph import lexicon, mentions
from hkg.graph.extract import extract


def facts(text: str, kind: str | None = None):
    x = extract("t", text)
    return x, [f for f in x.facts if kind is None or f.kind == kind]


def by_kind(x, kind):
    return [f for f in x.facts if f.kind == kind]


def concept_slugs(x) -> set[str]:
    """The last path segment of each vocabulary concept the extraction names."""
    return {f.value.rsplit("/", 1)[-1] for f in by_kind(x, "concept") if f.value}


def names(x, kind):
    return sorted(e.name for e in x.entities.values() if e.kind == kind and e.name)


def test_capacity_in_digits_and_words():
    x, caps = facts(
        "Cardiology Center\n\nThe cardiology center has three wards, with thirty-two beds and a total of 41 medical "
        "staff.",
        "capacity",
    )
    got = {(f.get("property"), f.value) for f in caps}
    assert got == {("wardCount", 3), ("bedCount", 32), ("staffTotal", 41)}
    assert all(f.subject == "unit:cardiology-center" for f in caps)


def test_staff_counts_by_rank_and_qualification():
    _, staff = facts(
        "Renal Center\n\nThe center has 60 staff, including 4 chief physicians, 6 deputy chief physicians and "
        "7 doctors have received Ph.D. degree.",
        "staff",
    )
    got = {(f.get("role"), f.value) for f in staff}
    assert ("chief physicians", 4) in got
    assert ("deputy chief physicians", 6) in got
    assert any(role.startswith("doctors with Ph.D") and n == 7 for role, n in got)


def test_founding_year_former_name_and_event():
    x, _ = facts(
        "Breast Center\n\nThe breast center, formerly known as the mammary surgery section, was founded in 1979."
    )
    assert [f.value for f in by_kind(x, "founded")] == [1979]
    assert [f.value for f in by_kind(x, "former_name")] == ["the mammary surgery section"]
    assert 1979 in [f.value for f in by_kind(x, "event")]


def test_split_from_a_predecessor_is_dated_and_part_of_a_parent():
    x, _ = facts(
        "The Department of Hepatic Surgery, Example City Tumor Hospital was separated from the Department of "
        "General Surgery in 2015. It is part of the Department of Abdominal Oncology."
    )
    pred = by_kind(x, "predecessor")
    assert pred and x.entities[str(pred[0].value)].name == "Department of General Surgery"
    assert pred[0].get("year") == 2015
    parent = by_kind(x, "part_of")
    assert parent and x.entities[str(parent[0].value)].name == "Department of Abdominal Oncology"
    assert "Example City Tumor Hospital" in names(x, "hospital")


def test_collaboration_with_partner_city_and_country():
    x, collabs = facts(
        "Lung Center\n\nThe center established a long-term exchange relationship with the Riverside Hospital in "
        "Toronto, Canada."
    )
    collabs = by_kind(x, "collaboration")
    assert len(collabs) == 1
    partner = x.entities[str(collabs[0].value)]
    assert partner.name == "Riverside Hospital"
    assert collabs[0].get("kind") == "long-term exchange relationship"
    assert ("city", "Toronto") in {(f.kind, f.value) for f in x.facts if f.subject == partner.key}


def test_partner_hospital_is_not_the_document_hospital():
    x, _ = facts("Our hospital cooperates with Lakeside Hospital of Example University for clinical trials.")
    described = [e for e in x.entities.values() if e.kind == "hospital" and e.described]
    assert [e.name for e in described] == [None]


def test_person_with_role_in_unit_and_qualification():
    x, _ = facts(
        "Urology Center\n\nThe director of this department, Wang Jianguo, is vice chairman of the Urology Branch, "
        "Example Medical Association.\n\nWang Jianguo M.D."
    )
    roles = {(f.get("role").lower(), f.value) for f in by_kind(x, "membership")}
    assert ("director", "unit:urology-center") in roles
    assert any(r == "vice chairman" for r, _ in roles)
    assert [f.value for f in by_kind(x, "qualification")] == ["M.D."]


def test_figures_keep_value_qualifier_and_period():
    x, figs = facts(
        "Stomach Center\n\nThe center performs almost 600 gastrectomies per year. The five-year survival rate is "
        "more than 65%.",
        "figure",
    )
    got = {(f.value, f.get("qualifier"), f.get("unit")) for f in figs}
    assert (600, "almost", None) in got
    assert (65, "more than", "percent") in got
    assert not any(f.value == 5 for f in figs), "a hyphenated 'five-year' is not a figure"


def test_events_with_the_same_year():
    x, events = facts(
        "Liver Center\n\nIn 2016, the center opened a new ward. In the same year, the liver laboratory was built.",
        "event",
    )
    assert [f.value for f in events] == [2016, 2016]


def test_programmes_and_facilities():
    x, offers = facts(
        "Colorectal Center\n\nThe center runs a stoma clinic and a hernia clinic. Health promotion activities such as "
        "the Ostomy Friends Club, patient salons, etc. are organized. The center also has an endoscopy treatment room.",
        "offering",
    )
    got = {(f.value, f.get("offering")) for f in offers}
    assert ("stoma clinic", "programme") in got
    assert ("hernia clinic", "programme") in got
    assert ("endoscopy treatment room", "facility") in got


def test_recognition_with_grantor_and_year():
    x, recs = facts(
        "Gastric Center\n\nIn 2020, the center was awarded the Provincial Key Clinical Specialty by the Provincial "
        "Health Commission.",
        "recognition",
    )
    assert recs and recs[0].value.startswith("Provincial Key Clinical Specialty")
    assert recs[0].get("year") == 2020
    assert x.entities[str(recs[0].get("grantor"))].name == "Provincial Health Commission"


def test_our_hospital_is_the_subject_when_no_unit_is_referred_to():
    x, caps = facts("Our hospital was founded in 1961 and has 1,200 beds.", "capacity")
    assert [(f.subject, f.value) for f in caps] == [("hospital:t", 1200)]


def test_listed_departments_become_units_of_the_hospital():
    x, _ = facts(
        "Our hospital has many departments, including cardiology, nephrology, thoracic surgery, and the nuclear "
        "medicine department."
    )
    assert {"Cardiology", "Nephrology", "Thoracic Surgery", "Nuclear Medicine Department"} <= set(names(x, "unit"))


@pytest.mark.parametrize("text", ["", "   \n\n  ", "12345", "[Explanation]", "Hospital Hospital Hospital of of"])
def test_odd_texts_do_not_raise(text):
    extract("t", text)


def test_every_fact_points_into_the_text():
    text = "Eye Center\n\nThe eye center has 50 beds. It was founded in 1990."
    x = extract("t", text)
    for f in x.facts:
        assert 0 <= f.evidence.start < f.evidence.end <= len(text)


def test_western_names_known_by_title_or_degree():
    x, _ = facts(
        "Heart Center\n\nJohn Smith, M.D., is chair of the department. Dr. Maria Lopez has led the center since 2015."
    )
    roles = {(x.entities[f.subject].name, f.get("role")) for f in by_kind(x, "membership")}
    assert ("John Smith", "chair") in roles
    assert ("Maria Lopez", "head") in roles


def test_hospital_city_from_its_name_when_the_text_names_no_other():
    x, _ = facts("The cardiology department of Wuxi Lakeview People's Hospital was founded in 1988.")
    hospital = next(e for e in x.entities.values() if e.kind == "hospital" and e.described)
    assert ("city", "Wuxi") in {(f.kind, f.value) for f in x.facts if f.subject == hospital.key}


@pytest.mark.parametrize(
    "sentence",
    [
        "The center carries out remote consultation with Harbourside Hospital in Toronto, Canada.",
        "The center jointly runs an annual imaging forum with Harbourside Hospital in Toronto, Canada.",
    ],
)
def test_collaboration_cues_consultation_and_jointly_with(sentence):
    x, collabs = facts("Lung Center\n\n" + sentence, "collaboration")
    assert [x.entities[str(f.value)].name for f in collabs] == ["Harbourside Hospital"]
    hospitals = [e for e in x.entities.values() if e.kind == "hospital" and e.described]
    assert all(e.name != "Harbourside Hospital" for e in hospitals)


def test_partners_listed_with_their_places_keep_their_own_names_and_the_kind_after_the_places():
    """The place of one partner does not start the next partner's name, and 'on X' after the places is the kind;
    a verb cue ('collaborates with') names no kind of its own."""
    x, collabs = facts(
        "Heart Center\n\nThe center collaborates with Harbour Hospital in Boston, USA and St. Anne's Hospital in "
        "Dublin, Ireland on device trials.",
        "collaboration",
    )
    assert sorted(x.entities[str(f.value)].name for f in collabs) == ["Harbour Hospital", "St. Anne's Hospital"]
    assert {f.get("kind") for f in collabs} == {"device trials"}
    _, plain = facts("Heart Center\n\nThe center collaborates with Harbour Hospital in Boston, USA.", "collaboration")
    assert [f.get("kind") for f in plain] == ["collaboration"]


def roles_of(x):
    return {(x.entities[f.subject].name, f.get("as_written") or f.get("role")) for f in by_kind(x, "membership")}


def test_roles_stated_after_and_before_a_name():
    x, _ = facts(
        "Kidney Center\n\nThe director of the center, Wang Jianguo, is a chief physician and doctoral supervisor. "
        "The director of the department is Liu Mei, chief physician, and the deputy director is Zhang Wei."
    )
    roles = roles_of(x)
    assert {("Wang Jianguo", "chief physician"), ("Wang Jianguo", "doctoral supervisor")} <= roles
    assert {("Liu Mei", "director"), ("Liu Mei", "chief physician"), ("Zhang Wei", "deputy director")} <= roles
    assert not any("is Liu Mei" in role for _, role in roles)


def test_titles_before_names_and_roles_of_untitled_western_names():
    x, _ = facts(
        "Skin Cancer Centre\n\nDr Anna Berg is the Clinical Director of the centre, and Mark Olsen is the Lead "
        "Cancer Nurse. The unit is run by Associate Professor Peter Quill."
    )
    roles = roles_of(x)
    assert ("Anna Berg", "Clinical Director") in roles
    assert ("Mark Olsen", "Lead Cancer Nurse") in roles
    assert not any(name == "Mark Olsen" and "Director" in role for name, role in roles)
    quals = {(x.entities[f.subject].name, f.value) for f in by_kind(x, "qualification")}
    assert {("Anna Berg", "Dr"), ("Peter Quill", "Associate Professor")} <= quals


def test_two_reporters_joined_by_and():
    x, _ = facts("Reporter Liu Mei and Zhang Wei report from Example City\n\nThe center has 30 beds.")
    assert {("Liu Mei", "reporter"), ("Zhang Wei", "reporter")} <= roles_of(x)


def test_role_of_a_unit_of_a_named_hospital_keeps_the_unit_as_written():
    x, _ = facts(
        "Liu Mei, Director of the Department of Eye Surgery of Lakeview City Hospital, said the department grew."
    )
    assert ("Liu Mei", "Director of the Department of Eye Surgery") in roles_of(x)


def performed(x):
    from hkg.graph import lexicon

    lex = lexicon.load()
    return {
        lex.concepts[lexicon.URIRef(f.value)].label
        for f in by_kind(x, "concept")
        if f.value and f.get("relation") == "performs"
    }


@pytest.mark.parametrize(
    "sentence, absent",
    [
        ("The radical resection rate of the unit rose to 95%.", "radical surgery"),
        ("The proportion of laparoscopic operations is now 70%.", "laparoscopic surgery"),
        ("Dr Anna Berg has a special interest in robotic surgery.", "robotic surgery"),
        ("Precise tumour staging is done before treatment.", "staging"),
        ("Nurses teach families how to follow up at home.", "follow-up"),
    ],
)
def test_procedures_named_as_a_topic_or_a_figure_are_not_claims(sentence, absent):
    x, _ = facts("Liver Center\n\n" + sentence)
    assert absent not in performed(x)


def test_a_category_before_such_as_is_not_claimed_its_items_are():
    x, _ = facts(
        "Liver Center\n\nThe center performs interventional treatments such as radiofrequency ablation and "
        "transarterial chemoembolization."
    )
    got = performed(x)
    assert "interventional therapy" not in got
    assert "radiofrequency ablation" in got


def test_a_word_inside_a_listed_department_name_is_not_a_procedure():
    x, _ = facts(
        "Our hospital has many departments, including cardiology, nephrology, pain rehabilitation and thoracic surgery."
    )
    assert "rehabilitation" not in performed(x)


def test_a_label_x_of_y_also_matches_x_of_the_y():
    x, _ = facts("Urology Center\n\nThe center performs transurethral resection of the prostate for older men.")
    assert "transurethral resection of prostate" in performed(x)


def test_specific_procedures_are_not_folded_into_their_broader_concept():
    x, _ = facts(
        "Kidney Center\n\nThe center offers maintenance hemodialysis, peritoneal dialysis and shock wave lithotripsy. "
        "It performs organ-sparing surgery for early cancers and fertility-preserving surgery for young women."
    )
    got = performed(x)
    assert {"haemodialysis", "peritoneal dialysis", "extracorporeal shock wave lithotripsy"} <= got
    assert {"function-preserving surgery", "fertility-sparing surgery"} <= got
    assert not {"dialysis", "lithotripsy"} & got


def test_staff_ranks_of_english_speaking_hospitals():
    x, staff = facts(
        "Vascular Unit\n\nThe unit has a team of 7 consultant surgeons, 5 surgical registrars and 3 radiographers."
    )
    got = {(f.get("role"), f.value) for f in by_kind(x, "staff")}
    assert got == {("consultant surgeons", 7), ("surgical registrars", 5), ("radiographers", 3)}
    assert not [f for f in by_kind(x, "capacity") if f.get("property") == "staffTotal"]
    assert not by_kind(x, "figure")


def test_device_counts_and_durations_are_not_activity_figures():
    x, figs = facts(
        "Imaging Centre\n\nThe centre has three linear accelerators, one large-aperture CT simulator and 2 MRI "
        "scanners. It sees 3,000 patients a year, and results are reported within two weeks."
    )
    assert [f.value for f in figs if f.kind == "figure"] == [3000]
    x, figs = facts("Imaging Centre\n\nThe centre performed 1,000 cases of PET-CT and 800 MRI examinations.")
    assert {f.value for f in figs if f.kind == "figure"} == {1000, 800}


def test_general_devices_of_urology_haematology_and_liver_surgery():
    x, _ = facts(
        "Stone Centre\n\nThe centre has 40 beds, including 6 laminar flow beds. It is equipped with a 100W holmium "
        "laser, an extracorporeal shock wave lithotripter, a urodynamic analyzer and an ultrasonic surgical aspirator."
    )
    used = {f.value for f in by_kind(x, "concept") if f.get("relation") == "uses"}
    labels = {iri.rsplit("/", 1)[-1] for iri in used}
    assert {"holmium-laser", "lithotripter", "urodynamic-analyser", "ultrasonic-surgical-aspirator"} <= labels
    assert "laminar-flow-bed" in labels
    assert [f.value for f in by_kind(x, "capacity") if f.get("property") == "bedCount"] == [40]


def test_capitalised_programmes_a_unit_runs():
    x, offs = facts(
        "Oncology Centre\n\nThe centre runs a Sarcoma Unit, a Fertility Clinic and a monthly Patient Support Group. "
        "It hosts the Breast Oncology Fellowship Programme, a weekly Lung Cancer Multidisciplinary Meeting and the "
        "Kidney Patients Association. Blood group testing is done for every patient. The centre opened the "
        "Northfield radiotherapy physics training base in 2020.",
        "offering",
    )
    got = {(f.subject, f.value) for f in offs}
    main = "unit:oncology-center"
    for name in (
        "Fertility Clinic",
        "Patient Support Group",
        "Breast Oncology Fellowship Programme",
        "Lung Cancer Multidisciplinary Meeting",
        "Kidney Patients Association",
        "Northfield radiotherapy physics training base",
    ):
        assert (main, name) in got
    assert not [v for _, v in got if "lood group" in v]


def test_a_noun_in_ing_inside_a_programme_or_facility_name_is_part_of_it():
    _, offs = facts(
        "Gynecological Oncology Center\n\nThe hereditary breast cancer genetic counseling clinic is well received. "
        "The center has a hybrid operating room and a fetal monitoring room.",
        "offering",
    )
    got = {str(f.value) for f in offs}
    assert {
        "hereditary breast cancer genetic counseling clinic",
        "hybrid operating room",
        "fetal monitoring room",
    } <= got


def test_a_funding_scheme_or_a_professional_body_is_not_a_programme():
    _, offs = facts(
        "Oncology Centre\n\nThe centre leads a project of the National Key Research Programme and is a member of "
        "the Regional Medical Association.",
        "offering",
    )
    assert not offs


@pytest.mark.parametrize(
    "sentence, predecessor",
    [
        ("The centre was founded in 1990; its predecessor was the isotope therapy room.", "isotope therapy room"),
        ("The centre grew out of the surgical oncology section in 1990.", "surgical oncology section"),
        ("The centre developed from the Department of Internal Medicine in 1990.", "Department of Internal Medicine"),
        ("The centre was separated from the ear, nose and throat department in 1990.", None),
        ("The centre was separated from the obstetrics and gynecology department in 1990.", "obstetrics and "
         "gynecology department"),
    ],
)  # fmt: skip
def test_predecessor_cues(sentence, predecessor):
    x, preds = facts("Nuclear Medicine Centre\n\n" + sentence, "predecessor")
    got = [x.entities[f.value].name.lower() for f in preds]
    assert got == ([predecessor.lower()] if predecessor else [])
    assert not [f for f in by_kind(x, "offering") if "room" in str(f.value)]


def test_a_unit_separated_from_the_department_the_page_is_about_has_that_department_as_predecessor():
    x, preds = facts(
        "Department of Rheumatology\n\nIn 2016, the Department of Allergy was separated from the department and "
        "became an independent department.",
        "predecessor",
    )
    got = [(x.entities[f.subject].name, x.entities[f.value].name) for f in preds]
    assert got == [("Department of Allergy", "Department of Rheumatology")]
    assert not any("Became" in (e.name or "") for e in x.entities.values())


def test_renamed_from_gives_a_former_name():
    x, former = facts("Urology Department\n\nIn 1995 the department was renamed from the kidney surgery group to the "
                      "urology department.", "former_name")  # fmt: skip
    assert [f.value for f in former] == ["kidney surgery group"]
    assert not by_kind(x, "offering")


def test_a_unit_named_after_its_hospitals_possessive_is_the_subject():
    x, _ = facts(
        "Breast Surgery Department\n\nRiverside Women's Hospital's breast surgery department was founded in 2001."
    )
    assert [(f.subject, f.value) for f in by_kind(x, "founded")] == [("unit:breast-surgery-department", 2001)]


def test_a_role_of_a_bare_unit_head_is_not_a_unit():
    x, _ = facts(
        "Colorectal Unit\n\nThe unit is led by Professor Jane Smith, Head of Unit, and Dr Li Ming, Director of "
        "Department."
    )
    assert not {"Head of Unit", "Director of Department"} & set(names(x, "unit"))


def test_independence_after_a_founding_does_not_refound_the_unit():
    x, _ = facts(
        "Paediatric Oncology Department\n\nThe department was established in 1985. In 2010 it became independent "
        "from the Department of Paediatrics."
    )
    assert [f.value for f in by_kind(x, "founded")] == [1985]
    assert len(by_kind(x, "predecessor")) == 1


def test_a_procedure_combined_with_another_is_one_new_concept():
    x, _ = facts(
        "Chest Centre\n\nThe centre performs pneumonectomy combined with partial chest wall resection, "
        "laryngeal resection and reconstruction, lobectomy, and surgery and radiotherapy."
    )
    new = {f.get("mention") for f in by_kind(x, "concept") if f.value is None}
    assert {"pneumonectomy combined with partial chest wall resection", "laryngeal resection and reconstruction"} <= new
    assert not {"partial chest wall resection", "laryngeal resection"} & new
    assert "lobectomy" in performed(x) and "radiotherapy" in performed(x)


def test_common_conditions_and_procedures_the_vocabulary_lacked():
    x, _ = facts(
        "Children's Blood Centre\n\nThe centre treats acute lymphoblastic leukemia, neuroblastoma, aplastic anemia, "
        "kidney stones, diverticular disease and pelvic floor disorders. It performs bone marrow puncture, "
        "minimal residual disease detection, HPV screening and remote consultation."
    )
    slugs = concept_slugs(x)
    assert {
        "acute-lymphoblastic-leukaemia",
        "neuroblastoma",
        "aplastic-anaemia",
        "kidney-stone",
        "pelvic-floor-disorder",
        "bone-marrow-aspiration",
        "minimal-residual-disease-detection",
        "hpv-testing",
        "remote-consultation",
    } <= slugs
    assert not {"leukaemia", "paediatric-tumour", "anaemia", "urinary-calculi", "hpv-infection"} & slugs


def test_a_broad_treatment_with_its_basis_and_a_spine_operation_are_claims():
    x, _ = facts(
        "Women's Cancer Unit\n\nThe unit combines surgery with cisplatin-based chemotherapy. The hospital also "
        "performs minimally invasive spine surgery."
    )
    got = performed(x)
    assert "chemotherapy" in got
    assert "minimally invasive spine surgery" in got and "spinal surgery" not in got


def test_nesting_cues_other_than_part_of():
    x, _ = facts(
        "Epilepsy Unit\n\nThe Epilepsy Unit sits within the Department of Clinical Neurosciences at Northgate "
        "Hospital. The Sleep Clinic, a unit within the service, opened in 2004."
    )
    got = {(x.entities[f.subject].name, x.entities[str(f.value)].name) for f in by_kind(x, "part_of")}
    assert ("Epilepsy Unit", "Department of Clinical Neurosciences") in got


def test_nesting_in_the_main_unit_named_by_its_head_word():
    x, _ = facts(
        "Division of Renal Medicine\n\nThe Division of Renal Medicine cares for adults with kidney disease. "
        "The Dialysis Centre, a unit within the division, has 30 stations."
    )
    got = {(x.entities[f.subject].name, x.entities[str(f.value)].name) for f in by_kind(x, "part_of")}
    assert got == {("Dialysis Centre", "Division of Renal Medicine")}


def test_head_of_department_is_a_post_not_a_unit():
    x, _ = facts("Department of Radiation Oncology\n\nDr. Anil Mehta, Head of Department, has 25 years of experience.")
    assert names(x, "unit") == ["Department of Radiation Oncology"]


def test_disease_names_by_form_are_new_conditions():
    x, _ = facts(
        "Department of Clinical Immunology\n\nThe department treats patients with xanthogranulomatosis, eosinophilic "
        "fasciitis, Behcet's syndrome and hereditary angioedema. Our diagnosis of chronic disease is quick."
    )
    new = {f.get("mention") for f in by_kind(x, "concept") if f.value is None}
    assert {"xanthogranulomatosis", "eosinophilic fasciitis", "Behcet's syndrome"} <= new
    assert not new & {"diagnosis", "chronic disease"}


def test_no_disease_name_outside_a_sentence_about_conditions_treated():
    x, _ = facts("Vascular Unit\n\nPostoperative thrombosis occurred in two patients last year.")
    assert not [f for f in by_kind(x, "concept") if f.value is None]


def test_named_diseases_are_their_own_concepts():
    x, _ = facts(
        "Neurology Unit\n\nThe unit manages multiple sclerosis, transient ischaemic attack, Alzheimer's disease "
        "and atrial fibrillation."
    )
    got = {str(f.value).rsplit("/", 1)[-1] for f in by_kind(x, "concept")}
    assert {"multiple-sclerosis", "transient-ischaemic-attack", "alzheimer-s-disease", "atrial-fibrillation"} <= got


def test_a_cancer_hospital_is_no_condition():
    x, _ = facts("Breast Unit\n\nThe institute was ranked among the top ten cancer hospitals in the country.")
    assert not [f for f in by_kind(x, "concept") if f.value is None]


def test_capitalised_role_between_commas_after_a_name():
    x, _ = facts("Renal Unit\n\nDr Helen Moore, Clinical Director, oversees the dialysis service.")
    roles = {(x.entities[f.subject].name, f.get("role")) for f in by_kind(x, "membership")}
    assert ("Helen Moore", "Clinical Director") in roles


def test_recognitions_as_english_pages_state_them():
    x, _ = facts(
        "Cardiac Unit\n\nThe unit is accredited by the Joint Commission International and was ranked among the top "
        "five heart programmes in the region. It holds JCI accreditation. It was awarded Centre of Excellence "
        "designation in 2019."
    )
    got = {f.value: f.get("year") for f in by_kind(x, "recognition")}
    assert "accreditation by the Joint Commission International" in got  # as the text says it
    assert "top five heart programmes in the region" in got
    assert "JCI accreditation" in got
    assert got.get("Centre of Excellence designation") == 2019


def test_roles_before_a_name_and_a_list_of_roles_with_degrees_after_it():
    x, _ = facts(
        "Kidney Department\n\nDirector Cheng Ming, M.D., chief physician and doctoral supervisor, is vice chairman "
        "of the Nephrology Branch of Eastland Medical Association. Head nurse: Sun Li, deputy chief nurse. "
        "Director of the department: Gu Lin, Ph.D., chief physician, professor, member of the Kidney Branch of "
        "Eastland Medical Association. It was founded in 1972 by professor Duan Ming."
    )
    roles = roles_of(x)
    assert {("Cheng Ming", "Director"), ("Cheng Ming", "chief physician"), ("Cheng Ming", "doctoral supervisor")} <= (
        roles
    )
    assert {("Sun Li", "Head nurse"), ("Sun Li", "deputy chief nurse")} <= roles
    assert {("Gu Lin", "Director"), ("Gu Lin", "chief physician"), ("Gu Lin", "professor")} <= roles
    assert ("Duan Ming", "professor") in roles
    assert not any(":" in role for _, role in roles)
    quals = {(x.entities[f.subject].name, f.value) for f in by_kind(x, "qualification")}
    assert {("Cheng Ming", "M.D."), ("Gu Lin", "Ph.D.")} <= quals


def test_a_role_of_a_society_is_not_given_to_the_name_after_a_semicolon():
    x, _ = facts(
        "Radiotherapy Department\n\n[Leaders] Director Wei Hua, chief physician, chairman of the Radiotherapy "
        "Branch of Southland Medical Association; Chief physicist Huang Ping, senior engineer."
    )
    roles = roles_of(x)
    assert ("Wei Hua", "chairman") in roles
    assert ("Huang Ping", "chairman") not in roles
    assert {("Huang Ping", "Chief physicist"), ("Huang Ping", "senior engineer")} <= roles


def test_a_role_before_a_name_is_not_stated_twice_in_another_case():
    x, _ = facts("Reporter Liu Mei and Zhang Wei report from Example City\n\nThe center has 30 beds.")
    got = [f.get("role") for f in by_kind(x, "membership") if x.entities[f.subject].name == "Liu Mei"]
    assert [r.lower() for r in got] == ["reporter"]


def unit_names(x):
    return sorted(e.name for e in x.entities.values() if e.kind == "unit")


def test_a_title_in_parts_names_the_unit_its_hospital_or_its_parent():
    x, _ = facts("Stroke Unit – Northgate Hospital\n\nThe unit has 20 beds.")
    assert unit_names(x) == ["Stroke Unit"]
    assert names(x, "hospital") == ["Northgate Hospital"]
    x, _ = facts("Westfield Institute of Oncology – Comprehensive Cancer Centre\n\nThe centre has 300 beds.")
    assert unit_names(x) == ["Comprehensive Cancer Centre"]
    assert names(x, "hospital") == ["Westfield Institute of Oncology"]
    unit_of = {(x.entities[f.subject].name, x.entities[str(f.value)].name) for f in by_kind(x, "unit_of")}
    assert unit_of == {("Comprehensive Cancer Centre", "Westfield Institute of Oncology")}
    x, _ = facts("Sleep Center | Department of Neurology\n\nThe center has 8 beds.")
    got = {(x.entities[f.subject].name, x.entities[str(f.value)].name) for f in by_kind(x, "part_of")}
    assert got == {("Sleep Center", "Department of Neurology")}
    x, _ = facts("Home > Services > Respiratory Medicine\n\nAbout the Centre\n\nToday the centre has 40 beds.")
    assert unit_names(x) == ["Respiratory Medicine"]


def test_a_named_medical_center_is_a_hospital_and_its_prefix_is_not_part_of_a_units_name():
    x, _ = facts(
        "Epilepsy Center\n\nThe Oakvale Epilepsy Center of Oakvale University Medical Center, in Omaha, treats "
        "epilepsy. The Cancer Medical Center opened in 2001."
    )
    assert names(x, "hospital") == ["Oakvale University Medical Center"]
    assert "Oakvale Epilepsy Center" not in unit_names(x)
    assert "Epilepsy Center" in unit_names(x) and "Cancer Medical Center" in unit_names(x)


def part_of(x):
    return {(x.entities[f.subject].name.lower(), x.entities[str(f.value)].name.lower()) for f in by_kind(x, "part_of")}


def test_units_a_unit_includes_are_part_of_it():
    x, _ = facts(
        "Eye Center\n\nNow the center includes the cataract surgery ward, the fundus disease ward and the glaucoma "
        "and pediatric ophthalmology ward, three wards with 90 beds. The Emergency Department includes the Chest "
        "Pain Center, the Stroke Center and the Trauma Center."
    )
    assert {
        ("cataract surgery ward", "eye center"),
        ("fundus disease ward", "eye center"),
        ("glaucoma and pediatric ophthalmology ward", "eye center"),
        ("chest pain center", "emergency department"),
        ("stroke center", "emergency department"),
        ("trauma center", "emergency department"),
    } == part_of(x)


def test_divisions_groups_and_plural_department_lists_of_a_unit():
    x, _ = facts(
        "Hospital Profile\n\nThe Department of Surgery includes the Division of General Surgery and the Division "
        "of Urology. Within the Division of General Surgery there are three specialty groups: gastrointestinal "
        "surgery, hepatobiliary surgery, and hernia and abdominal wall surgery.\n\nCancer Centre\n\n"
        "The Cancer Centre is organised into the "
        "Departments of Surgical Oncology, Medical Oncology and Nuclear Medicine."
    )
    got = part_of(x)
    assert {
        ("division of general surgery", "department of surgery"),
        ("division of urology", "department of surgery"),
        ("hepatobiliary surgery group", "division of general surgery"),
        ("hernia and abdominal wall surgery group", "division of general surgery"),
        ("department of surgical oncology", "cancer centre"),
        ("department of nuclear medicine", "cancer centre"),
    } <= got
    assert not any("within" in child or "within" in parent for child, parent in got)


def test_coordinated_units_are_each_part_of_the_parent_and_the_last_nesting_cue_wins():
    x, _ = facts(
        "Oncology\n\nThe Head and Neck Oncology Unit and the Breast Oncology Unit are part of the Department of "
        "Surgical Oncology. The Stroke Unit opened in 2002 as an area within Ward 5B and became a stand-alone unit "
        "of the Neurology Department in 2011. Louise Hart is the Nurse Unit Manager."
    )
    got = part_of(x)
    assert {
        ("head and neck oncology unit", "department of surgical oncology"),
        ("breast oncology unit", "department of surgical oncology"),
        ("stroke unit", "neurology department"),
    } <= got
    assert ("stroke unit", "ward 5b") not in got
    assert "Nurse Unit Manager" not in unit_names(x)


def test_specific_conditions_procedures_and_devices_of_many_specialties_are_their_own_concepts():
    x, _ = facts(
        "Department of Nephrology\n\nThe department treats IgA nephropathy, lupus nephritis, end-stage renal disease, "
        "glioma, trigeminal neuralgia, immune thrombocytopenia, retinal detachment and dilated cardiomyopathy. "
        "It performs percutaneous renal biopsy, continuous renal replacement therapy, plasma exchange, "
        "microvascular decompression, mechanical thrombectomy, nipple-sparing mastectomy, trabeculectomy and "
        "pulmonary rehabilitation. The department is equipped with a femtosecond laser and a neuronavigation system."
    )
    slugs = concept_slugs(x)
    assert {
        "iga-nephropathy",
        "lupus-nephritis",
        "end-stage-renal-disease",
        "glioma",
        "trigeminal-neuralgia",
        "immune-thrombocytopenia",
        "retinal-detachment",
        "dilated-cardiomyopathy",
        "percutaneous-renal-biopsy",
        "continuous-renal-replacement-therapy",
        "plasmapheresis",
        "microvascular-decompression",
        "mechanical-thrombectomy",
        "nipple-sparing-mastectomy",
        "trabeculectomy",
        "pulmonary-rehabilitation",
        "femtosecond-laser",
        "neuronavigation-system",
    } <= slugs
    assert not {"kidney-disease", "brain-tumour", "chronic-kidney-disease", "cardiomyopathy", "excimer-laser"} & slugs


@pytest.mark.parametrize(
    "sentence",
    [
        "Since 2018 it has trained radiation therapists together with Harbourside Hospital in Osaka, Japan.",
        "The center works with Harbourside Hospital in Boston on heart research.",
        "The center has an exchange programme in head and neck surgery with Harbourside Hospital in Lyon, France.",
        "The center is affiliated with Harbourside Hospital.",
    ],
)
def test_collaboration_cues_works_together_affiliated_and_an_exchange_programme_with(sentence):
    x, collabs = facts("Lung Center\n\n" + sentence, "collaboration")
    assert [x.entities[str(f.value)].name for f in collabs] == ["Harbourside Hospital"]


def test_an_infirmary_and_a_hopital_are_hospitals():
    x, collabs = facts(
        "Lung Center\n\nThe center cooperates with Ashgrove Royal Infirmary in Leeds and with Hôpital Sainte-Anne "
        "in Lyon, France."
    )
    partners = {x.entities[str(f.value)].name: x.entities[str(f.value)].kind for f in by_kind(x, "collaboration")}
    assert partners == {"Ashgrove Royal Infirmary": "hospital", "Hôpital Sainte-Anne": "hospital"}


def test_it_at_the_start_of_a_sentence_is_the_unit_the_sentence_before_named():
    x, caps = facts(
        "Hospital Profile\n\nThe Department of Surgery is the largest department. The Department of Geriatrics was "
        "renamed in 2008. It has 150 beds. The hospital has 2000 beds.",
        "capacity",
    )
    got = {(x.entities[f.subject].name, f.value) for f in caps if f.get("property") == "bedCount"}
    assert ("Department of Geriatrics", 150) in got
    assert ("Department of Surgery", 150) not in got


def test_the_largest_or_only_unit_of_its_kind_in_a_region_is_a_recognition_one_of_the_largest_is_not():
    x, recs = facts(
        "Neurosurgery Center\n\nAfter fifty years it has become the largest neurosurgical center in western Henan. "
        "It is the only Level 4 epilepsy center in Nebraska. It is now one of the largest departments in Henan.",
        "recognition",
    )
    got = {f.value for f in recs}
    assert {"largest neurosurgical center in western Henan", "only Level 4 epilepsy center in Nebraska"} <= got
    assert not any("one of" in str(v) for v in got)


def test_beds_said_of_a_named_sub_unit_are_its_beds():
    x, caps = facts(
        "Respiratory Medicine\n\nOur inpatient service is based on Kingfisher Ward (28 beds), with a six-bed "
        "Respiratory Support Unit. The department has four wards, one neurosurgical intensive care unit (NICU) with "
        "eighteen beds, a total of 168 beds, including a 12-bed bone marrow transplant unit. The centre has one "
        "ward with forty-two beds.",
        "capacity",
    )
    beds = {(x.entities[f.subject].name.lower(), f.value) for f in caps if f.get("property") == "bedCount"}
    assert beds == {
        ("kingfisher ward", 28),
        ("respiratory support unit", 6),
        ("neurosurgical intensive care unit", 18),
        ("bone marrow transplant unit", 12),
        ("respiratory medicine", 168),
        ("respiratory medicine", 42),
    }


def test_ranks_named_before_their_counts():
    x, staff = facts(
        "Eye Center\n\nThe center has 83 staff, among them 31 doctors (chief physicians 4, associate chief "
        "physicians 8, attending physicians 11).",
        "staff",
    )
    assert {("chief physicians", 4), ("associate chief physicians", 8), ("attending physicians", 11)} <= {
        (f.get("role"), f.value) for f in staff
    }


def test_roles_after_degrees_and_names_with_an_apostrophe_or_after_a_role_word():
    x, _ = facts(
        "Epilepsy Center\n\nMargaret O'Donnell, MD, PhD, is the Center Director. Samuel Okafor, MD, is Surgical "
        "Director and Associate Professor of Neurosurgery. [Explanation] Nurse Tang Li will be the main teacher."
    )
    roles = roles_of(x)
    assert {("Margaret O'Donnell", "Center Director"), ("Samuel Okafor", "Surgical Director")} <= roles
    assert ("Tang Li", "Nurse") in roles
    assert "Nurse Tang" not in names(x, "person")


def test_the_first_word_check_before_a_coordination_lookup_never_hides_a_label():
    """Coordinated phrases are looked up only when a label can begin with their first word: every label of every
    vocabulary (but the generic words, which are never matched alone), followed by more words, passes; a first
    word no label starts with does not."""
    from hkg.graph import lexicon as lex
    from hkg.graph.mentions import concept_mentions

    lexicon = lex.load()
    statements = lex._Statements()
    labels = {label for iri in lexicon.concepts for label in lex._labels(statements, iri)} - set(lex.GENERIC_LABELS)
    assert len(labels) > 1000
    for label in labels:
        assert lexicon.may_begin(f"{label} of the unit"), label
    assert not lexicon.may_begin("zzyzx radical gastrectomy")
    # and a phrase it lets through is one the matcher is then asked about
    assert concept_mentions(lexicon, lex.make_doc(lexicon, "laparoscopic radical gastrectomy"))


@pytest.mark.parametrize(
    "sentence, former",
    [
        ("The department was founded in 1965 as the Urology Group of Surgery, and took its present name in 1980.",
         ["Urology Group of Surgery"]),
        ("The department was set up in 1961; it was called Department of Eye and Ear Diseases at that time.",
         ["Department of Eye and Ear Diseases"]),
        ("The department was established in 1987 and was known as the Department of Chest Diseases until 2004.",
         ["Department of Chest Diseases"]),
        ("The department was renamed as Department of Lung Diseases in 1990, and renamed again to Department of "
         "Respiratory Medicine in 2005.", ["Department of Lung Diseases"]),
        ("The department was originally a hand surgery group under the Department of Orthopedics.",
         ["hand surgery group"]),
        # the name it has now, or was named after, is no former name
        ("In 2005 the unit was renamed as Department of Respiratory Medicine.", []),
        ("The department was named after Professor Li Ming until 2001.", []),
    ],
)  # fmt: skip
def test_former_names_said_without_formerly(sentence, former):
    _, found = facts("Department of Respiratory Medicine\n\n" + sentence, "former_name")
    assert [f.value for f in found] == former


def test_a_unit_carved_out_of_a_specialty_that_started_in_a_year():
    x, preds = facts(
        "Department of Vascular Surgery\n\nThe Department of Vascular Surgery was carved out of General Surgery in "
        "2011. The department started in 2011 with 12 beds."
    )
    assert [x.entities[f.value].name for f in by_kind(x, "predecessor")] == ["General Surgery"]
    assert {f.value for f in by_kind(x, "founded")} == {2011}
    _, founded = facts("Department of Oncology\n\nOur team started in 2015 a screening programme.", "founded")
    assert not founded  # only a unit starts as a unit


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("It also manages the hospice and palliative care ward, which opened in 2019 with 16 beds.",
         "unit:hospice-and-palliative-care-ward"),
        ("Founded in 1996 within the Department of Neurology, the Riverside Epilepsy Center is the only one.",
         "unit:riverside-epilepsy-center"),
        ("The Department of Neurology was founded in 1980.", "unit:neurology-department"),
    ],
)  # fmt: skip
def test_a_founding_year_goes_to_the_unit_its_clause_is_about(sentence, unit):
    _, founded = facts("Department of Neurology\n\nThe Department of Neurology has 30 beds. " + sentence, "founded")
    assert [f.subject for f in founded] == [unit]


@pytest.mark.parametrize(
    "sentence",
    [
        "After four decades of construction the department is a provincial leader.",
        "The department is divided into 5 professional groups and runs on 2 campuses.",
        "It provides 24/7 emergency care for the region.",
        "The laboratory covers 600 square meters.",
        "It is the teaching hospital of the Three Gorges Medical College.",
        "Honours:\n- Provincial Excellence Award, Health Commission, 2014\n- Best Department Award, 2019",
    ],
)
def test_numbers_that_are_no_activity_figure(sentence):
    _, figures = facts("Department of Oncology\n\n" + sentence, "figure")
    assert not figures, [(f.value, f.get("measure")) for f in figures]


def test_activity_figures_next_to_them_are_kept():
    _, figures = facts(
        "Department of Pathology\n\nThe department reads about 9000 frozen sections per year and trains 40 "
        "residents every year.",
        "figure",
    )
    assert sorted(f.value for f in figures) == [40, 9000]


@pytest.mark.parametrize(
    "sentence, staff, figures",
    [
        ("The team has 3 epilepsy neurosurgeons, 5 advanced practice providers and 6 transplant coordinators.",
         {3, 5, 6}, set()),
        ("There are 3 advanced trainees in neurology and 2 dietitians.", {3, 2}, set()),
        ("The department has 12 chief physicians and 8 doctors trained in Ghent.", {12}, {8}),
        ("More than 300 interventional doctors have been trained for basic-level hospitals.", set(), {300}),
        ("Among them, 17 with master's degree.", {17}, set()),
        # a year before "by professor", devices that "assist": no staff
        ("The department was founded in 1972 by professor Duan Qingshan.", set(), set()),
        ("It has implanted 27 left ventricular assist devices since 2010.", set(), None),
    ],
)  # fmt: skip
def test_staff_counts_and_people_trained(sentence, staff, figures):
    x, _ = facts("Department of Neurology\n\n" + sentence)
    assert {f.value for f in by_kind(x, "staff")} == staff
    if figures is not None:
        assert {f.value for f in by_kind(x, "figure")} == figures


def test_a_team_list_gives_each_person_the_degrees_and_roles_of_their_own_line():
    x, _ = facts(
        "Department of Spine Surgery\n\nOur Team\nMa Lin M.D., Ph.D., director of the center, chief physician, "
        "professor\nGuo Hua M.D., chief physician\nLi Wen M.D., Ph.D."
    )
    got = {
        (f.subject, f.value if f.kind == "qualification" else f.get("role"))
        for f in x.facts
        if f.kind in ("membership", "qualification")
    }
    assert {r for p, r in got if p == "person:ma-lin"} == {"M.D.", "Ph.D.", "director", "chief physician", "professor"}
    assert {r for p, r in got if p == "person:guo-hua"} == {"M.D.", "chief physician"}
    assert {r for p, r in got if p == "person:li-wen"} == {"M.D.", "Ph.D."}


def test_a_name_no_list_knows_is_a_person_when_roles_follow_it():
    x, _ = facts(
        "Department of Oral Surgery\n\nAbulaiti Maimaiti, chief physician, professor, is the director of the "
        "department. Patients from Northern Jiangsu, especially elderly people, come here."
    )
    assert [e.name for e in x.entities.values() if e.kind == "person"] == ["Abulaiti Maimaiti"]
    roles = {f.get("role") for f in by_kind(x, "membership")}
    assert {"chief physician", "professor", "director"} <= roles


@pytest.mark.parametrize(
    "sentence, partners",
    [
        ("The center cooperates closely with the radiotherapy department of our hospital in brachytherapy.",
         ["unit:radiotherapy-department"]),
        ("The center, together with the nuclear medicine department, implements iodine-131 treatment.",
         ["unit:nuclear-medicine-department"]),
        ("The center takes part in clinical research of ovarian cancer maintenance treatment with Riverside "
         "University Hospital.", ["org:riverside-university-hospital"]),
        ("The studies were done with the support of the National Natural Science Foundation.", []),
        ("The center works with the department to treat patients.", []),
    ],
)  # fmt: skip
def test_collaboration_cues_with_adverbs_research_and_internal_units(sentence, partners):
    _, found = facts("Gynecological Oncology Center\n\n" + sentence, "collaboration")
    assert [f.value for f in found] == partners


def new_concepts(x) -> set[str]:
    """The labels of the concepts an extraction names that the vocabularies lack."""
    return {f.get("mention") for f in by_kind(x, "concept") if f.value is None}


def test_a_vocabulary_term_with_specific_modifiers_is_a_concept_of_its_own():
    x, _ = facts(
        "Urology Center\n\nThe center performs retroperitoneoscopic partial nephrectomy, nerve-sparing radical "
        "prostatectomy and CT-guided renal biopsy, and treats clear cell renal carcinoma and "
        "intracranial hypertension. "
        "It is equipped with a high-definition electronic cystoscope."
    )
    new = new_concepts(x)
    assert {"retroperitoneoscopic partial nephrectomy", "nerve-sparing radical prostatectomy"} <= new
    assert "intracranial hypertension" in new
    assert "high-definition electronic cystoscope" in new
    assert not any(n.startswith(("performs", "and ", "treats")) for n in new)


def test_generic_or_clause_words_do_not_make_a_term_specific():
    x, _ = facts(
        "Urology Center\n\nThe center carries out routine nephrectomy for patients who underwent prostatectomy, "
        "formerly known as kidney transplantation group."
    )
    new = new_concepts(x)
    assert not any("routine" in n or "underwent" in n or "kidney transplantation" in n for n in new)


def performed_keys(x) -> set[str]:
    """What the extraction says the unit performs: vocabulary IRIs' last segment, or a new concept's label."""
    return {
        str(f.value).rsplit("/", 1)[-1] if f.value is not None else f.get("mention")
        for f in by_kind(x, "concept")
        if f.get("relation") == "performs"
    }


def test_a_coordinated_modifier_the_vocabulary_joins_stays_whole_and_other_coordinations_give_the_last_item():
    x, _ = facts(
        "Department of Oncology\n\nAdjuvant treatment is planned by the head and neck tumor MDT. The department "
        "performs laparoscopic and open radical hysterectomy."
    )
    got = performed_keys(x)
    assert "multidisciplinary-treatment" in got
    assert not any("neck tumor" in g for g in got)  # not half of "head and neck"
    assert {"laparoscopic-radical-hysterectomy", "open radical hysterectomy"} <= got


def test_the_tumour_a_procedure_is_for_does_not_make_it_a_new_procedure():
    x, _ = facts("Gastrointestinal Cancer Center\n\nEvery patient is discussed by the tumor MDT team.")
    assert performed_keys(x) == {"multidisciplinary-treatment"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Vascular Surgery\n\nThe resection of carotid body tumor is also performed. The repair of dysfunctional "
            "fistula is carried out, and anal fistula is treated by ligation of intersphincteric fistula tract (LIFT). "
            "Open repair of ruptured aneurysm is carried out.",
            {
                "resection of carotid body tumor", "repair of dysfunctional fistula",
                "ligation of intersphincteric fistula tract", "open repair of ruptured aneurysm",
            },
            id="an operation of a named condition",
        ),
        pytest.param(
            "Head and Neck Surgery\n\nThe department performs reconstruction with the anterolateral thigh flap and the "
            "radial forearm flap. It carries out fluorescence navigation and parotid static imaging. "
            "It offers scoliosis screening for children.",
            {
                "anterolateral thigh flap", "radial forearm flap", "fluorescence navigation",
                "parotid static imaging", "scoliosis screening",
            },
            id="screenings, imaging, flaps and navigation",
        ),
    ],
)  # fmt: skip
def test_well_formed_procedures_the_vocabulary_lacks_are_new_concepts(text, expected):
    x, _ = facts(text)
    assert expected <= new_concepts(x)


def test_a_list_of_operations_is_not_read_as_one_coordinated_operation():
    x, _ = facts(
        "Hepatobiliary Surgery\n\nIt is proficient in laparoscopic pancreaticoduodenectomy, radical resection of "
        "hilar cholangiocarcinoma and ALPPS."
    )
    spans = [f.get("mention") for f in by_kind(x, "concept")]
    assert not any("," in (m or "") for m in spans)  # no mention spans the list
    assert "radical resection of hilar cholangiocarcinoma" in new_concepts(x)


def test_devices_the_vocabulary_lacks_are_read_by_their_head_word():
    x, _ = facts(
        "Sleep Medicine Center\n\nThe center is equipped with two wireless polysomnography monitors, a portable "
        "capnography module, an automatic titration pump and a quality management system."
    )
    new = {f.get("mention") for f in by_kind(x, "concept") if f.value is None and f.get("relation") == "uses"}
    assert {"wireless polysomnography monitors", "portable capnography module", "automatic titration pump"} <= new
    assert not any("management" in n or n.startswith("two") for n in new)


def parts(x) -> set[tuple[str, str]]:
    return {(x.entities[f.subject].name, x.entities[str(f.value)].name) for f in by_kind(x, "part_of")}


def test_sub_units_a_unit_has_counts_in_brackets_or_consists_of():
    x, _ = facts(
        "Department of Cardiology\n\nThe Department of Cardiology has two wards (North Heart Ward and the "
        "Arrhythmia Ward) and a 10-bed coronary care unit. The department consists of the Cardiac ICU, the "
        "echocardiography room and the PCI/EP Center. The department has one ward with forty beds."
    )
    got = parts(x)
    parent = "Department of Cardiology"
    for child in ("North Heart Ward", "Arrhythmia Ward", "Coronary Care Unit", "Cardiac ICU", "PCI/EP Center"):
        assert (child, parent) in got, child
    assert not any(child.lower() in ("ward", "one ward") for child, _ in got)


@pytest.mark.parametrize(
    "name, parts",
    [
        ("the Department of Ear and Throat Surgery of Lanshan County Hospital", [
            "Department of Ear and Throat Surgery of Lanshan County Hospital"]),
        ("the Lanshan County Hospital and Tanhe Medical University", [
            "Lanshan County Hospital", "Tanhe Medical University"]),
        ("the Department of Surgery and the Department of Medicine of Lanshan County Hospital", [
            "Department of Surgery", "Department of Medicine of Lanshan County Hospital"]),
    ],
)  # fmt: skip
def test_a_name_joined_by_and_is_split_only_where_the_right_part_has_a_head_of_its_own(name, parts):
    lex = lexicon.load()
    tokens = lexicon.make_doc(lex, f"We visited {name} in May.")
    assert [m.text for m in mentions.org_mentions(tokens)] == parts


def test_a_persons_membership_is_not_the_units():
    x, _ = facts(
        "Department of Nephrology\n\nHead nurse Zhao Lanfang is a member of the Dialysis Nursing Committee of the "
        "Provincial Nursing Association. Director Qian Wei, chief physician, committee member of the Nephrology "
        "Branch of the Provincial Medical Association. She is also a member of the Renal Committee of the Provincial "
        "Anti-Cancer Association. The department is a member of the Regional Kidney Alliance."
    )
    got = recognised(x)
    assert "member of the Regional Kidney Alliance" in got
    assert not any("Nursing" in r or "Nephrology Branch" in r or "Renal Committee" in r for r in got)


def said_of(x, kind: str) -> set[tuple[str | None, object]]:
    """(the subject's name, the value) of each fact of a kind."""
    return {(x.entities[f.subject].name, f.value) for f in by_kind(x, kind)}


def test_a_sentence_opening_with_a_sub_unit_named_in_lower_case_is_about_that_sub_unit():
    x, _ = facts(
        "Department of Nuclear Medicine\n\nThe department consists of the SPECT imaging room and the iodine therapy "
        "ward. The iodine therapy ward was opened in 2011 with eighteen shielded beds. The department has 40 beds."
    )
    assert said_of(x, "capacity") == {("Iodine Therapy Ward", 18), ("Department of Nuclear Medicine", 40)}
    assert said_of(x, "founded") == {("Iodine Therapy Ward", 2011)}


def test_beds_a_named_sub_unit_has_are_its_own_and_an_independent_ward_is_the_units():
    x, _ = facts(
        "Department of Critical Care Medicine\n\nThe department consists of the General ICU and the Cardiac ICU, "
        "with thirty beds in total, of which the General ICU has eighteen beds and the Cardiac ICU has twelve beds. "
        "The Department of Critical Care Medicine also has an independent ward with 14 beds."
    )
    assert said_of(x, "capacity") == {
        ("Department of Critical Care Medicine", 30), ("General ICU", 18), ("Cardiac ICU", 12),
        ("Department of Critical Care Medicine", 14)}  # fmt: skip
    assert not any("independent" in child.lower() for child, _ in parts(x))


def test_figures_in_a_paragraph_about_the_hospital_are_the_hospitals():
    x, _ = facts(
        "Vascular Surgery\n\nOur hospital was founded in 1961. Every year there are about 1.8 million outpatient "
        "visits and 41,000 operations.\n\nThe Department of Vascular Surgery was established in 2004. Every year "
        "there are about 2,100 operations. The center, formerly a surgical group, was renamed in 2012."
    )
    name = {k: e.name for k, e in x.entities.items()}
    hospital = next(k for k, e in x.entities.items() if e.kind == "hospital")
    figures = {(f.subject, f.value) for f in by_kind(x, "figure")}
    assert (hospital, 41000) in figures and (hospital, 1800000) in figures
    assert any(name.get(s) == "Vascular Surgery" and v == 2100 for s, v in figures)
    assert said_of(x, "founded") == {(None, 1961), ("Vascular Surgery", 2004)}


@pytest.mark.parametrize(
    "item, units",
    [
        ("urology and critical care medicine", ["urology", "critical care medicine"]),
        ("clinical laboratory and blood transfusion department", [
            "clinical laboratory", "blood transfusion department"]),
        ("pediatric surgery and pediatric oncology", ["pediatric surgery", "pediatric oncology"]),
        ("pathology department and molecular pathology room", ["pathology department", "molecular pathology room"]),
        ("radiology and interventional department", ["radiology and interventional department"]),
        ("obstetrics and gynecology", ["obstetrics and gynecology"]),
        ("diagnosis and treatment center", ["diagnosis and treatment center"]),
        ("head and neck surgery", ["head and neck surgery"]),
    ],
)  # fmt: skip
def test_the_last_item_of_a_list_of_departments_may_name_two(item, units):
    from hkg.graph import rules

    assert rules._split_units(item) == units


def test_a_section_title_is_not_a_unit():
    x, _ = facts(
        "Department of Interventional Radiology\n\nDepartment Profile\n\nThe department has 40 beds.\n\n"
        "I. Department Overview\n\nIt was founded in 1999."
    )
    units = {e.name for e in x.entities.values() if e.kind == "unit"}
    assert units == {"Department of Interventional Radiology"}


def test_a_unit_of_the_hospital_is_not_a_sub_unit_of_the_department():
    x, _ = facts(
        "Department of Pediatrics\n\nThe Department of Pediatrics has 5 wards, and the hospital's Burn Unit, with "
        "12 beds, opened in 2010."
    )
    assert not any(child == "Burn Unit" for child, _ in parts(x))


def recognised(x) -> set[str]:
    return {str(f.value) for f in by_kind(x, "recognition")}


def test_honours_named_before_their_grantor_seats_in_bodies_and_firsts():
    x, _ = facts(
        "Department of Nephrology\n\nThe department is a key clinical specialty of the province and the Provincial "
        "Dialysis Quality Control Center, approved by the Provincial Health Commission in 2018. It was one of the "
        "earliest dialysis units in the province, and is the vice chairman unit of the Nephrology Branch of the "
        "Provincial Medical Association. It was one of the first specialties in our hospital."
    )
    got = recognised(x)
    assert "key clinical specialty of the province" in got
    assert "Provincial Dialysis Quality Control Center" in got
    assert "one of the earliest dialysis units in the province" in got
    assert any(r.startswith("vice chairman unit of the Nephrology Branch") for r in got)
    assert not any(r.lower().startswith("by ") or "our hospital" in r for r in got)


def test_a_specific_condition_filed_under_no_category_is_named_alone():
    x, _ = facts("Department of Infectious Diseases\n\nThe department treats sepsis and fever of unknown origin.")
    assert "sepsis" in concept_slugs(x)


def test_a_label_that_names_a_narrower_kind_of_its_concept_is_kept_as_written():
    x, _ = facts("Head and Neck Center\n\nThe center performs subtotal laryngectomy and balloon angioplasty.")
    assert {"subtotal laryngectomy", "balloon angioplasty"} <= new_concepts(x)


def test_one_new_concept_per_iri_whatever_the_case_of_its_label():
    from rdflib.namespace import SKOS

    from hkg.graph import rdf

    x, _ = facts(
        "Epilepsy Center\n\nSelective amygdalohippocampectomy is offered. The center performs selective "
        "amygdalohippocampectomy."
    )
    info = rdf.DocumentInfo(slug="t", title=None, sha256="0" * 64, file_name="t.txt")
    g = rdf.to_graph(x, info, "http://localhost:8000/")
    for concept in set(g.subjects(SKOS.prefLabel, None)):
        assert len(list(g.objects(concept, SKOS.prefLabel))) == 1, concept


def test_spellings_of_a_new_concept_that_share_its_iri_share_its_label():
    from hkg.graph.rdf import new_concept_label

    assert (
        new_concept_label("Soft-tissue  sarcoma") == new_concept_label("soft tissue sarcoma") == "soft tissue sarcoma"
    )
    assert new_concept_label("PiCCO monitoring system") == "PiCCO monitoring system"
    assert new_concept_label("children’s solid tumors") == "children's solid tumors"


def test_a_quoted_name_belongs_to_the_programme_it_stands_before():
    x, _ = facts(
        'Department of Oncology\n\nThe "Teal Ribbon" ovarian cancer patient club has more than 500 members. It runs '
        'the "Smile Again" patient association and a liver cancer follow-up clinic.'
    )
    assert sorted(f.value for f in by_kind(x, "offering")) == [
        "Smile Again patient association",
        "Teal Ribbon ovarian cancer patient club",
        "liver cancer follow-up clinic",
    ]


def test_a_title_case_programme_name_keeps_its_joined_halves_its_tail_and_its_capitalised_words():
    x, _ = facts(
        "Department of Neurology\n\nThe department hosts the annual Kestrel Acupuncture and Moxibustion Forum. It "
        "runs a Family School for Depression Patients, the Hear Well Seniors' Programme, a First Seizure Clinic and "
        "a Women with Epilepsy Clinic, and offers a two-year Fellowship in Head and Neck Oncology. The Department "
        "of Surgery and Colorectal Clinic share a floor. It joined the Stroke Forum of Zhejiang Province."
    )
    assert {f.value for f in by_kind(x, "offering")} == {
        "Kestrel Acupuncture and Moxibustion Forum", "Family School for Depression Patients",
        "Hear Well Seniors' Programme", "First Seizure Clinic", "Women with Epilepsy Clinic",
        "Fellowship in Head and Neck Oncology", "Colorectal Clinic", "Stroke Forum",
    }  # fmt: skip


def test_an_owners_possessive_opens_no_programme_name():
    x, _ = facts(
        "Heart Transplant Program\n\nPatients are followed in the program's post-transplant clinic. The said "
        "program runs a transplant support group for patients. The Women's Health Clinic is open daily."
    )
    assert {f.value for f in by_kind(x, "offering")} == {
        "post-transplant clinic", "transplant support group", "Women's Health Clinic",
    }  # fmt: skip


def test_a_first_the_unit_achieved_is_a_recognition_but_a_first_time_is_not():
    x, _ = facts(
        "Department of Surgery\n\nThe bariatric group established the first obesity surgery center in western "
        "Kestrelshire in 2016. Human Milk Bank: opened in 2017, the first human milk bank in Wrenford, which "
        "received milk from 400 donors. It was the first time in years that the unit grew.\n\n【Honors】\n"
        "● 2014: first TOETVA operation in Wrenford\n"
    )
    got = {str(f.value).lower(): f.get("year") for f in by_kind(x, "recognition")}
    assert got == {
        "first obesity surgery center in western kestrelshire": 2016,
        "first human milk bank in wrenford": 2017,
        "first toetva operation in wrenford": 2014,
    }


def test_an_accreditation_is_named_by_its_grantor_as_pages_name_it():
    x, _ = facts(
        "Sleep Disorders Center\n\nIn 2025 the center received five-year AASM accreditation. The lab was first "
        "accredited by the American Academy of Sleep Medicine in 2012 and is certified by NABH."
    )
    assert {f.value for f in by_kind(x, "recognition")} == {
        "AASM accreditation", "accreditation by the American Academy of Sleep Medicine", "NABH certification",
    }  # fmt: skip


def test_approved_beds_are_a_count_not_an_honour():
    x, _ = facts(
        "Department of Surgery\n\nThe hospital has 2,180 approved beds and 3,460 employees. In 2015 the department "
        "was approved as a Provincial Key Clinical Specialty."
    )
    assert [f.value for f in by_kind(x, "recognition")] == ["Provincial Key Clinical Specialty"]


def test_a_role_said_with_its_owners_possessive_is_the_role_alone():
    x, _ = facts(
        'Heart Transplant Program\n\n"We can do it here," said Dr. Lena Hoffmann, the program\'s surgical director.'
    )
    assert [f.get("role") for f in by_kind(x, "membership")] == ["surgical director"]


def test_a_person_who_leads_a_named_service_keeps_its_whole_name():
    x, _ = facts("Respiratory Medicine\n\nDr. Rajesh Menon leads the Interstitial Lung Disease service.")
    assert [f.get("as_written") for f in by_kind(x, "membership")] == ["leads the Interstitial Lung Disease service"]


def test_a_person_with_degrees_who_directs_a_programme_is_its_head():
    x, _ = facts("Epilepsy Center\n\nPriya Raghunathan, MD, directs the pediatric epilepsy program.")
    assert [(f.get("role"), f.get("as_written")) for f in by_kind(x, "membership")] == [
        ("head", "directs the pediatric epilepsy program")
    ]


def test_a_unit_that_has_operated_or_opened_a_sub_unit_names_it_without_the_verb_or_a_places_possessive():
    x, _ = facts(
        "Stroke Unit\n\nSince 2019 the unit has operated Queensland's first Mobile Stroke Unit, an ambulance "
        "fitted with a CT scanner. The unit has opened a Rapid Access Unit. It has treated 300 patients."
    )
    assert names(x, "unit") == ["Mobile Stroke Unit", "Rapid Access Unit", "Stroke Unit"]
    assert sorted(parts(x)) == [("Mobile Stroke Unit", "Stroke Unit"), ("Rapid Access Unit", "Stroke Unit")]


def test_a_service_named_in_the_title_is_the_documents_unit_and_not_the_unit_it_began_as():
    x, _ = facts(
        "Vascular Surgery Service\n\nThe service began in 1996 as the Peripheral Vascular Unit. The service "
        "has 22 beds and performs carotid endarterectomy."
    )
    name = {k: e.name for k, e in x.entities.items()}
    assert {(name[f.subject], f.value) for f in by_kind(x, "capacity")} == {("Vascular Surgery Service", 22)}
    assert {name[f.subject] for f in by_kind(x, "concept")} == {"Vascular Surgery Service"}


def test_roles_after_a_dash_in_a_list_of_people_and_a_role_stated_before_an_untitled_name():
    x, _ = facts(
        "Vascular Surgery Service\n\nOur consultants\n- Mr Tamati Rewi - Clinical Director and consultant vascular "
        "surgeon\n- Ms Ellen Marsh - consultant vascular surgeon; member of the executive committee of the "
        "Southern Society for Vascular Surgery\n\nThe Charge Nurse Manager is Mere Tautahi."
    )
    roles = roles_of(x)
    assert {("Tamati Rewi", "Clinical Director"), ("Tamati Rewi", "consultant vascular surgeon")} <= roles
    assert {("Ellen Marsh", "consultant vascular surgeon"), ("Ellen Marsh", "member")} <= roles
    assert ("Mere Tautahi", "Charge Nurse Manager") in roles
    assert not any(name == "Tamati Rewi" and role == "member" for name, role in roles)


def test_a_table_of_labelled_counts_gives_beds_wards_staff_and_the_wards_it_names():
    x, _ = facts(
        "DEPARTMENT OF CLINICAL ONCOLOGY\n\nFacilities\nInpatient wards ............ 2 (Ward 7A, Ward 7B)\n"
        "Inpatient beds ............. 64\n\nManpower\nConsultants ................ 5\nMedical physicists ......... 12\n"
        "Nurses ..................... 98 (including 6 Advanced Practice Nurses)"
    )
    name = {k: e.name for k, e in x.entities.items()}
    caps = {(f.get("property"), f.value) for f in by_kind(x, "capacity")}
    assert caps == {("wardCount", 2), ("bedCount", 64)}
    assert {(f.get("role"), f.value) for f in by_kind(x, "staff")} >= {
        ("Consultants", 5), ("Medical physicists", 12), ("Nurses", 98)}  # fmt: skip
    assert {name[f.subject] for f in by_kind(x, "capacity")} == {"Department of Clinical Oncology"}
    assert parts(x) == {("Ward 7A", "Department of Clinical Oncology"), ("Ward 7B", "Department of Clinical Oncology")}


def test_a_hong_kong_name_keeps_its_hyphenated_given_name():
    x, _ = facts(
        "Department of Clinical Oncology\n\nChief of Service: Dr. CHAN Wing-kei\n"
        "Department Operations Manager: Ms. WONG Siu-fan"
    )
    assert {"CHAN Wing-kei", "WONG Siu-fan"} <= set(names(x, "person"))
    assert {("CHAN Wing-kei", "Chief of Service"), ("WONG Siu-fan", "Department Operations Manager")} <= roles_of(x)
    assert names(x, "unit") == ["Department of Clinical Oncology"]


def test_a_founder_and_roles_given_before_names_in_a_list_of_role_unit_and_name():
    x, _ = facts(
        "Division of Gastroenterology\n\nThe division was founded in 1972 by Dr. Walter Henning. It runs the "
        "Endoscopy Unit.\n\n- Division Head: Dr. Marie-Claude Thibodeau, Professor of Medicine\n"
        "- Medical Director, Endoscopy Unit: Dr. Owen Fitzgerald\n- Nurse Manager, Endoscopy Unit: Janice Kowalchuk, RN"
    )
    assert "Marie-Claude Thibodeau" in names(x, "person")
    got = {(x.entities[f.subject].name, f.get("role"), x.entities[f.value].name if f.value else None)
           for f in by_kind(x, "membership")}  # fmt: skip
    assert {
        ("Walter Henning", "founder", "Division of Gastroenterology"),
        ("Marie-Claude Thibodeau", "Division Head", "Division of Gastroenterology"),
        ("Owen Fitzgerald", "Medical Director", "Endoscopy Unit"),
        ("Janice Kowalchuk", "Nurse Manager", "Endoscopy Unit"),
    } <= got


def test_capitalised_roles_after_a_comma_are_read_but_degrees_and_names_are_not_roles():
    x, _ = facts(
        "Specialist Palliative Care Service\n\n- Dr Fiona MacLeod, Clinical Lead and consultant in palliative "
        "medicine\n- Lorna Baird, Senior Charge Nurse, Larch House\n\nSam Okafor, MD, is Surgical Director."
    )
    roles = roles_of(x)
    assert {("Fiona MacLeod", "Clinical Lead"), ("Lorna Baird", "Senior Charge Nurse")} <= roles
    assert ("Sam Okafor", "Surgical Director") in roles
    assert not any(role in ("MD", "Larch House") for _, role in roles)


def test_a_unit_carved_out_that_became_a_department_is_founded_formerly_named_and_made_out_of_the_page_unit():
    x, _ = facts(
        "Department of Surgery\n\nThe department was founded in 1980. Anaesthesia was originally a unit of the "
        "department; it became the separate Department of Anaesthesia in 1991. In 2004 the Orthopaedic Unit was "
        "also carved out and became the Department of Orthopaedics and Trauma. In 2010 the Department of Surgery "
        "became the Surgical Centre."
    )
    assert said_of(x, "founded") == {
        ("Department of Surgery", 1980), ("Department of Anaesthesia", 1991),
        ("Department of Orthopaedics and Trauma", 2004)}  # fmt: skip
    assert said_of(x, "former_name") == {("Department of Orthopaedics and Trauma", "Orthopaedic Unit")}
    preds = {(x.entities[f.subject].name, x.entities[f.value].name) for f in by_kind(x, "predecessor")}
    assert preds == {
        ("Department of Anaesthesia", "Department of Surgery"),
        ("Department of Orthopaedics and Trauma", "Department of Surgery")}  # fmt: skip


def test_units_listed_one_per_line_after_an_announcing_sentence_are_part_of_its_unit_and_numbers_count_nothing():
    x, _ = facts(
        "Department of Surgery\n\nThe department today runs three sub-specialty units:\n1. General Surgery Unit\n"
        "2. Paediatric Surgery Unit (12 beds)\n3. Urology Unit, on the third floor\n\nThe department has 146 beds."
    )
    assert parts(x) == {
        ("General Surgery Unit", "Department of Surgery"), ("Paediatric Surgery Unit", "Department of Surgery"),
        ("Urology Unit", "Department of Surgery")}  # fmt: skip
    assert by_kind(x, "figure") == []
    assert said_of(x, "capacity") == {("Paediatric Surgery Unit", 12), ("Department of Surgery", 146)}


def test_a_title_case_news_headline_is_no_units_name_and_a_ceo_of_a_hospital_is_no_unit():
    x, _ = facts(
        "Valley Medical Center Opens New Sleep Disorders Center\n\nThe Sleep Disorders Center has six bedrooms. "
        '"It matters," said Michael Torres, president and CEO of Valley Medical Center.'
    )
    assert not any("Opens" in n or n == "CEO" for n in names(x, "unit"))
    assert ("Michael Torres", "CEO") in roles_of(x)


def test_a_sub_units_name_on_a_line_of_its_own_makes_it_the_subject_of_its_section():
    x, _ = facts(
        "Division of Gastroenterology\n\nThe division runs the Endoscopy Unit and has 30 beds.\n\nUnits of the "
        "Division\nThe division performs liver transplantation.\n\nEndoscopy Unit\nAbout 14,000 procedures are "
        "performed every year: colonoscopy and capsule endoscopy.\n\nResearch\nThe team performs liver biopsy."
    )
    name = {k: e.name for k, e in x.entities.items()}
    performed = {(name[f.subject], f.get("mention")) for f in by_kind(x, "concept")}
    assert {("Endoscopy Unit", "colonoscopy"), ("Endoscopy Unit", "capsule endoscopy")} <= performed
    assert ("Division of Gastroenterology", "liver transplantation") in performed
    assert ("Division of Gastroenterology", "liver biopsy") in performed  # the next heading ends the section
    assert "Units of the Division" not in names(x, "unit")


def test_a_numbered_or_bracketed_section_title_naming_a_sub_unit_heads_its_section_but_a_list_item_does_not():
    x, _ = facts(
        "Department of Surgery\n\nThe department has the Endoscopy Center and the Day Surgery Ward.\n\n"
        "【Endoscopy Center】\nThe staff perform colonoscopy.\n\nII. Day Surgery Ward:\nThe staff perform "
        "herniorrhaphy.\n\nUnits\n1. Endoscopy Center\n2. Day Surgery Ward\nThe staff perform thyroidectomy."
    )
    name = {k: e.name for k, e in x.entities.items()}
    performed = {(f.get("mention"), name[f.subject]) for f in by_kind(x, "concept")}
    assert {("colonoscopy", "Endoscopy Center"), ("herniorrhaphy", "Day Surgery Ward")} <= performed
    assert ("thyroidectomy", "Department of Surgery") in performed


@pytest.mark.parametrize("operation", ["thyroidectomy", "hepatectomy"])
def test_one_named_operation_said_alone_is_claimed_but_a_field_of_care_is_not(operation):
    x, _ = facts(f"Department of Surgery\n\nThe department performs {operation}. The department does surgery.")
    mentions = {f.get("mention") for f in by_kind(x, "concept")}
    assert operation in mentions
    assert "surgery" not in mentions


def test_narrower_kinds_named_by_a_page_are_concepts_of_their_own_not_labels_of_the_broader_one():
    x, _ = facts(
        "Department of Acupuncture\n\nThe department performs electroacupuncture, cupping and moxibustion, and "
        "treats inguinal hernia, nodular goiter and breast fibroadenoma."
    )
    slugs = concept_slugs(x)
    assert {"electroacupuncture", "cupping-therapy", "moxibustion", "inguinal-hernia", "nodular-goitre"} <= slugs
    assert "breast-fibroadenoma" in slugs
    assert not {"hernia", "thyroid-nodule", "benign-breast-tumour"} & slugs


def _part_of(x) -> set[tuple[str, str]]:
    return {(x.entities[f.subject].name, x.entities[str(f.value)].name) for f in by_kind(x, "part_of")}


def test_sub_units_a_count_lists_after_a_colon_or_names_as_sub_units():
    x, _ = facts(
        "Department of Neonatology\n\nThe department has two wards: the Neonatal Intensive Care Unit (NICU) with 40 "
        "beds and the General Neonatal Ward with thirty-six beds. The department has the Interventional Center, the "
        "Pulmonary Function Laboratory and the NICU as three sub-units, and a sleep monitoring room."
    )
    dept = "Department of Neonatology"
    assert {
        ("Neonatal Intensive Care Unit", dept),
        ("General Neonatal Ward", dept),
        ("Interventional Center", dept),
        ("Pulmonary Function Laboratory", dept),
    } <= _part_of(x)
    assert not [f for f in by_kind(x, "figure") if f.value == 3]  # "three sub-units": structure, no figure


def test_a_unit_the_text_abbreviated_is_one_entity_under_its_abbreviation():
    x, caps = facts(
        "Department of Respiratory Medicine\n\nIt has 126 beds, of which the Respiratory Intensive Care Unit (RICU) "
        "has twelve beds. The RICU is good at prone position ventilation.",
        "capacity",
    )
    beds = {(x.entities[f.subject].name, f.value) for f in caps if f.get("property") == "bedCount"}
    assert beds == {("Department of Respiratory Medicine", 126), ("Respiratory Intensive Care Unit", 12)}
    assert not [e for e in x.entities.values() if e.name == "RICU"]


@pytest.mark.parametrize("abbreviation, owner", [("DSU", "Day Surgery Unit"), ("ABC", "Department of Surgery")])
def test_an_abbreviation_names_the_unit_only_when_its_letters_are_the_initials(abbreviation, owner):
    x, caps = facts(
        f"Department of Surgery\n\nThe Day Surgery Unit ({abbreviation}) opened in 2010. Patients like it. "
        f"The {abbreviation} has 12 beds.",
        "capacity",
    )
    assert [(x.entities[f.subject].name, f.value) for f in caps] == [(owner, 12)]


def test_a_unit_the_subject_unit_set_up_is_part_of_it_and_founded_that_year():
    x, founded = facts(
        "Department of Thoracic Surgery\n\nIn 2021 the department set up the Lung Nodule Center, which receives "
        "about 8000 visits every year. The Chest Pain Center was set up in 2016.",
        "founded",
    )
    assert ("Lung Nodule Center", "Department of Thoracic Surgery") in _part_of(x)
    assert {(x.entities[f.subject].name, f.value) for f in founded} >= {("Lung Nodule Center", 2021)}
    assert ("Chest Pain Center", "Department of Thoracic Surgery") not in _part_of(x)  # passive: its own founding


def test_a_unit_named_as_the_unit_of_another_is_two_units():
    x, _ = facts(
        "Department of Pain Medicine\n\nRecently, the Cancer Pain Ward of the Department of Pain Medicine of Baotou "
        "Beiliang Hospital was opened. It has 12 beds."
    )
    assert ("Cancer Pain Ward", "Department of Pain Medicine") in _part_of(x)
    assert not [e for e in x.entities.values() if e.name and "Ward of" in e.name]


def test_ranks_counted_in_people_after_the_rank():
    x, staff = facts(
        "Department of Neonatology\n\nThere are 71 medical staff; senior titles 6 people, deputy senior titles 9 "
        "people, junior titles 5 people, master's degree or above 11 people, 2 doctors with doctor's degree,12 "
        "master's degree.",
        "staff",
    )
    got = {(f.get("role"), f.value) for f in staff}
    assert {
        ("senior titles", 6),
        ("deputy senior titles", 9),
        ("junior titles", 5),
        ("master's degree or above", 11),
        ("doctors with doctor's degree", 2),
    } <= got
    assert not by_kind(x, "figure")  # "6 people" is a staff count, not an activity figure


def test_a_part_of_the_staff_total_named_by_what_they_do_is_a_staff_count():
    x, staff = facts(
        "Pharmacy Department\n\nThe department employs 68 staff: 31 pharmacists, 24 pharmaceutical technicians, 6 "
        "pharmacy interns and 7 administrative and stores staff.",
        "staff",
    )
    assert {(f.get("role"), f.value) for f in staff} == {
        ("pharmacists", 31),
        ("pharmaceutical technicians", 24),
        ("pharmacy interns", 6),
        ("administrative and stores staff", 7),
    }
    totals = [f.value for f in by_kind(x, "capacity") if f.get("property") == "staffTotal"]
    assert totals == [68]


def test_it_is_understood_that_leaves_the_named_unit_the_subject():
    x, caps = facts(
        "Department of Pain Medicine\n\nThe Cancer Pain Ward of the Department of Pain Medicine opened.\n"
        "It is understood that the Department of Pain Medicine now has 28 beds.",
        "capacity",
    )
    assert [(x.entities[f.subject].name, f.value) for f in caps] == [("Department of Pain Medicine", 28)]


def test_a_list_of_honours_under_its_title_gives_honour_grantor_and_year():
    x, recs = facts(
        "Department of Oncology\n\nHonours:\n- 2015 Municipal Key Medical Discipline, Municipal Bureau of Health\n"
        "- Excellence Award, Provincial Medical Association, 2014\n- 2016 Key Specialty (Provincial Bureau of Health)\n"
        "- Best Department Award, 2019\n- Named a National Key Specialty by the National Health Bureau in 2012",
        "recognition",
    )
    got = {(f.value, x.entities[f.get("grantor")].name if f.get("grantor") else None, f.get("year")) for f in recs}
    assert {
        ("Municipal Key Medical Discipline", "Municipal Bureau of Health", 2015),
        ("Excellence Award", "Provincial Medical Association", 2014),
        ("Key Specialty", "Provincial Bureau of Health", 2016),
        ("Best Department Award", None, 2019),
        ("National Key Specialty", "National Health Bureau", 2012),
    } <= got
    assert {x.entities[f.subject].name for f in recs} == {"Department of Oncology"}


def test_a_list_under_another_title_gives_no_honours():
    _, recs = facts("Department of Oncology\n\nClinics:\n- 2015 Memory Clinic, Building A", "recognition")
    assert not recs


@pytest.mark.parametrize(
    "sentence, partner",
    [
        (
            "In 2018 the department signed a cooperation agreement on pulmonary rehabilitation with Larchfield "
            "Chest Hospital in Edinburgh, United Kingdom.",
            "Larchfield Chest Hospital",
        ),
        (
            "Since 2018 our audiologists have supported Kabaraye General Hospital in Yangon, Myanmar, with training.",
            "Kabaraye General Hospital",
        ),
        (
            "Since 2018, the department and the Riverside University Hospital have carried out joint research on "
            "adolescent depression.",
            "Riverside University Hospital",
        ),
    ],
)
def test_partners_of_agreements_support_and_joint_work(sentence, partner):
    x, collabs = facts("Department of Respiratory Medicine\n\n" + sentence, "collaboration")
    assert [x.entities[str(f.value)].name for f in collabs] == [partner]


def test_a_funder_that_supports_the_unit_is_no_partner():
    _, collabs = facts("Department of Oncology\n\nThe unit is supported by the Hope Foundation.", "collaboration")
    assert not collabs


@pytest.mark.parametrize(
    "sentence, unit, old, year",
    [
        (
            "The center started in 2007 as the infertility clinic of the Department of Obstetrics, and was renamed "
            "the Reproductive Medicine Center in 2011.",
            "Reproductive Medicine Center",
            "infertility clinic",
            2007,
        ),
        ("It began in 1996 as the Hearing Assessment Clinic, a service run by nurses.", None, "Hearing Assessment "
         "Clinic", 1996),
        ("In 1991 the Hospital Dispensary was renamed the Pharmacy Department.", "Pharmacy Department",
         "Hospital Dispensary", None),
    ],
)  # fmt: skip
def test_a_former_name_the_unit_began_as_or_was_renamed_from(sentence, unit, old, year):
    x, former = facts("Reproductive Medicine Center\n\n" + sentence, "former_name")
    unit = unit or "Reproductive Medicine Center"
    assert (unit, old) in {(x.entities[f.subject].name, f.value) for f in former}
    if year:
        assert (unit, year) in {(x.entities[f.subject].name, f.value) for f in by_kind(x, "founded")}
    assert not [f for f in by_kind(x, "offering") if f.value == old]  # a past name, not a clinic it runs


def test_a_gerund_before_a_noun_stays_in_the_facility_or_clinic_name():
    x, offers = facts(
        "Department of Respiratory Medicine\n\nThe department opened the smoking cessation clinic and has a sleep "
        "breathing monitoring room.",
        "offering",
    )
    assert {"smoking cessation clinic", "sleep breathing monitoring room"} <= {f.value for f in offers}


def test_a_page_that_opens_on_a_unit_of_a_unit_is_about_the_outer_one_when_it_is_named_as_often():
    x, caps = facts(
        "Recently, the Cancer Pain Ward of the Department of Pain Medicine of Baotou Beiliang Hospital opened.\n"
        "The Department of Pain Medicine was founded in 2013 and has 28 beds.\nIt also treats trigeminal neuralgia.",
        "capacity",
    )
    assert [(x.entities[f.subject].name, f.value) for f in caps] == [("Department of Pain Medicine", 28)]
    assert {x.entities[f.subject].name for f in by_kind(x, "concept")} == {"Department of Pain Medicine"}


def test_a_page_that_names_the_inner_unit_more_stays_about_it():
    x, _ = facts(
        "The Stroke Unit of the Department of Neurology opened in 2015. The Stroke Unit has 20 beds. "
        "The Stroke Unit treats acute stroke.",
        "capacity",
    )
    assert {x.entities[f.subject].name for f in by_kind(x, "concept")} == {"Stroke Unit"}


def test_sub_units_a_counted_list_or_a_list_heading_announces_are_part_of_the_unit_even_without_a_unit_word():
    x, _ = facts(
        "Pharmacy Department\n\nThe department has four sections:\n\n- Clinical Pharmacy Services, with a pharmacist "
        "on each ward\n- Aseptic Compounding Unit, which prepares chemotherapy\n- Dispensary and Procurement\n\n"
        "Our teams\n\n- Larch House inpatient unit (14 beds)\n- Hospital Palliative Care Team at the General Hospital"
        "\n\nThe department has two wards with 68 beds: the Thyroid Ward (36 beds) and the Breast Ward (32 beds)."
    )
    dept = "Pharmacy Department"
    assert {
        ("Clinical Pharmacy Services", dept),
        ("Aseptic Compounding Unit", dept),
        ("Dispensary and Procurement", dept),
        ("Larch House inpatient unit", dept),
        ("Hospital Palliative Care Team", dept),
        ("Thyroid Ward", dept),
        ("Breast Ward", dept),
    } <= _part_of(x)


def test_a_list_of_plain_lines_without_an_announcing_count_or_heading_names_no_units():
    x, _ = facts(
        "Pharmacy Department\n\nThe department serves patients:\n\n- Inpatients And Outpatients, every day\n"
        "- Staff Members\n"
    )
    assert not {n for n, _ in _part_of(x)} & {"Inpatients And Outpatients", "Staff Members"}


def test_numbered_wards_in_brackets_are_each_a_unit_of_the_department():
    x, _ = facts(
        "Department of Surgery\n\nThe department has 146 beds in five wards (Wards 3, 4, 5 and the Paediatric "
        "Surgical Ward)."
    )
    dept = "Department of Surgery"
    assert {("Ward 3", dept), ("Ward 4", dept), ("Ward 5", dept), ("Paediatric Surgical Ward", dept)} <= _part_of(x)


def test_a_unit_the_page_calls_its_own_is_part_of_the_pages_unit_but_a_department_is_the_hospitals():
    x, _ = facts(
        "Comprehensive Epilepsy Center\n\nOur Epilepsy Monitoring Unit (EMU) has 12 beds. The center's inpatient "
        "ward is Kowhai Ward, a 22-bed ward. Call us or walk into our Emergency Department at any time."
    )
    got = _part_of(x)
    center = "Comprehensive Epilepsy Center"
    assert {("Epilepsy Monitoring Unit", center), ("Kowhai Ward", center)} <= got
    assert not [p for p in got if p[0] == "Emergency Department"]


def test_a_role_keeps_the_field_it_is_in_and_the_role_after_the_field_is_read_too():
    x, _ = facts(
        "Department of Palliative Care\n\nOur people\n- Dr Fiona Mactavish, Clinical Lead and consultant in "
        "palliative medicine\n- Dr Hamish Urquhart, consultant in palliative medicine and Honorary Senior Lecturer at "
        "the University of Inverforth\n- Karen Whitlock, Lead Nurse for Respiratory\n- Li Jing, head nurse of NICU\n"
        "- Zhang Wei, director of Peking University Cancer Hospital"
    )
    roles = roles_of(x)
    assert {
        ("Fiona Mactavish", "Clinical Lead"),
        ("Fiona Mactavish", "consultant in palliative medicine"),
        ("Hamish Urquhart", "consultant in palliative medicine"),
        ("Hamish Urquhart", "Honorary Senior Lecturer"),
        ("Karen Whitlock", "Lead Nurse for Respiratory"),
        ("Li Jing", "head nurse"),
    } <= roles
    assert ("Li Jing", "head nurse of NICU") not in roles  # NICU is a unit: the nurse heads it


def test_figures_in_table_rows_and_said_before_the_number_but_not_rows_of_capacity_staff_or_contacts():
    x, _ = facts(
        "Department of Clinical Oncology\n\nThe annual outpatient visits are about 86,000. The department completed "
        "more than 1,600 day operations.\n\nServices\nNew patient consultations ............... about 4,100\n"
        "Radiotherapy courses .................... 5,300\nInpatient beds ............. 64\nResidents: 14\n"
        "Telephone: 2345 6789\nFounded: 1998\n"
    )
    got = {(f.get("measure"), f.value, f.get("qualifier")) for f in by_kind(x, "figure")}
    assert {
        ("annual outpatient visits", 86000, "about"),
        ("day operations", 1600, "more than"),
        ("New patient consultations", 4100, "about"),
        ("Radiotherapy courses", 5300, None),
    } <= got
    assert not {v for _, v, _ in got} & {64, 14, 2345, 6789, 1998}


def test_a_programme_named_by_two_nouns_joined_by_and_and_suites_as_facilities():
    x, offers = facts(
        "Ophthalmology Center\n\nThe center runs a myopia prevention and control clinic for children and a "
        "polysomnography suite. It runs the asthma clinic and memory clinic. The department performs surgery and "
        "pain clinic work. Each room is a single en-suite in a purpose-built suite.",
        "offering",
    )
    got = {(f.value, f.get("offering")) for f in offers}
    assert {
        ("myopia prevention and control clinic", "programme"),
        ("polysomnography suite", "facility"),
        ("asthma clinic", "programme"),
        ("memory clinic", "programme"),
    } <= got
    names = {n for n, _ in got}
    assert not names & {"control clinic", "asthma clinic and memory clinic", "surgery and pain clinic"}
    assert not [n for n in names if "suite" in n and n != "polysomnography suite"]


def test_units_a_hospital_built_and_specialties_listed_as_a_clauses_subject_are_its_units():
    x, _ = facts(
        "Our hospital was founded in 1952.\n\nCardiology, Orthopedics, Urology and Thoracic Surgery are Provincial Key "
        "Clinical Specialties. The hospital has built a chest pain center, a stroke center, a trauma center and a "
        "critical maternal and neonatal treatment center, and carries out percutaneous coronary intervention, "
        "intravenous thrombolysis and mechanical thrombectomy as routine. The eye center includes two wards, an "
        "optometry center, a dry eye treatment room and an eye bank."
    )
    units = set(names(x, "unit"))
    assert {
        "Cardiology",
        "Orthopedics",
        "Urology",
        "Thoracic Surgery",
        "Chest Pain Center",
        "Stroke Center",
        "Trauma Center",
        "Critical Maternal and Neonatal Treatment Center",
    } <= units
    assert not {u for u in units if "thrombolysis" in u.lower() or "dry eye" in u.lower()}


@pytest.mark.parametrize(
    "sentence, not_a_unit",
    [
        ("Leading the Institute is Dr. Lim Chee Keong.", "Leading the Institute"),
        ("The ward is on level 3 of the Ward Block.", "3 of the Ward Block"),
        (
            "The project is funded by the Jilin Provincial Department of Science and Technology.",
            "Science and Technology",
        ),
        ("The laboratory is accredited by the China National Accreditation Service.", "Accreditation Service"),
        ("Services\nService                    Figure (2023/24)\nRadiotherapy courses ...... 5,300", "Figure"),
    ],
)
def test_capitalised_runs_that_name_no_unit_of_the_hospital(sentence, not_a_unit):
    x, _ = facts(f"Department of Neonatology\n\nThe Neonatal Intensive Care Unit (NICU) has 40 beds. {sentence}")
    units = names(x, "unit")
    assert "Neonatal Intensive Care Unit" in units
    assert not [u for u in units if not_a_unit in u]


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("Dr. Lim heads cardiothoracic surgery at the institute.", "heads"),
        ("The team includes 3 chief TCM physicians who perform acupotomy.", "chief"),
        ("The centre chemotherapy attendances rose.", "centre"),
        ("The department treats ischaemic stroke.", "treat"),
        ("The main diseases are stroke and epilepsy.", "main"),
    ],
)
def test_a_word_of_a_role_a_place_or_a_verb_before_a_term_does_not_make_it_a_narrower_kind(sentence, word):
    x, _ = facts(f"Department of Medicine\n\n{sentence}")
    labels = {str(f.get("mention") or f.value).lower() for f in by_kind(x, "concept")}
    assert not [label for label in labels if label.split()[0] == word]


def test_an_accredited_status_a_named_body_grants_and_a_standard_met_are_recognitions():
    x, _ = facts(
        "Department of Clinical Oncology\n\nRadiotherapy physics service certified to ISO 9001:2015 since 2019. "
        "The department has been an accredited training centre of the Hong Kong College of Radiologists since "
        "2014. The laboratory was accredited to ISO 15189 by the China National Accreditation Service in 2018."
    )
    got = {(str(f.value), f.get("year")) for f in by_kind(x, "recognition")}
    assert {("ISO 9001:2015", 2019), ("accredited training centre", 2014), ("ISO 15189", 2018)} <= got
    grantors = {x.entities[f.get("grantor")].name for f in by_kind(x, "recognition") if f.get("grantor")}
    assert {"Hong Kong College of Radiologists", "China National Accreditation Service"} <= grantors


def test_a_founding_year_in_a_which_clause_after_a_named_hospital_is_the_hospitals():
    x, _ = facts(
        "Department of Surgery\n\nThe Department of Surgery is one of the clinical departments of Udi Hills "
        "University Teaching Hospital, which was established in 1978 as a teaching hospital. The department was "
        "founded in 1980."
    )
    founded = {(x.entities[f.subject].name, f.value) for f in by_kind(x, "founded")}
    assert ("Department of Surgery", 1980) in founded
    assert ("Department of Surgery", 1978) not in founded
    assert any(year == 1978 and "Hospital" in name for name, year in founded)


@pytest.mark.parametrize(
    "text, name",
    [
        ("We work with the Xiamen Center for Disease Control and Prevention.", "Xiamen Center for Disease Control and"),
        ("The Cicely Centre for Palliative Care Research in Dublin is our partner.", "Cicely Centre for Palliative"),
        ("The Great Ormond Hospital for Sick Children referred him.", "Great Ormond Hospital for Sick Children"),
    ],
)
def test_an_organisations_name_keeps_the_for_phrase_right_after_its_head(text, name):
    lexicon_ = lexicon.load()
    orgs = [o.text for o in mentions.org_mentions(mentions.Tokens.of(lexicon.make_doc(lexicon_, text)))]
    assert any(o.startswith(name) for o in orgs), orgs


def test_a_second_head_after_a_term_shares_its_modifiers():
    x, _ = facts("Heart Institute\n\nThe institute performs valve repair and replacement, and coronary angiography.")
    slugs = concept_slugs(x)
    assert {"heart-valve-repair", "heart-valve-replacement", "coronary-angiography"} <= slugs
