"""``make eval``'s table of gold sets."""

from __future__ import annotations

from bench.eval_table import table


def test_one_row_a_gold_set_with_two_decimals_and_dashes_for_missing_measures() -> None:
    text = table([("dev", {"n": 12, "speaker_acc": 0.7333, "ent_F1": 0.8}), ("seed", {"n": 1})])
    lines = text.splitlines()

    assert lines[0].startswith("| gold | articles | quote R |")
    assert lines[2].startswith("| dev | 12 | - | - | 0.73 | 0.80 |")
    assert lines[3].startswith("| seed | 1 | - |")
    assert len(lines) == 4
