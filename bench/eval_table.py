"""``make eval``'s table: the scorer's SUMMARY lines of several gold sets side by side.

Usage: ``python -m bench.eval_table NAME=SUMMARY_JSON ...``, where each file
is what ``score_extract.py`` writes with ``SCORE_OUT``. Prints one Markdown
table, a row a gold set, the columns the measures of the issue tracker.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

COLUMNS = (
    ("articles", "n"),
    ("quote R", "quote_R"),
    ("quote P", "quote_P"),
    ("speaker", "speaker_acc"),
    ("entity F1", "ent_F1"),
    ("entity R", "ent_R"),
    ("entity P", "ent_P"),
    ("amount R", "amount_R"),
    ("amount P", "amount_P"),
    ("claim R", "claim_R"),
    ("claim R-prec", "claim_Rprec"),
    ("claimant", "claimant_acc"),
)


def table(rows: Sequence[tuple[str, dict[str, object]]]) -> str:
    """The Markdown table of ``(gold set, summary)`` rows; a missing measure shows as '-'. Pure."""
    lines = [
        "| gold | " + " | ".join(title for title, _ in COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for name, summary in rows:
        cells = []
        for _, key in COLUMNS:
            value = summary.get(key)
            cells.append(f"{value:.2f}" if isinstance(value, float) else str(value or "-"))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    rows = []
    for arg in argv:
        name, _, path = arg.partition("=")
        rows.append((name, json.loads(Path(path).read_text(encoding="utf-8"))))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
