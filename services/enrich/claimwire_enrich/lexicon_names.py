"""The long name lists of the lexicon: given names with a usual gender, AP state
abbreviations. Import them through ``lexicon`` (which re-exports them)."""

from __future__ import annotations


def words_of(text: str) -> frozenset[str]:
    """The set of whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Common given names with a usual gender: only a tie-breaker for "he"/"she".
FEMALE_NAMES = words_of(
    """mary anna anne ann maria marie sarah sara elizabeth jennifer linda susan karen lisa
    nancy laura emily emma olivia sophia sophie julia julie claire catherine katherine kate
    helen jane janet joan margaret patricia barbara jessica amanda rachel rebecca hannah
    natalia natalie nadia fatima aisha amina leila layla mariam yasmin ines isabel isabella
    lucia sofia elena irina olga tatiana svetlana yulia ana carmen rosa teresa angela
    christina kristina monica veronica angela nicola theresa giorgia
    marine astrid greta hilde birgit eva ewa agnieszka katarzyna priya anita sunita
    meera deepa mei ling yuki keiko hana jin-hee min-ji ji-woo faith hope
    ruth naomi deborah miriam abigail alice amelia charlotte lucy victoria diana michelle
    nicole stephanie melissa kimberly amy angela sandra donna carol sharon cynthia
    fiona kirsty siobhan grace ella chloe zoe megan lauren ashley heather gillian joanna
    maya mireille camille chantal ingrid karin anja lena lina marta martha monika zofia
    beatriz gabriela paula luisa valentina chiara francesca elisa aiko sakura ayumi ngozi
    nkechi amara zainab thandiwe nomvula rania noura salma samira lakshmi kavita pooja
    neha shreya ananya wanjiru akosua abena adwoa folake yetunde chiamaka esther sophie
    ellen eleanor harriet isabelle josephine louise madeleine margot nina petra ursula"""
)
MALE_NAMES = words_of(
    """john james robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george
    edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry
    justin scott brandon benjamin samuel frank gregory raymond alexander patrick jack dennis
    jerry tyler aaron jose adam henry nathan douglas peter zachary kyle walter harold jeremy
    ethan carl keith roger gerald christian terry sean arthur austin noah lawrence jesse joe
    bryan billy jordan albert dylan bruce willie gabriel alan juan logan wayne ralph roy
    eugene randy vincent russell louis philip bobby johnny bradley mohammed muhammad ahmed
    ali omar hassan hussein ivan sergei vladimir dmitry alexei mikhail nikolai igor oleg
    pedro carlos luis antonio manuel francisco jorge rafael fernando ricardo diego
    pablo marco giuseppe giovanni luca matteo hans klaus jurgen stefan wolfgang pierre jean
    jacques francois emmanuel olaf lars nils jan piotr tomasz raj rahul amit
    arjun wei ming hiroshi takeshi kenji min-ho jae-in boris rishi keir joe
    sunil rajesh ravi vikram sanjay anil derek graham martin ian neil colin stuart gordon
    hamish angus ewan magnus erik sven jonas miguel javier andres kwame kofi chidi emeka
    tunde oluwaseun yusuf ibrahim mustafa khalid tariq karim youssef hamza felix oscar
    hugo leon luka mateo tobias simon thabo sipho themba kagiso liam connor
    callum declan finn rory owen gareth rhys dafydd"""
)


# US states as AP style abbreviates them after a lawmaker's party ("Sen. Jane Roe, D-Ohio");
# the eight short names are written out.
AP_STATES = {
    "Ala.": "Alabama", "Alaska": "Alaska", "Ariz.": "Arizona", "Ark.": "Arkansas",
    "Calif.": "California", "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware",
    "Fla.": "Florida", "Ga.": "Georgia", "Hawaii": "Hawaii", "Idaho": "Idaho",
    "Ill.": "Illinois", "Ind.": "Indiana", "Iowa": "Iowa", "Kan.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Maine": "Maine", "Md.": "Maryland", "Mass.": "Massachusetts",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Ohio": "Ohio", "Okla.": "Oklahoma", "Ore.": "Oregon",
    "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina",
    "S.D.": "South Dakota", "Tenn.": "Tennessee", "Texas": "Texas", "Utah": "Utah",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip
