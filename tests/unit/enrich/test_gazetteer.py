"""The packaged gazetteer: ISO codes (not FIPS), GeoNames ids, coordinates."""

from __future__ import annotations

import threading

import pytest
from claimwire_enrich import gazetteer as gazetteer_module
from claimwire_enrich.gazetteer import gazetteer


def test_countries_carry_iso_alpha2_codes_and_a_point_inside() -> None:
    gaz = gazetteer()
    germany = gaz.country("Germany")
    assert germany is not None
    assert germany.country_code == "DE"  # FIPS would say GM
    assert germany.geonames_id == 2921044
    assert germany.lat is not None and 47 < germany.lat < 55
    assert germany.lon is not None and 5 < germany.lon < 15
    uk = gaz.country("Britain")
    assert uk is not None and uk.country_code == "GB"  # FIPS would say UK


def test_official_and_short_names_find_the_same_country() -> None:
    gaz = gazetteer()
    assert gaz.country("Russian Federation") == gaz.country("Russia")
    assert gaz.country("U.S.") == gaz.country("United States")
    assert gaz.country("Democratic People's Republic of Korea") == gaz.country("North Korea")


def test_cities_states_capitals_and_nationalities() -> None:
    gaz = gazetteer()
    lyon = gaz.city("Lyon")
    assert lyon is not None and lyon.country_code == "FR" and lyon.feature == "city"
    texas = gaz.state("Texas")
    assert texas is not None and texas.country_code == "US" and texas.lat is not None
    assert gaz.capital("Canberra") == "AU"
    assert gaz.demonym("Argentinian") == "AR"
    assert gaz.demonym("Brazilians") == "BR"


def test_a_city_name_prefers_the_country_the_article_is_about() -> None:
    gaz = gazetteer()
    assert gaz.city("Valencia", frozenset({"ES"})).country_code == "ES"  # type: ignore[union-attr]
    assert gaz.city("Valencia", frozenset({"VE"})).country_code == "VE"  # type: ignore[union-attr]


def test_the_gazetteer_is_built_once() -> None:
    assert gazetteer() is gazetteer()


def test_threads_racing_for_the_first_gazetteer_all_get_the_one_instance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The enrich worker runs the core in several threads at once. The compiled build
    # once failed here ("None object expected") for every thread but the builder.
    monkeypatch.setattr(gazetteer_module, "_INSTANCE", None)
    start = threading.Barrier(6)
    results: list[object] = []
    errors: list[BaseException] = []

    def first_call() -> None:
        start.wait()
        try:
            results.append(gazetteer())
        except BaseException as exc:  # each thread reports what it raised
            errors.append(exc)

    threads = [threading.Thread(target=first_call) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 6 and len({id(r) for r in results}) == 1
    assert gazetteer() is results[0]
