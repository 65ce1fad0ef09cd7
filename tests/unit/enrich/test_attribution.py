"""Harder attributions: claimants, participles, pronouns that are not people."""

from __future__ import annotations

from datetime import date

from claimwire_enrich.dates import find_dates

from .conftest import Enrich


def test_a_participle_of_saying_belongs_to_the_sentence_subject(enrich: Enrich) -> None:
    body = (
        "Mayor Ines Dahl rejected the audit on Monday, calling its figures "
        '"numbers pulled from thin air."'
    )
    assert enrich(body).article.quotes[0].speaker == "Ines Dahl"


def test_it_and_they_do_not_become_a_person(enrich: Enrich) -> None:
    body = (
        "Regulators fined the carrier after chaos at Vell Harbour, in what it called "
        '"the worst week we have seen."'
    )
    assert enrich(body).article.quotes[0].speaker is None


def test_a_place_in_the_subject_phrase_is_not_the_claimant(enrich: Enrich) -> None:
    body = "Diplomats in Vienna said that 12 observers would arrive on Friday."
    (claim,) = enrich(body, source="Danube Wire").claims
    assert claim.claimant == "Danube Wire"


def test_a_person_before_of_the_organisation_is_the_claimant(enrich: Enrich) -> None:
    body = "Economist Rhea Sand of the Lowland Policy Institute said prices rose 4% in May."
    (claim,) = enrich(body).claims
    assert claim.claimant == "Rhea Sand"


def test_the_company_said_points_to_the_last_company_named(enrich: Enrich) -> None:
    body = (
        "Brightwater Shipping Group lost two vessels in the storm. "
        "The company said 31 crew members were rescued on Sunday."
    )
    claims = {c.text: c for c in enrich(body).claims}
    assert claims["The company said 31 crew members were rescued on Sunday."].claimant == (
        "Brightwater Shipping Group"
    )


def test_abbreviated_titles_are_stripped_from_names(enrich: Enrich) -> None:
    body = (
        "Sen. Ada Mercer and Gov. Luis Ortega met on Tuesday. "
        "Mr Ortega said the bridge would open in June."
    )
    names = {e.name: e for e in enrich(body).article.entities}
    assert {"Ada Mercer", "Luis Ortega"} <= names.keys()
    assert "Mr Ortega" in names["Luis Ortega"].aliases


def test_may_is_a_month_only_where_a_month_can_stand() -> None:
    anchor = date(2025, 6, 5)
    found = find_dates("Delays began last May and may return.", anchor)
    assert [(d.date_from, d.date_to) for d in found] == [(date(2025, 5, 1), date(2025, 5, 31))]


def test_a_spokeswoman_for_the_agency_speaks_for_the_agency_named_before(enrich: Enrich) -> None:
    body = (
        "RIVERTON, May 2 (Kestrel News Agency) - Farmer Ada Munro said she had lost her cattle. "
        '"Nothing is left," she told the news agency.\n'
        "The Office for Flood Recovery (OFR) estimated that 9,000 people had left their homes.\n"
        '"The count will rise for days," a spokeswoman for the agency said in Geneva.\n'
        '"We need boats and clean water," she added.'
    )
    quotes = enrich(body, source="Kestrel News Agency").article.quotes
    # not the outlet, though its name has "agency" and it was named last
    assert [q.speaker for q in quotes] == ["Ada Munro", "OFR spokeswoman", "OFR spokeswoman"]


def test_it_said_is_the_organisation_that_spoke_in_the_paragraph_or_the_one_before(
    enrich: Enrich,
) -> None:
    body = (
        "The Harbour Safety Board said in a statement that 14 vessels were damaged. "
        "Crews were still searching for 3 missing sailors, it said.\n"
        "The storm is expected to return with winds of 90 km/h next week, it said."
    )
    claims = enrich(body, source="Coast Wire").claims
    assert [c.claimant for c in claims] == [
        "Harbour Safety Board",
        "Harbour Safety Board",
        # a new paragraph that goes on with "it said": still the board (wire copy's "it
        # said" continues the previous paragraph's source; the outlet never "said")
        "Harbour Safety Board",
    ]


def test_what_a_report_found_is_claimed_by_its_author(enrich: Enrich) -> None:
    body = (
        "Rents rose sharply, according to a report by the Harbour Lights Trust.\n"
        "The report found that 400 families had been evicted since May.\n"
        "The Lowland Data Office's annual survey was also published on Monday. "
        "The survey showed that 12% of tenants were behind on rent.\n"
        "Rents would rise by 5% next year, the report said."
    )
    claims = enrich(body, source="Coast Wire").claims
    by_text = {c.text.split()[1]: c.claimant for c in claims}
    assert by_text["report"] == "Harbour Lights Trust"  # "The report found ..."
    assert by_text["survey"] == "Lowland Data Office"  # "The survey showed ..."
    # the survey's author was named last, but what "said" this is the report
    assert claims[-1].claimant == "Harbour Lights Trust"


def test_a_report_without_an_author_leaves_the_claim_to_the_outlet(enrich: Enrich) -> None:
    body = "The report found that 30 schools had closed since 2020."
    (claim,) = enrich(body, source="Coast Wire").claims
    assert claim.claimant == "Coast Wire"


def test_the_person_after_an_organisation_and_a_title_is_the_speaker(enrich: Enrich) -> None:
    body = (
        "Perth Falconers beat Darwin Rovers on Sunday. The Falconers led early.\n"
        '"We were the better team for an hour," Rovers manager Tomas Reyes said.\n'
        '"It was a good week," Falconers coach Abel Morrow said.'
    )
    speakers = [q.speaker for q in enrich(body).article.quotes]
    assert speakers == ["Tomas Reyes", "Abel Morrow"]


def test_a_later_bare_role_is_the_organisation_the_text_gave_it(enrich: Enrich) -> None:
    body = (
        "A spokesperson for the Harbour Electoral Commission said 312,406 ballots were "
        'counted. "We had no problems," the spokesperson said.\n'
        "A recount is ordered in any race decided by fewer than 100 votes, the spokesperson "
        "said."
    )
    claims = enrich(body).claims
    recount = next(c for c in claims if c.text.startswith("A recount"))
    assert recount.claimant == "Harbour Electoral Commission spokesperson"


def test_a_lawmakers_state_after_her_name_is_not_the_claimant(enrich: Enrich) -> None:
    body = (
        "Rep. Colleen Marsh, R-Texas, who leads a bloc of 40 lawmakers, told reporters that "
        "she would oppose the $45 billion plan."
    )
    (claim,) = enrich(body).claims
    assert claim.claimant == "Colleen Marsh"


def test_a_described_ministry_is_not_an_organisation_sharing_a_prefix(enrich: Enrich) -> None:
    body = (
        "The International Relief Office (IRO) said 30,000 people had fled. "
        "In its latest report, the interior ministry said 412 people had been injured."
    )
    injured = next(c for c in enrich(body).claims if "412" in c.text)
    assert injured.claimant == "interior ministry"


def test_a_possessive_before_a_role_keeps_whose_role_it_is(enrich: Enrich) -> None:
    body = "Tervania's army said on Monday it had killed about 200 fighters near Imbrel."
    (claim,) = enrich(body).claims
    assert claim.claimant == "Tervania's army"


def test_a_spokesman_for_a_described_ministry_speaks_for_it(enrich: Enrich) -> None:
    body = (
        "A spokesman for the health ministry said three field hospitals had been set up. "
        '"The hospitals in Arequipa are full but functioning," the spokesman said.'
    )
    result = enrich(body)
    assert result.claims[0].claimant == "health ministry spokesman"
    assert result.article.quotes[0].speaker == "health ministry spokesman"


def test_she_after_the_judge_is_the_judge_the_text_named(enrich: Enrich) -> None:
    body = (
        "Judge Annelies Verbruggen sentenced Pieter Van Oosterhout to six years.\n"
        "The judge rejected the argument that Van Oosterhout had been deceived. "
        '"The court does not believe him," she wrote.'
    )
    assert enrich(body).article.quotes[0].speaker == "Annelies Verbruggen"
