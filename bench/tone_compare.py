"""followup's tone and content rules beside proselint and raw LanguageTool, on one labelled set.

For each labelled letter (a corpus as bench/corpus.py reads it: letters/ + labels.jsonl),
in this one run:

- followup: did the expected rule fire (recall per code), and did any warning fire on a
  clean letter;
- proselint (`proselint check -o json`, every default check): did it say anything at all;
- raw LanguageTool (a local server, every default rule of en-US, as language-tool-python
  would use it): did it report anything at all, and anything outside its spelling rules.

"Anything at all" is generous to the other tools: they are not told what to look for, so a
letter counts as caught when they flag any of its characters. A clean letter that they
flag is a false alarm in the same sense.

    python bench/tone_compare.py                 # the newest blind set (tests/corpus/blind/tone12)
    python bench/tone_compare.py --corpus DIR    # another labelled set
    python bench/tone_compare.py --no-languagetool
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "corpus" / "blind" / "tone12"
CODES = ("T001", "T003", "T004", "T005", "T006", "C001")


def followup_hits(paths: list[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per letter: the codes that fired, and the codes that fired at warning level or above."""
    from followup.config import Config
    from followup.linter import LintRequest, lint

    result = lint(LintRequest(paths=paths, config=Config(), grammar="off",
                              today=date(2026, 11, 20)))
    fired: dict[str, set[str]] = defaultdict(set)
    warned: dict[str, set[str]] = defaultdict(set)
    for finding in result.findings:
        fired[finding.path].add(finding.code)
        if finding.severity.value in ("error", "warning"):
            warned[finding.path].add(finding.code)
    return fired, warned


def proselint_hits(paths: list[str]) -> dict[str, int]:
    exe = shutil.which("proselint", path=str(Path(sys.executable).parent)) or "proselint"
    done = subprocess.run([exe, "check", "-o", "json", *paths], capture_output=True,
                          text=True, timeout=600)
    report = json.loads(done.stdout)["result"]
    counts: dict[str, int] = {}
    for uri, entry in report.items():
        path = urllib.parse.unquote(urllib.parse.urlparse(uri).path)
        counts[str(Path(path).resolve())] = len(entry.get("diagnostics", []))
    return counts


def languagetool_hits(paths: list[str]) -> dict[str, tuple[int, int]]:
    """Per letter: (all matches, matches outside the spelling category), from a local server."""
    from followup.grammar.server import launch

    server = launch()
    try:
        counts = {}
        for path in paths:
            text = Path(path).read_text(encoding="utf-8")
            data = urllib.parse.urlencode({"language": "en-US", "text": text}).encode()
            with urllib.request.urlopen(server.url + "/v2/check", data, timeout=60) as reply:
                matches = json.load(reply)["matches"]
            style = [m for m in matches if m["rule"]["category"]["id"] != "TYPOS"]
            counts[path] = (len(matches), len(style))
        return counts
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--no-languagetool", action="store_true")
    args = parser.parse_args()
    labels = [json.loads(line) for line in
              (args.corpus / "labels.jsonl").read_text().splitlines() if line.strip()]
    paths = [str((args.corpus / entry["file"]).resolve()) for entry in labels]
    fired, warned = followup_hits(paths)
    prose = proselint_hits(paths)
    tool = {} if args.no_languagetool else languagetool_hits(paths)

    def share(hit: list[bool]) -> str:
        return f"{sum(hit) / len(hit):.2f}" if hit else "-"

    columns = ["followup", "proselint"] + ([] if args.no_languagetool else
                                           ["LT any", "LT non-spelling"])
    print(f"{args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus}"
          f": {len(labels)} letters, share of letters caught (clean: share flagged)")
    print(f"{'':<8}{'n':>4}" + "".join(f"{c:>17}" for c in columns))
    rows = [(code, [e for e in zip(labels, paths, strict=True) if code in e[0]["expect"]])
            for code in CODES]
    rows.append(("clean", [e for e in zip(labels, paths, strict=True) if not e[0]["expect"]]))
    for code, entries in rows:
        ours = [bool(warned[p]) if code == "clean" else code in fired[p] for _, p in entries]
        cells = [share(ours), share([prose.get(p, 0) > 0 for _, p in entries])]
        if not args.no_languagetool:
            cells += [share([tool[p][0] > 0 for _, p in entries]),
                      share([tool[p][1] > 0 for _, p in entries])]
        print(f"{code:<8}{len(entries):>4}" + "".join(f"{c:>17}" for c in cells))
    print("followup: the expected rule fired (clean: any warning or error); the others: any "
          "finding at all")


if __name__ == "__main__":
    main()
