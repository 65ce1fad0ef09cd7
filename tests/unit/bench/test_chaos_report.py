"""The chaos run's accounting: lost, duplicated and unexpected ids."""

from __future__ import annotations

from bench.chaos_report import ChaosReport, kind_report


def test_every_expected_id_once_is_a_clean_report() -> None:
    report = kind_report({"a", "b"}, [("idx-2024.10", "a"), ("idx-2024.11", "b")])
    assert (report.indexed, report.lost, report.duplicated, report.unexpected) == (2, (), (), 0)


def test_an_expected_id_in_no_index_is_lost() -> None:
    report = kind_report({"a", "b", "c"}, [("idx", "a")])
    assert report.lost == ("b", "c")
    assert report.indexed == 1


def test_one_id_in_two_concrete_indices_is_a_duplicate() -> None:
    report = kind_report({"a"}, [("idx-2024.10", "a"), ("idx-undated", "a")])
    assert report.duplicated == ("a",)
    assert report.lost == ()


def test_ids_nobody_expected_are_counted_not_hidden() -> None:
    assert kind_report({"a"}, [("idx", "a"), ("idx", "zz")]).unexpected == 1


def test_the_report_is_ok_only_without_loss_or_duplicates() -> None:
    clean = kind_report({"a"}, [("i", "a")])
    lost = kind_report({"a", "b"}, [("i", "a")])
    ok = ChaosReport(1, clean, clean, {}, ())
    bad = ChaosReport(2, lost, clean, {"schema_invalid": 1}, ())

    assert ok.ok
    assert not bad.ok
    text = "\n".join(bad.lines())
    assert "lost:                1 articles, 0 claims" in text
    assert "lost article: b" in text
    assert "schema_invalid 1" in text
