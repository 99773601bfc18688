"""Structure, kind and false alarms on labelled letters of every real shape.

    python bench/shapes.py [DIR] [--blind] [--misses]

DIR holds letters and `labels.jsonl` (default tests/corpus/shapes; --blind reads
tests/corpus/blind/shapes). A letter's structure is right when its salutation, body,
sign-off and signature all match the labels; the parts come from the Document's `parts`,
the very object `followup inspect` prints. False alarms are warning- or error-level
findings on letters labelled good (grammar off, today 2026-11-20).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from followup.config import load_config  # noqa: E402
from followup.document import Document  # noqa: E402
from followup.findings import Severity  # noqa: E402
from followup.kinds import infer_kind  # noqa: E402
from followup.linter import LintRequest, lint  # noqa: E402
from followup.source import read_document  # noqa: E402

PARTS = ("salutation", "body", "signoff", "signature")


def found_parts(document: Document) -> dict[str, Any]:
    """The labelled fields, read from the Document's parts."""
    def lines(role: str) -> list[tuple[int, int]]:
        return [(p.line, p.end_line) for p in document.parts if p.role == role]

    body = lines("body")
    signature = lines("signature")
    salutation = lines("salutation")
    signoff = lines("signoff")
    return {
        "salutation": salutation[0][0] if salutation else None,
        "body": [body[0][0], body[-1][1]] if body else None,
        "signoff": signoff[0][0] if signoff else None,
        "signature": [signature[0][0], signature[-1][1]] if signature else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "tests/corpus/shapes"))
    parser.add_argument("--blind", action="store_true", help="the blind held-out set")
    parser.add_argument("--misses", action="store_true", help="list the wrong letters")
    args = parser.parse_args()
    folder = ROOT / "tests/corpus/blind/shapes" if args.blind else Path(args.folder)
    labels = [json.loads(line) for line in (folder / "labels.jsonl").read_text().splitlines()
              if line.strip()]
    right = 0
    per_part = dict.fromkeys(PARTS, 0)
    kinds_right = 0
    misses: list[str] = []
    for label in labels:
        path = folder / label["file"]
        document = read_document(path)
        kind, _ = infer_kind(document)
        found = found_parts(document)
        wrong = [part for part in PARTS if found[part] != label[part]]
        for part in PARTS:
            per_part[part] += part not in wrong
        right += not wrong
        kinds_right += kind == label["kind"]
        if wrong:
            misses.append(f"{label['file']}: " + "; ".join(
                f"{p} {found[p]} (label {label[p]})" for p in wrong))
        if kind != label["kind"]:
            misses.append(f"{label['file']}: kind {kind} (label {label['kind']}, "
                          f"from '{document.kind_words}')")
    good = [folder / label["file"] for label in labels if label["good"]]
    config = load_config(None, discover=False)
    config.grammar = "off"
    result = lint(LintRequest(paths=[str(p) for p in good], config=config,
                              today=date(2026, 11, 20), grammar="off"))
    alarms = [f for f in result.findings if f.severity.rank >= Severity.WARNING.rank]
    total = len(labels)
    print(f"letters: {total} ({len(good)} good)")
    print(f"structure right: {right}/{total} = {right / total:.1%}")
    for part in PARTS:
        print(f"  {part:<11} {per_part[part]}/{total} = {per_part[part] / total:.1%}")
    print(f"kind right: {kinds_right}/{total} = {kinds_right / total:.1%}")
    rate = len(alarms) / len(good) if good else 0.0
    print(f"false alarms (warning/error) per good letter: {len(alarms)}/{len(good)} = "
          f"{rate:.2f}")
    if args.misses:
        for miss in misses:
            print("  miss:", miss)
        for finding in alarms:
            print(f"  alarm: {finding.path}:{finding.line}:{finding.column} {finding.code} "
                  f"{finding.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
