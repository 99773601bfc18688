"""T003's structural verdict check on its own (without the phrase entries of
models/negative.yaml), with its negative evaluations taken from each source:

- hand:  the reviewed lists of models/verdicts.yaml (what the rule uses);
- vader: the single words of the VADER sentiment lexicon (vaderSentiment's
         vader_lexicon.txt) with a mean valence <= -1.5, less the same stop lists, plus
         the hand lists' phrases of two or more words (VADER has next to none);
- both:  the hand lists and those VADER words.

For each source and corpus (tests/corpus, --heldout, --dev; never the blind sets) it
prints how many T003 letters the verdict check alone flags and how many clean letters it
fires on (precision first: one is one too many).

    python bench/verdict_sources.py [--show] [--misses] [--source hand]
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
PARTS = {"default": CORPUS, "heldout": CORPUS / "heldout", "dev": CORPUS / "dev"}


def measure(source: str, corpus: Path) -> tuple[int, int, int, int, list[str]]:
    """(T003 letters flagged, T003 letters, clean letters flagged, clean letters, the
    clean findings)."""
    from followup.config import Config
    from followup.linter import LintRequest, lint
    from followup.rules import tone, verdicts

    labels = [json.loads(line) for part in sorted(corpus.glob("labels*.jsonl"))
              for line in part.read_text().splitlines() if line.strip()]
    paths = [str(corpus / e["file"]) for e in labels]
    phrases, problems = tone._problems, verdicts.problems

    def no_phrases(document, name, what, trim=False):  # type: ignore[no-untyped-def]
        if name == "negative.yaml":
            return iter(())
        return phrases(document, name, what, trim)

    tone._problems = no_phrases  # type: ignore[assignment]
    verdicts.problems = lambda document, evaluations="hand": problems(  # type: ignore
        document, source)
    try:
        result = lint(LintRequest(paths=paths, config=Config(), grammar="off",
                                  select=["T003"], today=date(2026, 11, 20)))
    finally:
        tone._problems, verdicts.problems = phrases, problems  # type: ignore[assignment]
    fired: dict[str, list[str]] = {}
    for f in result.findings:
        fired.setdefault(f.path, []).append(f.message)
    hit = sum(1 for e, p in zip(labels, paths, strict=True)
              if "T003" in e["expect"] and p in fired)
    total = sum(1 for e in labels if "T003" in e["expect"])
    clean = [p for e, p in zip(labels, paths, strict=True) if not e["expect"]]
    noise = [f"{Path(p).name}: {m}" for p in clean for m in fired.get(p, [])]
    if "--misses" in sys.argv and corpus != CORPUS / "heldout":
        noise += [f"missed {e['file']}: {e.get('phrase', '')}"
                  for e, p in zip(labels, paths, strict=True)
                  if "T003" in e["expect"] and p not in fired]
    return hit, total, sum(1 for p in clean if p in fired), len(clean), noise


def main() -> None:
    show = "--show" in sys.argv or "--misses" in sys.argv
    print(f"{'source':<7}{'corpus':<9}{'T003 found':>12}{'clean fired':>13}")
    sources = [sys.argv[sys.argv.index("--source") + 1]] if "--source" in sys.argv \
        else ["hand", "vader", "both"]
    for source in sources:
        for name, corpus in PARTS.items():
            hit, total, noisy, clean, noise = measure(source, corpus)
            print(f"{source:<7}{name:<9}{hit:>5} / {total:<5}{noisy:>5} / {clean:<5}")
            if show:
                for line in noise:
                    print("    " + line)


def lookalikes() -> None:
    """How many sentences of bench/verdict_lookalikes.txt (clean: ordinary praise and
    plain facts with words VADER rates negative) each source flags."""
    from followup.nlp import load_pipeline
    from followup.rules import verdicts

    nlp = load_pipeline()
    lines = [ln.strip() for ln in (Path(__file__).parent / "verdict_lookalikes.txt")
             .read_text(encoding="utf-8").splitlines() if ln.strip()]
    for source in ("hand", "vader", "both"):
        fired = [ln for ln in lines if verdicts.find(nlp(ln), source)]
        print(f"{source:<7}look-alikes fired {len(fired)} / {len(lines)}")
        for line in fired if "--show" in sys.argv else ():
            print("    " + line)


if __name__ == "__main__":
    main()
    lookalikes()
