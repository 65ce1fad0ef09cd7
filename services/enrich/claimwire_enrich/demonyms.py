"""Curated country vocabulary the packaged data lacks: nationality words, short forms, regions.

Plain reference data (ISO 3166-1 alpha-2 codes), nothing story-specific.
"""

from __future__ import annotations

# Nationality adjective -> ISO code. Plurals are derived ("Russians"); irregular ones listed.
_DEMONYM_TABLE = """
AF Afghan|AL Albanian|DZ Algerian|AD Andorran|AO Angolan|AR Argentine,Argentinian|AM Armenian
AU Australian|AT Austrian|AZ Azerbaijani,Azeri|BH Bahraini|BD Bangladeshi|BY Belarusian
BE Belgian|BJ Beninese|BT Bhutanese|BO Bolivian|BA Bosnian|BW Botswanan|BR Brazilian
BN Bruneian|BG Bulgarian|BF Burkinabe|BI Burundian|KH Cambodian|CM Cameroonian|CA Canadian
CF Central African|TD Chadian|CL Chilean|CN Chinese|CO Colombian|CG Congolese|CR Costa Rican
HR Croatian|CU Cuban|CY Cypriot|CZ Czech|DK Danish,Dane|DJ Djiboutian|DO Dominican
EC Ecuadorian|EG Egyptian|SV Salvadoran|ER Eritrean|EE Estonian|ET Ethiopian|FJ Fijian
FI Finnish,Finn|FR French|GA Gabonese|GM Gambian|GE Georgian|DE German|GH Ghanaian
GR Greek|GT Guatemalan|GN Guinean|GY Guyanese|HT Haitian|HN Honduran|HU Hungarian
IS Icelandic,Icelander|IN Indian|ID Indonesian|IR Iranian|IQ Iraqi|IE Irish|IL Israeli
IT Italian|CI Ivorian|JM Jamaican|JP Japanese|JO Jordanian|KZ Kazakh,Kazakhstani|KE Kenyan
XK Kosovar|KW Kuwaiti|KG Kyrgyz|LA Laotian,Lao|LV Latvian|LB Lebanese|LR Liberian|LY Libyan
LT Lithuanian|LU Luxembourgish|MG Malagasy|MW Malawian|MY Malaysian|MV Maldivian|ML Malian
MT Maltese|MR Mauritanian|MU Mauritian|MX Mexican|MD Moldovan|MN Mongolian|ME Montenegrin
MA Moroccan|MZ Mozambican|MM Burmese,Myanmar|NA Namibian|NP Nepalese,Nepali|NL Dutch
NZ New Zealander|NI Nicaraguan|NE Nigerien|NG Nigerian|KP North Korean|MK Macedonian
NO Norwegian|OM Omani|PK Pakistani|PS Palestinian|PA Panamanian|PG Papua New Guinean
PY Paraguayan|PE Peruvian|PH Philippine,Filipino,Filipina|PL Polish,Pole|PT Portuguese
QA Qatari|RO Romanian|RU Russian|RW Rwandan|SA Saudi|SN Senegalese|RS Serbian,Serb
SL Sierra Leonean|SG Singaporean|SK Slovak|SI Slovenian,Slovene|SO Somali|ZA South African
KR South Korean|SS South Sudanese|ES Spanish,Spaniard|LK Sri Lankan|SD Sudanese
SR Surinamese|SE Swedish,Swede|CH Swiss|SY Syrian|TW Taiwanese|TJ Tajik|TZ Tanzanian
TH Thai|TG Togolese|TT Trinidadian|TN Tunisian|TR Turkish,Turk|TM Turkmen|UG Ugandan
UA Ukrainian|AE Emirati|GB British,Briton|US American|UY Uruguayan|UZ Uzbek
VE Venezuelan|VN Vietnamese|YE Yemeni|ZM Zambian|ZW Zimbabwean
"""
_UNCHANGED_PLURAL = ("ese", "ish", "ch", "Swiss", "Thai", "Iraqi")


def _demonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in _DEMONYM_TABLE.replace("\n", "|").split("|"):
        if not entry.strip():
            continue
        code, words = entry.strip().split(" ", 1)
        for word in words.split(","):
            table[word.lower()] = code
            if not word.endswith(_UNCHANGED_PLURAL):
                table[word.lower() + "s"] = code
    table.update({"englishman": "GB", "englishmen": "GB", "scots": "GB", "scottish": "GB",
                  "welsh": "GB", "kiwi": "NZ", "yankee": "US"})  # fmt: skip
    return table


DEMONYMS: dict[str, str] = _demonyms()

# Short and older forms of country names that the packages do not list.
COUNTRY_ALIASES = {
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States of America": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "UAE": "AE", "U.A.E.": "AE", "Holland": "NL", "Netherlands": "NL",
    "Burma": "MM", "Czech Republic": "CZ", "Ivory Coast": "CI", "Côte d'Ivoire": "CI",
    "Türkiye": "TR", "Turkiye": "TR", "Republic of Korea": "KR", "East Timor": "TL",
    "Timor-Leste": "TL", "Swaziland": "SZ", "Cape Verde": "CV", "Macedonia": "MK",
    "DR Congo": "CD", "DRC": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG",
    "Vatican City": "VA", "Palestine": "PS", "Palestinian Territories": "PS",
    "Gambia": "GM", "Bahamas": "BS", "Philippines": "PH", "Russian Federation": "RU",
    "People's Republic of China": "CN", "Mainland China": "CN",
}  # fmt: skip

# World regions news names that are neither countries nor cities (no point given).
REGIONS = (
    "Scandinavia",
    "Middle East",
    "Latin America",
    "Balkans",
    "Caucasus",
    "Sahel",
    "Arctic",
    "Gaza",
    "Gaza Strip",
    "West Bank",
    "Crimea",
    "Donbas",
    "Kashmir",
    "Sub-Saharan Africa",
    "Southeast Asia",
    "South Asia",
    "East Asia",
    "Central Asia",
    "Horn of Africa",
    "Central America",
    "Caribbean",
    "Mediterranean",
    "Baltic",
    "Baltics",
    "Pacific",
    "Atlantic",
    "Indo-Pacific",
    "Persian Gulf",
    "Siberia",
    "Patagonia",
    "Andes",
    "Amazon",
    "Himalayas",
    "Alps",
    "Northern Ireland",
    "Scotland",
    "Wales",
    "England",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "North Africa",
    "West Africa",
    "East Africa",
    "Southern Africa",
    "Western Balkans",
    "Levant",
    "Kurdistan",
    "Tibet",
    "Xinjiang",
    "Hong Kong",
    "Macau",
    "Taiwan Strait",
    "South China Sea",
    "Black Sea",
    "Red Sea",
    "Baltic Sea",
    "North Sea",
    "Korean Peninsula",
)
