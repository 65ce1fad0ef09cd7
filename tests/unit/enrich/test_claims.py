"""Claims: selection, claimant, type, certainty, fingerprint, identity."""

from __future__ import annotations

from claimwire_enrich.attribution.speaker import Attribution, Speaker
from claimwire_enrich.claim_candidates import claimant_of
from claimwire_enrich.claims import unit_lemma
from claimwire_schemas.events import EntityType
from claimwire_schemas.ids import claim_id

from .conftest import Enrich


def test_attributed_quantity_claim_names_its_claimant(enrich: Enrich) -> None:
    body = (
        "The Coastal Fisheries Agency said on Monday that 2,300 tonnes of cod were caught "
        "illegally last year. The weather was mild."
    )
    result = enrich(body)
    (claim,) = result.claims
    assert claim.claimant == "Coastal Fisheries Agency"
    assert claim.claimant_type == "ORG"
    assert claim.claim_type == "quantity"
    assert claim.text == body[claim.start : claim.end]
    assert claim.claim_id == claim_id(result.article.article_id, claim.text)
    assert [a.value for a in claim.amounts] == [2300]
    assert 0.0 <= claim.checkworthiness <= 1.0
    assert result.article.claims[0].claim_id == claim.claim_id


def test_the_outlet_is_the_claimant_of_its_own_reporting(enrich: Enrich) -> None:
    body = "Floods destroyed 140 homes in Bohol province on Sunday."
    (claim,) = enrich(body, source="Island Courier").claims
    assert claim.claimant == "Island Courier"
    assert claim.quoted is False


def test_a_quoted_claim_belongs_to_the_speaker(enrich: Enrich) -> None:
    body = (
        "Health Minister Irene Sola visited the ward.\n"
        '"We treated 450 patients for heat stroke last week," Sola said.'
    )
    claims = enrich(body).claims
    quoted = [c for c in claims if c.quoted]
    assert [c.claimant for c in quoted] == ["Irene Sola"]


def test_hedges_lower_certainty_and_predictions_are_typed(enrich: Enrich) -> None:
    body = "Economists said inflation will probably reach 6% by the end of this year."
    (claim,) = enrich(body).claims
    assert "probably" in claim.hedges
    assert claim.certainty < 1.0
    assert claim.claim_type == "quantity"
    body = "The central bank is expected to raise interest rates again in June, analysts said."
    (claim,) = enrich(body).claims
    assert claim.claim_type == "prediction"
    assert claim.certainty < 1.0


def test_questions_feelings_and_boilerplate_are_not_claims(enrich: Enrich) -> None:
    body = (
        "Will the harbour reopen?\n"
        '"We are so proud of our team," coach Bea Lund said.\n'
        "A spokesperson for the ministry did not respond to a request for comment."
    )
    assert enrich(body).claims == []


def test_the_same_figure_from_different_sources_shares_a_fingerprint(enrich: Enrich) -> None:
    one = enrich(
        "Moldova has received around 8,000 soldiers from its allies, the ministry said.",
        title="One",
    ).claims[0]
    two = enrich(
        "About 8,000 troops have been sent to Moldova, a senior Romanian official said on Friday.",
        title="Two",
    ).claims[0]
    other = enrich("Moldova has received 9,000 soldiers, officials said.", title="Three").claims[0]
    assert one.fingerprint == two.fingerprint
    assert one.fingerprint != other.fingerprint


def test_unit_lemmas_group_synonyms_and_plurals() -> None:
    assert unit_lemma("soldiers") == unit_lemma("troops") == "troop"
    assert unit_lemma("casualties") == "casualty"
    assert unit_lemma("kilometres") == "kilometre"


def test_the_claimant_is_what_a_relative_clause_describes(enrich: Enrich) -> None:
    body = (
        "The Northern Housing Forum published its annual report on Monday. "
        "The forum, which represents 23 councils from Cheshire to Cumbria, said councils "
        "spent 140 million pounds on hotel rooms last year. "
        "Captain Riley Vance, who was sent off for 10 minutes in Brisbane, said the decision "
        "had cost his side 2 tries."
    )
    claimants = {c.text[:12]: c.claimant for c in enrich(body).claims}
    assert claimants["The forum, w"] == "Northern Housing Forum"
    assert claimants["Captain Rile"] == "Riley Vance"


def test_a_coordinated_verb_of_saying_belongs_to_the_sentence_subject(enrich: Enrich) -> None:
    body = (
        "Justice Miriam Oduya granted bail on Friday. "
        "Justice Oduya set the trial to begin on September 14 and said it was likely to last "
        "6 weeks."
    )
    (claim,) = [c for c in enrich(body).claims if "6 weeks" in c.text]
    assert claim.claimant == "Miriam Oduya"


def test_the_agency_is_the_agency_last_named_not_the_last_organisation(enrich: Enrich) -> None:
    body = (
        "The National Health Alerts Agency issued a heat warning. "
        "Doctors at the Atlantic Heart Foundation reviewed the data. "
        "Seville recorded 41 hot nights last summer, according to the agency."
    )
    (claim,) = [c for c in enrich(body).claims if "41 hot nights" in c.text]
    assert claim.claimant == "National Health Alerts Agency"


def test_an_unnamed_described_organisation_is_the_claimant(enrich: Enrich) -> None:
    body = (
        "The national disaster agency said about 2,300 homes were damaged on Sunday. "
        "President Tomas Alvaro Jr. ordered the army to send 12 aircraft. "
        "Alvaro said 400 soldiers would arrive by Monday."
    )
    claimants = {c.text[:12]: c.claimant for c in enrich(body).claims}
    assert claimants["The national"] == "national disaster agency"
    assert claimants["Alvaro said "] == "Tomas Alvaro Jr."  # the surname before the suffix


def test_a_bare_percentage_in_no_place_does_not_cluster_unrelated_claims(enrich: Enrich) -> None:
    inflation = enrich("The authority expects inflation of 3% next year.").claims[0]
    households = enrich("Power was back in about 3% of homes, the utility said.").claims[0]
    assert inflation.fingerprint != households.fingerprint
    in_chile = enrich("The bank expects inflation in Chile of 3% next year.").claims[0]
    in_chile_again = enrich("Chile's inflation will reach 3%, economists said.").claims[0]
    assert in_chile.fingerprint == in_chile_again.fingerprint


def test_a_share_in_words_is_a_quantity_claim_though_no_amount(enrich: Enrich) -> None:
    body = (
        "The Vessan ferry board met on Tuesday. "
        "About two-thirds of the crossings left late in winter, the Vessan ferry board said."
    )
    result = enrich(body)
    assert result.article.amounts == []  # word fractions are no amounts (CONVENTIONS.md)
    (claim,) = [c for c in result.claims if "two-thirds" in c.text]
    assert claim.claim_type == "quantity"


def test_a_claim_whose_only_source_is_a_short_quotation_belongs_to_its_speaker() -> None:
    # The quotation is under half of the sentence (a long attribution) and no verb of the
    # sentence names anyone else: the quotation's speaker, not the outlet, makes the claim.
    quote = Attribution(
        Speaker("Ola Brandt", EntityType.PERSON, 1), "said", "verb_then_subject_after_quote"
    )
    assert claimant_of(0.3, quote, None) == (quote, False)
    said = Attribution(Speaker("Ivo Prest", EntityType.PERSON, 2), "said", "speech_verb")
    assert claimant_of(0.3, quote, said) == (said, False)


def _worth(enrich: Enrich, body: str) -> dict[str, float]:
    return {c.text: c.checkworthiness for c in enrich(body).claims}


def test_reported_speech_without_that_counts_as_said_that(enrich: Enrich) -> None:
    # rule reported_speech: the paraphrased claim is as attributed with or without "that"
    plain = "Harbour director Alma Reyes said the new crane doubled the port's capacity."
    with_that = "Harbour director Alma Reyes said that the new crane doubled the port's capacity."
    assert _worth(enrich, plain)[plain] == _worth(enrich, with_that)[with_that]


def test_the_lead_sentence_outranks_the_same_kind_of_sentence_later(enrich: Enrich) -> None:
    # rule lead: the first sentence of wire copy carries the main news
    first = "Floods destroyed 140 homes in Bohol province on Sunday."
    later = "Storms damaged 60 boats in Leyte province on Monday."
    worth = _worth(enrich, f"{first} {later}")
    assert worth[first] > worth[later]


def test_a_reported_claim_outranks_the_same_claim_quoted(enrich: Enrich) -> None:
    # rule direct_quote: demoted below the paraphrase, yet still emitted
    quoted = '"The Vell bridge will close for 18 months for repairs," Mayor Tomas Kerrin said.'
    reported = "Mayor Tomas Kerrin said the Vell bridge will close for 18 months for repairs."
    q, r = _worth(enrich, quoted)[quoted], _worth(enrich, reported)[reported]
    assert r > q >= 0.4


def test_a_distance_that_only_locates_is_not_ranked_as_a_quantity(enrich: Enrich) -> None:
    # rule located_by_distance: "40 kilometres west of" places the camp, it claims nothing
    located = "The Ardel camp lies about 40 kilometres west of Dunmore on the coast road."
    counted = "The Ardel camp housed about 4,000 refugees from Dunmore on the coast road."
    worth = _worth(enrich, f"Aid workers arrived on Tuesday. {located} {counted}")
    assert worth[counted] > worth[located]


def test_a_dateline_cut_off_by_its_abbreviation_leaves_the_lead_to_the_next_sentence(
    enrich: Enrich,
) -> None:
    # rule lead: a dateline such as "MERRITON, Ore." is split off as a sentence of its own;
    # the first sentence of four words or more is the lead
    first = "Floods destroyed 140 homes in Bohol province on Sunday."
    later = "Storms damaged 60 boats in Leyte province on Monday."
    worth = _worth(enrich, f"MERRITON, Ore. {first} {later}")
    assert worth[first] > worth[later]


def test_a_count_below_ten_of_incidental_things_ranks_below_a_real_figure(
    enrich: Enrich,
) -> None:
    # rule incidental_count: "two northern provinces" is a detail, "2,400 tonnes" a figure
    incidental = "The ministry toured two northern provinces to review the new grain policy."
    figure = "The ministry bought 2,400 tonnes of grain to support the new grain policy."
    worth = _worth(enrich, f"Prices were calm on Monday. {incidental} {figure}")
    assert worth[figure] > worth[incidental] >= 0.4


def test_a_small_count_of_an_event_keeps_its_weight(enrich: Enrich) -> None:
    # rule incidental_count: "killed three people" is the event's toll, not a detail
    toll = "A landslide killed three people in the village of Orsa on Sunday."
    detail = "A landslide blocked three roads near the village of Orsa on Sunday."
    worth = _worth(enrich, f"Rain fell for a week. {toll} {detail}")
    assert worth[toll] > worth[detail]


def test_a_paraphrase_with_a_named_source_is_always_a_claim(enrich: Enrich) -> None:
    # rule reported_floor: nothing in it scores, yet someone is on record asserting it
    said = "He says farmers who sold their land during the drought acted alone."
    worth = _worth(enrich, f"Grain trader Piet Olvera spoke to reporters in Tarnby. {said}")
    assert worth[said] >= 0.4


def test_a_sentence_opened_by_a_participle_phrase_ranks_below_a_plain_one(
    enrich: Enrich,
) -> None:
    # rule scene_opener: "Helped by a calm sea, ..." narrates; demoted, still emitted
    scene = "Helped by a calm sea, divers recovered 40 crates from the wreck near Skarvik."
    plain = "Divers recovered 40 crates from the wreck near Skarvik on Tuesday morning."
    s, p = _worth(enrich, scene)[scene], _worth(enrich, plain)[plain]
    assert p > s >= 0.4
    according = "According to the coastguard, divers recovered 40 crates near Skarvik."
    assert _worth(enrich, according)[according] > s  # "According to" opens no scene
