"""Word lists for the entity rules of ``wire_names``: capitalised words that are no
entity (group words, diseases, programmes) and the currency codes of market tables."""

from __future__ import annotations

from claimwire_enrich.lexicon_names import words_of

# Religions, peoples without a state of their own, and broad regional adjectives: written
# with a capital, they name groups of people, never one entity ("Sunni", "Kurds", "Nordic").
GROUP_WORDS = words_of(
    """muslim christian jewish jew hindu sikh buddhist catholic protestant orthodox evangelical
    sunni shia shiite shi'ite alawite druze yazidi coptic mormon
    arab kurd kurdish hispanic latino latina bosniak croat serb pashtun tamil uighur uyghur
    roma berber bedouin maori aboriginal indigenous
    african-american asian-american
    nordic scandinavian baltic balkan western eastern northern southern northeastern
    northwestern southeastern southwestern midwestern african asian european caucasian
    middle-eastern"""
)
# Diseases, public programmes, schemes and consumer products: capitalised nouns that the
# conventions keep out of the entity list.
NOT_ENTITY_NOUNS = words_of(
    """zika ebola covid covid-19 coronavirus sars mers hiv aids malaria cholera measles
    polio dengue tuberculosis alzheimer alzheimer's parkinson parkinson's guillain-barré
    guillain-barre microcephaly h1n1 h5n1
    medicaid medicare obamacare ponzi brexit grexit
    gmail twitter-like iphone ipad android"""
)
# ISO 4217 codes of the currencies and metals in market tables ("GBP", "XAU"): a code is
# a unit, not an organisation.
CURRENCY_CODES = words_of(
    """usd eur jpy gbp aud nzd cad chf cny cnh hkd sgd sek nok dkk krw inr rub brl mxn zar
    try pln huf czk idr thb myr php twd ils sar aed xau xag xpt xpd"""
)
# Descriptors written with a capital at a sentence's start, before a group or a
# nationality ("Former Dravonian rebels", "Elite troops"): they make no name of it.
DESCRIPTORS = words_of("former elite late then ex- veteran")
