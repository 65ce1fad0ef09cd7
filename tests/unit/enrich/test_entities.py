"""Entities: canonical names, aliases, counts, acronyms, nationalities, metonyms."""

from __future__ import annotations

from claimwire_schemas.events import Entity

from .conftest import Enrich


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_titles_are_cues_and_surnames_join_the_full_name(enrich: Enrich) -> None:
    body = (
        "Prime Minister Helga Brandvik visited the port on Tuesday. "
        "Brandvik said the new cranes would arrive in spring. "
        "Later, Brandvik met dock workers."
    )
    people = _by_name(enrich(body).article.entities)
    helga = people["Helga Brandvik"]
    assert helga.type == "PERSON"
    assert "Prime Minister Helga Brandvik" in helga.aliases
    assert "Brandvik" in helga.aliases
    assert helga.count == 3
    assert all(body[m.start : m.end] == m.text for m in helga.mentions)


def test_an_organisation_before_a_title_is_its_own_entity(enrich: Enrich) -> None:
    body = "Northern Grid Authority Chairman Paulo Mendes said the outage lasted six hours."
    entities = _by_name(enrich(body).article.entities)
    assert entities["Paulo Mendes"].type == "PERSON"
    assert entities["Northern Grid Authority"].type == "ORG"


def test_acronym_in_parentheses_joins_its_expansion(enrich: Enrich) -> None:
    body = (
        "The Federal Water Safety Board (FWSB) issued a warning. "
        "The FWSB said tap water in three districts was unsafe."
    )
    board = _by_name(enrich(body).article.entities)["Federal Water Safety Board"]
    assert "FWSB" in board.aliases
    assert board.count == 3


def test_acronym_spelled_out_later_with_stands_for(enrich: Enrich) -> None:
    body = (
        "Officials from the ICRB met on Monday. "
        "ICRB stands for the Inland Canal Restoration Bureau, a small agency."
    )
    bureau = _by_name(enrich(body).article.entities)["Inland Canal Restoration Bureau"]
    assert "ICRB" in bureau.aliases


def test_nationality_words_and_capitals_join_their_country(enrich: Enrich) -> None:
    body = (
        "Peruvian farmers protested on Monday. "
        "Lima said it would talk to them, while Peru's neighbours watched."
    )
    peru = _by_name(enrich(body).article.entities)["Peru"]
    assert peru.type == "LOC"
    assert {"Peruvian", "Lima"} <= set(peru.aliases)


def test_a_capital_used_as_a_place_stays_a_city(enrich: Enrich) -> None:
    body = "Farmers from Peru marched in Lima on Monday. Lima was calm by the evening."
    entities = _by_name(enrich(body).article.entities)
    assert entities["Lima"].type == "LOC"
    assert "Lima" not in entities["Peru"].aliases


def test_the_north_joins_a_country_named_north(enrich: Enrich) -> None:
    body = "North Macedonia opened a new border post. The North's officials called it a success."
    macedonia = _by_name(enrich(body).article.entities)["North Macedonia"]
    assert "North" in macedonia.aliases


def test_regions_join_their_short_forms(enrich: Enrich) -> None:
    body = (
        "Fires spread across Marlow Province on Friday. "
        "Crews in the Marlow region worked through the night, and Marlow residents fled."
    )
    region = _by_name(enrich(body).article.entities)["Marlow Province"]
    assert {"Marlow region", "Marlow"} <= set(region.aliases)


def test_sentence_initial_common_words_are_not_entities(enrich: Enrich) -> None:
    body = (
        "Exercises ended on Friday. Meanwhile, Carla Dunne of the Harbour Trust spoke. "
        "Crowding remained a problem."
    )
    names = {e.name for e in enrich(body).article.entities}
    assert names == {"Carla Dunne", "Harbour Trust"}


def test_places_are_geocoded_with_iso_codes(enrich: Enrich) -> None:
    body = "Storms hit Portugal on Sunday, and ferries from Lisbon were cancelled."
    places = {p.name: p for p in enrich(body).article.places}
    assert places["Portugal"].country_code == "PT"
    assert places["Portugal"].feature == "country"
    lisbon = places["Lisbon"]
    assert lisbon.country_code == "PT" and lisbon.geonames_id == 2267057
    assert lisbon.location is not None and 38 < lisbon.location.lat < 39


def test_a_company_named_without_its_legal_form_is_the_same_company(enrich: Enrich) -> None:
    body = (
        "Auditors at Kestrel & Pryce examined the books of Marlow Freight Ltd for a year. "
        "Marlow Freight said it had cooperated. Shares in Marlow Freight fell 2% in Wellington."
    )
    entities = _by_name(enrich(body).article.entities)
    marlow = entities["Marlow Freight Ltd"]
    assert marlow.type == "ORG"
    assert marlow.aliases == ["Marlow Freight"]
    assert marlow.count == 3
    assert entities["Kestrel & Pryce"].type == "ORG"
    assert not {"Kestrel", "Pryce", "Marlow Freight"} & set(entities)


def test_a_place_and_a_plural_after_the_name_a_team_not_a_person(enrich: Enrich) -> None:
    body = (
        "The Brisbane Harbourmen beat the Gold Coast Cyclones on Saturday. "
        "The Cyclones had led at half-time. Sydney Jones, a fan, watched from the stand."
    )
    entities = _by_name(enrich(body).article.entities)
    assert entities["Brisbane Harbourmen"].type == "ORG"
    cyclones = entities["Gold Coast Cyclones"]
    assert cyclones.type == "ORG"
    assert cyclones.aliases == ["Cyclones"]
    assert entities["Sydney Jones"].type == "PERSON"  # no "the": a person


def test_staff_after_a_name_make_it_an_organisation_and_jan_can_be_a_name(
    enrich: Enrich,
) -> None:
    body = (
        "Harwood Maple economists now expect two cuts next year. "
        "Its chief economist, Jan Novak, wrote that hiring had cooled since Jan 5. "
        "Carla Brandt's lawyers filed an appeal."
    )
    entities = _by_name(enrich(body).article.entities)
    assert entities["Harwood Maple"].type == "ORG"
    assert entities["Jan Novak"].type == "PERSON"
    assert entities["Carla Brandt"].type == "PERSON"  # her lawyers: still a person


def test_a_name_before_an_acronym_in_parentheses_is_that_organisation(enrich: Enrich) -> None:
    body = (
        "Finance Minister Karl Weiss, whose Free Democrats (FDP) oppose new debt, said the "
        "plan had failed. The opposition Christian Democrats (CDU) welcomed the verdict. "
        "The FDP said it would not agree."
    )
    entities = _by_name(enrich(body).article.entities)
    assert entities["Free Democrats"].type == "ORG"
    assert entities["Free Democrats"].aliases == ["FDP"]
    assert entities["Christian Democrats"].type == "ORG"
    assert entities["Christian Democrats"].aliases == ["CDU"]
    assert "Christian" not in entities["Karl Weiss"].aliases


def test_a_place_and_a_plural_used_with_the_elsewhere_name_a_team(enrich: Enrich) -> None:
    body = (
        "PERTH, May 2 (Test Wire) — Perth Falconers beat Darwin Rovers 3-1. "
        "The Falconers had trailed at half-time. Perth Jacobs, a fan, watched."
    )
    entities = _by_name(enrich(body).article.entities)
    assert entities["Perth Falconers"].type == "ORG"
    assert entities["Perth Falconers"].aliases == ["Falconers"]
    assert "PERTH" not in entities["Perth Falconers"].aliases  # the dateline is the city
    assert entities["Perth Jacobs"].type == "PERSON"  # never "the Jacobs": a person


def test_plural_common_nouns_and_operations_are_not_people(enrich: Enrich) -> None:
    body = (
        "Detectives believe the gang ran three call centres, Inspector Ruth Amsel said. "
        "The inquiry, codenamed Operation Bluebell, took 18 months."
    )
    entities = _by_name(enrich(body).article.entities)
    assert "Detectives" not in entities
    assert "Operation Bluebell" not in entities
    assert entities["Ruth Amsel"].type == "PERSON"


def test_party_and_state_after_a_lawmaker_are_a_state_not_an_organisation(
    enrich: Enrich,
) -> None:
    body = (
        '"It is a good bill," said Sen. Maria Okafor, D-Ohio. Rep. Tom Ruiz, R-Wyo., and '
        "Sen. Priya Desai, D-N.J., voted against it."
    )
    entities = _by_name(enrich(body).article.entities)
    assert {n: e.type for n, e in entities.items() if e.type == "LOC"} == {
        "Ohio": "LOC",
        "Wyoming": "LOC",
        "New Jersey": "LOC",
    }
    assert entities["Wyoming"].aliases == ["Wyo."]
    assert not [n for n in entities if n.startswith(("D-", "R-"))]


def test_a_place_and_a_plural_after_against_name_a_team(enrich: Enrich) -> None:
    body = "Fans queued for the final against Inverness Mariners in Edinburgh."
    assert _by_name(enrich(body).article.entities)["Inverness Mariners"].type == "ORG"


def test_a_descriptor_before_a_company_is_not_part_of_its_name(enrich: Enrich) -> None:
    body = "Retailer Marlowe & Finch fell 9.4%. Rival Corvane Systems said sales rose."
    assert set(_by_name(enrich(body).article.entities)) == {"Marlowe & Finch", "Corvane Systems"}
