"""``claimwire extract``: the offline command of docs/design.md."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimwire.cli import main

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
KEYS = {"article_id", "language", "entities", "quotes", "amounts", "claims"}


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "name",
    [
        "2026-03-02-border-troops-kessaria.txt",
        "2026-03-04-geneva-talks-kessaria-dravonia.json",
        "2026-03-06-refugees-border-aid.html",
    ],
)
def test_extract_prints_the_design_keys(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["extract", str(SAMPLES / name)], capsys)
    assert code == 0
    record = json.loads(out)
    assert record.keys() >= KEYS
    assert {"name", "type", "aliases", "count"} <= record["entities"][0].keys()
    assert {"text", "speaker", "start", "end"} <= record["quotes"][0].keys()
    assert {"value", "unit", "text"} <= record["amounts"][0].keys()
    claim = record["claims"][0]
    assert {"text", "claimant", "checkworthiness", "fingerprint", "claim_type"} <= claim.keys()
    body = record["body"]
    for quote in record["quotes"]:
        assert body[quote["start"] : quote["end"]] == quote["text"]


def test_extract_reads_json_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = {"title": "Ferries", "body": "Officials in Oslo said 40 ferries were late on Monday."}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(article).encode())))
    code, out, _ = _run(["extract", "--compact", "-"], capsys)
    assert code == 0
    record = json.loads(out)
    assert record["amounts"][0]["unit"] == "ferries"
    assert "\n" not in out.strip()


@pytest.mark.parametrize(
    ("content", "suffix", "expected"),
    [
        ("{not json", ".json", "not_json"),
        ('{"title": "No body"}', ".json", "schema"),
        ("", ".txt", "empty"),
        ("a,b\n1,2", ".csv", "unsupported"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    suffix: str,
    expected: str,
) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_text(content)
    code, out, err = _run(["extract", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("claimwire extract: ")
    assert expected in err
    assert "Traceback" not in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["extract", str(tmp_path / "nothing.json")], capsys)
    assert code == 2
    assert "cannot read" in err
