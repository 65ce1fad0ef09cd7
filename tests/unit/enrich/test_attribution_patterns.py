"""The attribution pattern tables: every pattern fires on its own example, and the case
table below says which pattern gives which speaker.

A new attribution case is one row in ``CASES``: the text, the speaker (or claimant) it
must get, and the name of the pattern that must decide it.
"""

from __future__ import annotations

import pytest
from claimwire_enrich.attribution.claim_patterns import CLAIM_PATTERNS, ClaimPattern
from claimwire_enrich.attribution.quote_patterns import (
    QUOTE_PATTERNS,
    QuotePattern,
    quote_pattern_named,
)
from claimwire_enrich.attribution.subjects import SUBJECT_RULES
from claimwire_enrich.core import EnrichmentResult

from .conftest import Enrich

CASES: list[tuple[str, str, str]] = [
    # (text, expected speaker or claimant, pattern that decides)
    (
        '"The audit is late," according to Ines Dahl, the mayor of Vell.',
        "Ines Dahl",
        "according_to_after_quote",
    ),
    (
        '"We will not move," said Defence Minister Tomas Verel.',
        "Tomas Verel",
        "verb_then_subject_after_quote",
    ),
    (
        '"We will not move," Tomas Verel told reporters.',
        "Tomas Verel",
        "subject_then_verb_after_quote",
    ),
    (
        '"Prices will fall," Rhea Sand, an economist at the Lowland Policy Institute, said.',
        "Rhea Sand",
        "subject_then_verb_after_quote",
    ),
    (
        'Lena Okafor met the envoys on Monday. "Our aim is to keep the channels open," she said.',
        "Lena Okafor",
        "subject_then_verb_after_quote",
    ),
    ('Tomas Verel said: "We will not move."', "Tomas Verel", "subject_verb_before_quote"),
    (
        "Mayor Ines Dahl rejected the audit on Monday, calling its figures "
        '"numbers pulled from thin air."',
        "Ines Dahl",
        "subject_verb_before_quote",
    ),
    (
        '"The audit is late," Ines Dahl said. "It should have come in May."',
        "Ines Dahl",
        "same_quotation_or_paragraph",
    ),
    (
        '"The audit is late," Ines Dahl said.\n"It should have come in May, not now."',
        "Ines Dahl",
        "next_paragraph",
    ),
    (
        'Ines Dahl told the council the audit was late. "It should have come in May."',
        "Ines Dahl",
        "previous_sentence",
    ),
    (
        "Rents rose 9% last year in 12 cities, according to the Harbour Housing Trust.",
        "Harbour Housing Trust",
        "according_to",
    ),
    ("Economist Rhea Sand said prices rose 4% in May.", "Rhea Sand", "speech_verb"),
    (
        "Economist Rhea Sand of the Lowland Policy Institute said prices rose 4% in May.",
        "Rhea Sand",
        "speech_verb",
    ),
    (
        "The Harbour Housing Trust published a study on Monday. "
        "The study found that rents rose 9% last year in 12 cities.",
        "Harbour Housing Trust",
        "speech_verb",
    ),
    (
        "The Harbour Housing Trust published a study on Monday. "
        "The study Found that rents rose 9% last year in 12 cities.",
        "Harbour Housing Trust",
        "document_finding",
    ),
    # the subject rules (attribution/subjects.py) behind speech_verb, one row each
    (
        "The Harbour Housing Trust, which represents 23 councils, said rents rose 9% last "
        "year in 12 cities.",
        "Harbour Housing Trust",
        "speech_verb",  # relative_clause
    ),
    (
        "Mara Lind, a chemist at the Vell Institute, said rents rose 9% last year in 12 cities.",
        "Mara Lind",
        "speech_verb",  # appositive
    ),
    (
        "Mara Lind met the mayors on Monday. She said rents rose 9% last year in 12 cities.",
        "Mara Lind",
        "speech_verb",  # pronoun
    ),
    (
        "A spokesman for the Harbour Housing Trust said rents rose 9% last year in 12 cities.",
        "Harbour Housing Trust",
        "speech_verb",  # role_of_someone
    ),
    (
        "The Harbour Housing Trust published its annual report on Monday. The report said "
        "rents rose 9% last year in 12 cities.",
        "Harbour Housing Trust",
        "speech_verb",  # document
    ),
    (
        "Justice Ann Oduya set the trial date and said 12 witnesses would testify in May.",
        "Ann Oduya",
        "speech_verb",  # and_said
    ),
    ("Rents rose 9% last year in 12 cities, the biggest rise since 1990.", "Test Wire", "outlet"),
    # Unnamed and collective sources are the group as written (subject rule "collective").
    (
        "Two senior port officials said the levy would raise 4 million crowns a year.",
        "Two senior port officials",
        "speech_verb",
    ),
    (
        'Judges said the ban was "a lawful and measured response."',
        "Judges",
        "subject_verb_before_quote",
    ),
    (
        "Last year hundreds of angry savers and investors said they had lost 9 million crowns.",
        "angry savers and investors",
        "speech_verb",
    ),
    (
        "Trawlers in Velmar looked set to stay in port for 3 more days, according to "
        "local fishermen and traders.",
        "local fishermen and traders",
        "according_to",
    ),
    (
        '"The trains were never on time," said a company employee who asked not to be named.',
        "company employee",
        "verb_then_subject_after_quote",
    ),
    # A quoted fragment inside a sentence whose attribution ends it.
    (
        'The barn fire was started by "sparks from a loose cable" that fell on dry hay, '
        "fire chief Ana Velt said.",
        "Ana Velt",
        "sentence_end_attribution",
    ),
    (
        'Talks on the levy will be "long and very hard" before the vote in May, said Ivo Prest.',
        "Ivo Prest",
        "sentence_end_attribution",
    ),
    (
        "Harbour rents will rise 9% next year in 12 cities, said Mara Lind.",
        "Mara Lind",
        "speech_verb_then_subject",
    ),
    # A claim whose only source is its quotation's speaker, however long the attribution.
    (
        '"We expect gusts of 70 km/h," said Velmar County Emergency Services Director Ola Brandt.',
        "Ola Brandt",
        "verb_then_subject_after_quote",
    ),
    # A participle set off by a dash; a person opening the paragraph is its subject.
    (
        "Ines Dahl warmly thanked the crews once the storm had passed -- saying later they "
        'had been "brave beyond any measure."',
        "Ines Dahl",
        "subject_verb_before_quote",
    ),
    (
        "Ines Dahl also visited both harbours as she talked about the levy and saying she would "
        '"keep every berth open."',
        "Ines Dahl",
        "subject_verb_before_quote",
    ),
    # "say" and "agreed" attribute a quotation too; a body in a trailing subject.
    (
        "Executives at the Velmar ferry firm, Nordlys Group, now say it was "
        '"a badly planned timetable."',
        "Nordlys Group Executives",
        "subject_verb_before_quote",
    ),
    (
        'Ines Dahl and Mayor Oren Falk agreed that the levy had to be cut with "no delay at all."',
        "Oren Falk",
        "subject_verb_before_quote",
    ),
    (
        '"We will fund every shelter this winter," the administration said in a statement.',
        "administration",
        "subject_then_verb_after_quote",
    ),
    # "it said": the organisation that opened a sentence, or spoke in the paragraph before.
    (
        "The Harbour Trust published draft rules in May. "
        '"Many ferry lines run without a licence," it said.',
        "Harbour Trust",
        "subject_then_verb_after_quote",
    ),
    (
        "The Harbour Trust plans to cut berth fees by 10% next year, it said.",
        "Harbour Trust",
        "speech_verb",
    ),
    (
        'The Harbour Trust said: "We stopped every ferry."\n'
        "More than 600 passengers waited on the quay for 9 hours, it said.",
        "Harbour Trust",
        "speech_verb",
    ),
    # A colon after the words that name the speaker, with no verb of saying.
    (
        "Oren Falk, 62, was too shaken by the vote to plan ahead.\n"
        'But he was sure of one thing: "I will never sail with them again."',
        "Oren Falk",
        "colon_lead_in",
    ),
    (
        "Mayor Ines Dahl opened the new berth on Monday.\n"
        'DAHL: "THE HARBOUR STAYS OPEN"\n'
        "The council met later.",
        "Ines Dahl",
        "colon_lead_in",
    ),
    # A poll's respondents speak through whoever ran the poll.
    (
        "The mayor's rating slid as 81 percent of respondents said the plan had failed, "
        "according to a Nordmark Opinion poll. Only 38 percent of those polled said her "
        "council is doing a good job, compared with 51 percent in January.",
        "Nordmark Opinion",
        "speech_verb",
    ),
    # '"...," was Jon Roe's verdict': the person whose words they were.
    (
        '"It is the finest harbour in the north," was former mayor Ines Dahl\'s verdict on '
        "the new berth.",
        "Ines Dahl",
        "possessive_after_quote",
    ),
    # A crowd with a place word after it is still the group that spoke.
    (
        'The quake shook the port town. A crowd nearby chanted, "We want water now."',
        "crowd",
        "subject_verb_before_quote",
    ),
    # "A and B did ... '...,' he said": the nearer of the two, not the first.
    (
        "Mayor Tomas Verel and harbour spokesman Jon Brekke did not, when asked, give a date "
        'for the reopening. "It is very hard to promise anything to the crews," he said.',
        "Jon Brekke",
        "subject_then_verb_after_quote",
    ),
    # A participle's subject makes the claim; a group acting before it is that subject.
    (
        "Last year, hundreds of angry investors protested on the streets of Velmar, saying "
        "they had lost 6 million crowns in the Nordlys Metals Exchange.",
        "angry investors",
        "speech_participle",
    ),
    # A verb of saying that also counts is no saying before a number: the outlet reports.
    (
        "Shares of Nordlys Group added 1.7 percent to 47.11 crowns on Monday, after a fall of "
        "2.8 percent on Friday.",
        "Test Wire",
        "outlet",
    ),
    (
        "Tomas Verel defended himself through his 497-day trial and called 248 witnesses.",
        "Test Wire",
        "outlet",
    ),
    # "the companies said": the two organisations the story is about.
    (
        "Nordlys Group agreed to buy Velmar Shipping Corp for 2 billion crowns on Monday. The "
        "deal, which won the support of both boards, is expected to close this year, the "
        "companies said.",
        "Nordlys Group and Velmar Shipping",
        "speech_verb",
    ),
    # "X asked Y for Z" is a request the outlet reports, not X saying something.
    (
        "The Velmar Port Authority has asked the Nordic Recovery Fund for nearly 500 million "
        "crowns to house 100,000 people.",
        "Test Wire",
        "outlet",
    ),
    # A group that expected something is no source: the company that said it is.
    (
        "Retailer Velm & Dorr fell 9.4% after it warned that profit would be about 38m crowns, "
        "well short of the 52m crowns analysts had expected, and said it would close nine stores.",
        "Velm & Dorr",
        "speech_verb",
    ),
    # After the verb, a name that titles a person is not the speaker: the person is.
    (
        '"Mayor Dahl will fight for every berth," said Dahl senior adviser Oren Falk.',
        "Oren Falk",
        "verb_then_subject_after_quote",
    ),
    # "Jane Roe, who said ...": the name before "who" (subject rule "who").
    (
        "The plan was attacked in a letter from board chair Cara Munt, who said the levy "
        'would "ruin the small harbours of the coast."',
        "Cara Munt",
        "subject_verb_before_quote",
    ),
    # A role with a modifier before it ("legal adviser") after a possessive pronoun.
    (
        "Former mayor Tomas Velk was convicted of bribery on Monday. "
        "He would appeal the decision, his legal adviser said.",
        "adviser",
        "speech_verb",
    ),
    # "the commander in Asia": the place only says where the role is, the role speaks.
    (
        "Pirates are using the shipping lanes as a weapon against traders, "
        "the senior navy commander in Asia has said.",
        "commander",
        "speech_verb",
    ),
]


def _decided(result: EnrichmentResult) -> set[tuple[str | None, str | None]]:
    """(speaker, rule) of every quotation and claim of one enriched article."""
    quotes = {(q.speaker, q.attribution_rule) for q in result.article.quotes}
    claims = {(c.claimant, c.attribution_rule) for c in result.claims}
    summaries = {(c.claimant, c.attribution_rule) for c in result.article.claims}
    assert summaries <= claims  # the enriched record's claims say what the events say
    return quotes | claims


@pytest.mark.parametrize(("text", "speaker", "pattern"), CASES)
def test_attribution_case(enrich: Enrich, text: str, speaker: str, pattern: str) -> None:
    assert (speaker, pattern) in _decided(enrich(text))


@pytest.mark.parametrize("pattern", QUOTE_PATTERNS, ids=lambda p: p.name)
def test_each_quote_pattern_fires_on_its_example(enrich: Enrich, pattern: QuotePattern) -> None:
    quotes = enrich(pattern.example).article.quotes
    assert quotes and quotes[-1].attribution_rule == pattern.name


@pytest.mark.parametrize("pattern", CLAIM_PATTERNS, ids=lambda p: p.name)
def test_each_claim_pattern_fires_on_its_example(enrich: Enrich, pattern: ClaimPattern) -> None:
    claims = enrich(pattern.example).claims
    assert [c.attribution_rule for c in claims] == [pattern.name]


def test_every_pattern_has_a_case_and_a_unique_name() -> None:
    names = [p.name for p in QUOTE_PATTERNS] + [p.name for p in CLAIM_PATTERNS]
    assert len(names) == len(set(names))
    assert set(names) <= {pattern for _text, _speaker, pattern in CASES}
    assert all(rule.example for rule in SUBJECT_RULES)
    assert quote_pattern_named("next_paragraph").name == "next_paragraph"
    with pytest.raises(KeyError):
        quote_pattern_named("no such pattern")


def test_a_quotation_nobody_is_named_for_has_no_rule(enrich: Enrich) -> None:
    (quote,) = enrich('The sign read "closed until further notice" all week.').article.quotes
    assert (quote.speaker, quote.attribution_rule) == (None, None)
