"""Per-rule precision and recall of the tone, spelling and content rules on the labelled
corpus under tests/corpus/ (letters/ and labels.jsonl, one line per letter:
{"file": "letters/x.md", "expect": ["T001"]}; further `labels-<part>.jsonl` files are read too,
so contributors add letters without touching the same file).

A letter counts once per rule: the rule fired on it or not. Every offline rule runs
(LanguageTool off); the error-level findings on the clean letters are counted too.

    python bench/corpus.py            # the table
    python bench/corpus.py --misses   # and which letters were missed or falsely flagged
    python bench/corpus.py --heldout  # the held-out set (tests/corpus/heldout/), written
                                      # after the rules and never tuned against
    python bench/corpus.py --dev      # the development set for issue 11 (tests/corpus/dev/),
                                      # written from reading real letters and advice pages
    python bench/corpus.py --blind    # the newest blind tone set (tests/corpus/blind/tone12/),
                                      # written by someone who never saw the lexicons; never
                                      # tune on it
    python bench/corpus.py --blind tone  # an older blind set, by name (already seen in misses)
    python bench/corpus.py --no-sentence-model  # T003 without its sentence model (on by default)
    python bench/corpus.py --t005-model  # T005 with its sentence model (off by default)
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
MEASURED = ("T001", "T002", "T003", "T004", "T005", "T006", "S001", "C001", "C002", "C003")


def measure(corpus: Path = CORPUS) -> dict:
    from followup.config import Config
    from followup.linter import LintRequest, lint

    labels = [json.loads(line) for part in sorted(corpus.glob("labels*.jsonl"))
              for line in part.read_text().splitlines() if line.strip()]
    paths = [str(corpus / entry["file"]) for entry in labels]
    config = Config()
    config.rule_options = {"T003": {"sentence_model": "--no-sentence-model" not in sys.argv},
                           "T005": {"sentence_model": "--t005-model" in sys.argv}}
    result = lint(LintRequest(paths=paths, config=config, grammar="off",
                              today=date(2026, 11, 20)))
    if result.errors:
        raise SystemExit("corpus letters failed to load: " + "; ".join(map(str, result.errors)))
    fired: dict[str, set[str]] = {p: set() for p in paths}
    errors_on_clean: list[str] = []
    warnings_on_clean: list[str] = []
    clean = {str(corpus / e["file"]) for e in labels if not e["expect"]}
    for finding in result.findings:
        fired.setdefault(finding.path, set()).add(finding.code)
        if finding.path in clean and finding.severity.value in ("error", "warning"):
            line = f"{Path(finding.path).name}:{finding.line}: {finding.code} {finding.message}"
            warnings_on_clean.append(line)
            if finding.severity.value == "error":
                errors_on_clean.append(line)
    rows = {}
    for code in MEASURED:
        tp = fp = fn = 0
        misses: list[str] = []
        for entry, path in zip(labels, paths, strict=True):
            expected = code in entry["expect"]
            got = code in fired[path]
            tp += expected and got
            fp += got and not expected
            fn += expected and not got
            if expected != got:
                misses.append(("missed " if expected else "false  ") + entry["file"])
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        rows[code] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall,
                      "misses": misses}
    return {"letters": len(labels), "clean": len(clean), "rules": rows,
            "errors_on_clean": errors_on_clean, "warnings_on_clean": warnings_on_clean}


def main() -> None:
    corpus = CORPUS
    if "--heldout" in sys.argv:
        corpus = CORPUS / "heldout"
    elif "--dev" in sys.argv:
        corpus = CORPUS / "dev"
    elif "--blind" in sys.argv:
        at = sys.argv.index("--blind") + 1
        name = sys.argv[at] if at < len(sys.argv) and not sys.argv[at].startswith("-") \
            else "tone12"
        corpus = CORPUS / "blind" / name
        if not (corpus / "labels.jsonl").is_file():
            raise SystemExit(f"no blind set at {corpus} (letters/*.md + labels.jsonl)")
    figures = measure(corpus)
    print(f"corpus: {corpus.relative_to(CORPUS.parents[1])}: {figures['letters']} letters "
          f"({figures['clean']} clean), grammar off")
    print(f"{'rule':<6}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for code, row in figures["rules"].items():
        print(f"{code:<6}{row['tp']:>5}{row['fp']:>5}{row['fn']:>5}{row['precision']:>11.3f}"
              f"{row['recall']:>8.3f}")
    print(f"error-level findings on clean letters: {len(figures['errors_on_clean'])}")
    print(f"warning-or-error findings (any rule) on clean letters: "
          f"{len(figures['warnings_on_clean'])}")
    if "--misses" in sys.argv:
        for code, row in figures["rules"].items():
            for miss in row["misses"]:
                print(f"{code} {miss}")
        for line in figures["warnings_on_clean"]:
            print("on clean:", line)


if __name__ == "__main__":
    main()
