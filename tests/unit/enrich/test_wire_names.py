"""Entity rules for wire copy (wire_names): furniture and group words are no entities."""

from __future__ import annotations

from .conftest import Enrich


def _names(enrich: Enrich, body: str) -> set[str]:
    return {e.name for e in enrich(body).article.entities}


def _forms(enrich: Enrich, body: str) -> set[str]:
    return {f for e in enrich(body).article.entities for f in (e.name, *e.aliases)}


def test_dateline_split_cuts_a_capital_dateline_off_the_next_sentence(enrich: Enrich) -> None:
    body = "LONDON Former harbour master Tomas Velde said the quay would reopen in May."
    names = _names(enrich, body)
    assert "Tomas Velde" in names
    assert not any(n.upper().startswith("LONDON ") for n in names)


def test_caps_heading_is_no_person(enrich: Enrich) -> None:
    body = (
        "Mayor Rita Calloway said the ferry would run again on Monday.\n"
        "QUIET WATERS\n"
        "The harbour in Varnley stayed closed for a week."
    )
    assert not any(n.isupper() and " " in n for n in _names(enrich, body))


def test_ticker_code_is_no_organisation(enrich: Enrich) -> None:
    body = (
        "Shares of Brightwell Foods (BWF.L) fell after the index .Q7X12 slipped; "
        "the story is at Xy7Qa2 on the wire."
    )
    names = _names(enrich, body)
    assert "BWF.L" not in names
    assert "Xy7Qa2" not in names


def test_currency_code_is_no_organisation(enrich: Enrich) -> None:
    body = "The yen gained against sterling, with GBPJPY lower, while Gold XAU rose and NZD eased."
    names = _names(enrich, body)
    assert not names & {"GBPJPY", "Gold XAU", "NZD"}


def test_group_word_plurals_and_religions_are_no_entities(enrich: Enrich) -> None:
    body = "Albanian Muslims and Croats marched, and Kurds joined them, organisers said."
    names = _names(enrich, body)
    assert not names & {"Albanian Muslims", "Croats", "Kurds"}


def test_not_entity_noun_diseases_and_programmes(enrich: Enrich) -> None:
    body = "Doctors in Velmara tracked Zika cases, and Medicaid paid for the tests."
    names = _names(enrich, body)
    assert not names & {"Zika", "Medicaid"}


def test_demonym_only_country_is_no_entity(enrich: Enrich) -> None:
    body = "A Norwegian trawler docked at the pier, its captain Ola Fjeld said."
    assert "Norway" not in _names(enrich, body)
    assert "Norway" in _names(enrich, "A trawler from Norway docked, captain Ola Fjeld said.")


def test_a_country_named_in_the_plural_stays_a_place(enrich: Enrich) -> None:
    assert "Philippines" in _names(enrich, "Storms hit the Philippines on Friday, officials said.")


def test_and_before_org_head_keeps_one_name(enrich: Enrich) -> None:
    body = "Inspectors from the Fish and Game Commission visited the Varnley weir on Monday."
    assert "Fish and Game Commission" in _names(enrich, body)


def test_plural_head_licenses_for_inside_a_name(enrich: Enrich) -> None:
    body = "The Centers for Coastal Research said the dunes were shrinking."
    assert "Centers for Coastal Research" in _names(enrich, body)


def test_compound_tails_brokered_and_affected_leave_the_name(enrich: Enrich) -> None:
    body = "The UN-brokered truce held in Velmara, and Dengue-affected towns asked for help."
    forms = _forms(enrich, body)
    assert "UN-brokered" not in forms
    assert "UN" in forms


def test_descriptor_before_a_group_is_no_name(enrich: Enrich) -> None:
    body = "Former Albanian Croats gathered, and Elite Albanian troops stood by, police said."
    names = _names(enrich, body)
    assert not names & {"Former Albanian Croats", "Elite Albanian", "Former"}


def test_initialism_alias_joins_an_acronym_without_parentheses(enrich: Enrich) -> None:
    body = (
        "The Velmaran Fisheries Union met on Monday. Later the VFU said quotas were too low, "
        "and the Office of Coastal Defense and Planning warned that the OCD would act."
    )
    entities = {e.name: e for e in enrich(body).article.entities}
    assert "VFU" not in entities
    assert "VFU" in entities["Velmaran Fisheries Union"].aliases
    assert "OCD" in entities["Office of Coastal Defense and Planning"].aliases


def test_demonym_split_takes_the_nationality_off_a_person(enrich: Enrich) -> None:
    body = "Norwegian Maria Fjeldstad won the final in Varnley, her coach said."
    names = _names(enrich, body)
    assert "Maria Fjeldstad" in names
    assert "Norwegian Maria Fjeldstad" not in names
