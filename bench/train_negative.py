"""Train a sentence model (T003: models/negative-model.json, T005: models/pushy-model.json)
and print how well it does.

    python bench/train_negative.py [--code T005]    # leave-one-set-out figures, no writing
    python bench/train_negative.py --write --threshold 3.0   # --l2 sets the regularisation
    python bench/train_negative.py --validate dev/labels-dev14.jsonl

The training sentences are those of every labelled set we have seen: a sentence of a
letter labelled with the code is positive where it holds the letter's labelled `phrase`,
every other sentence is negative (such letters without a phrase are left out), plus the
`examples` (positive) and `counter_examples` (negative) of the code's own lexicons (T003:
models/negative.yaml and models/verdicts.yaml; T005: models/pushy.yaml and
models/pressure.yaml), and the `counter_examples` of the other tone lexicons (clean
look-alikes, negative). Of the blind sets only the five tuned on in early sessions
(blind/tone to blind/tone5) are read; every other folder under blind/ (tone6 onwards, the
layout set blind/shapes, and any set added later) is never read.

Figures are per letter, as bench/corpus.py counts them: a letter with the code is caught
when one of its labelled sentences scores at or above the threshold; any other letter is
flagged when any of its sentences does. "rules" is what the phrase entries and the
structural check (verdicts for T003, pressure for T005) find without the model, "union"
what the rule finds with it.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from followup import lexicons  # noqa: E402
from followup.kinds import infer_kind  # noqa: E402
from followup.nlp import bounded, load_pipeline, stem  # noqa: E402
from followup.rules import negative_model, pressure, tone, verdicts  # noqa: E402
from followup.source import read_document  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
# the blind sets tuned on before the sentence models existed; a blind set not named here is
# never read, so a new one needs no edit to stay unseen
SEEN_BLIND = ("blind/tone/", "blind/tone2/", "blind/tone3/", "blind/tone4/", "blind/tone5/")
THRESHOLDS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)


@dataclass
class Sentence:
    group: str  # the labels file it came from, or "lexicons"
    letter: str
    text: str
    features: set[str]
    words: set[str]
    positive: bool
    t003_letter: bool
    rules_fired: bool
    clean: bool = False  # a letter labelled with no finding at all


def labels_files() -> list[Path]:
    def seen(path: Path) -> bool:
        name = path.relative_to(CORPUS).as_posix()
        return not name.startswith("blind/") or name.startswith(SEEN_BLIND)

    return [f for f in sorted(CORPUS.rglob("labels*.jsonl")) if seen(f)]


# each code's own lexicons (their examples are positives) and its check without the model
OWN_LEXICONS = {"T003": ("negative.yaml", "verdicts.yaml"), "T005": ("pushy.yaml", "pressure.yaml")}
TONE_LEXICONS = ("negative.yaml", "verdicts.yaml", "apologetic.yaml", "pushy.yaml",
                 "pressure.yaml", "informal.yaml", "social.yaml", "phrasing.yaml",
                 "content.yaml")


def _rules_fire(document: object, code: str) -> bool:
    """Whether the rule fires without the model: a phrase entry or the structural check."""
    if code == "T005":
        phrases = list(tone._problems(document, "pushy.yaml", "pushy", trim=True))  # type: ignore[arg-type]
        found = pressure.problems(document)  # type: ignore[arg-type]
        label = "pushy"
    else:
        phrases = list(tone._problems(document, "negative.yaml", "negative phrasing"))  # type: ignore[arg-type]
        found = verdicts.problems(document)  # type: ignore[arg-type]
        label = "negative phrasing"
    return bool(phrases) or any(True for _ in tone._beside_phrases(
        document, phrases, found, label))  # type: ignore[arg-type]


def letter_sentences(nlp: object, labels: Path, code: str) -> list[Sentence]:
    group = labels.relative_to(CORPUS).as_posix()
    rows: list[Sentence] = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        path = labels.parent / entry["file"]
        t003 = code in entry.get("expect", [])
        clean = not entry.get("expect")
        phrase = entry.get("phrase") or ""
        if t003 and not phrase:
            continue
        document = read_document(str(path))
        document.kind, document.kind_explicit = infer_kind(document)
        if document.kind in negative_model.SPECS[code].skipped_kinds:
            continue
        document.spacy = nlp(bounded(document.text))  # type: ignore[operator]
        at = document.text.find(phrase) if t003 else -1
        if t003 and at < 0:
            continue
        fired = document.kind != "withdrawal" and _rules_fire(document, code)
        for start, end, sentence in negative_model.sentences(document):
            positive = t003 and start < at + len(phrase) and at < end
            rows.append(Sentence(group, str(path), document.text[start:end],
                                 negative_model.features(sentence),
                                 negative_model.words(sentence), positive, t003, fired,
                                 clean))
    return rows


def lexicon_sentences(nlp: object, code: str) -> list[Sentence]:
    """The own lexicons' examples and counter-examples; the other tone lexicons'
    counter-examples are clean sentences that share words with a fault ("I was sorry to
    hear your colleague is leaving"): negatives as well."""
    rows = []
    own = OWN_LEXICONS[code]
    for name in own + tuple(n for n in TONE_LEXICONS if n not in own):
        entries = lexicons.load(name) or []
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            for field, positive in (("examples", True), ("counter_examples", False)):
                if positive and name not in own:
                    continue  # an apology may run the writer down too: not a negative
                for text in entry.get(field) or []:
                    doc = nlp(text)  # type: ignore[operator]
                    rows.append(Sentence("lexicons", f"{name}:{entry.get('id')}", text,
                                         negative_model.features(doc),
                                         negative_model.words(doc), positive, positive,
                                         positive))
    return rows


def fit(rows: list[Sentence], l2: float = 1.0, steps: int = 300, rate: float = 0.5,
        min_count: int = 2) -> tuple[dict[str, float], float]:
    """Class-weighted logistic regression, full-batch AdaGrad; features seen fewer than
    `min_count` times are dropped."""
    counts = collections.Counter(f for r in rows for f in r.features)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    row_of = np.array([i for i, r in enumerate(rows) for f in r.features if f in vocab])
    column = np.array([vocab[f] for r in rows for f in r.features if f in vocab])
    y = np.array([1.0 if r.positive else 0.0 for r in rows])
    weight_of_positive = math.sqrt((len(y) - y.sum()) / max(y.sum(), 1.0))
    sample = np.where(y == 1, weight_of_positive, 1.0)
    w = np.zeros(len(vocab))
    b = 0.0
    g2w = np.full(len(vocab), 1e-8)
    g2b = 1e-8
    for _ in range(steps):
        z = np.bincount(row_of, weights=w[column], minlength=len(rows)) + b
        p = 1.0 / (1.0 + np.exp(-z))
        residual = (p - y) * sample
        gw = np.bincount(column, weights=residual[row_of], minlength=len(vocab)) / len(y) \
            + l2 * w / len(y)
        gb = float(residual.mean())
        g2w += gw ** 2
        g2b += gb ** 2
        w -= rate * gw / np.sqrt(g2w)
        b -= rate * gb / math.sqrt(g2b)
    names = sorted(vocab, key=vocab.__getitem__)
    return {f: round(float(v), 4) for f, v in zip(names, w, strict=True) if abs(v) >= 1e-3}, \
        round(b, 4)


def scored(weights: dict[str, float], bias: float, rows: list[Sentence]) -> list[float]:
    return [bias + sum(weights.get(f, 0.0) for f in r.features) for r in rows]


def report(rows: list[Sentence], scores: list[float], title: str, examples: int = 0) -> None:
    letters: dict[str, list[tuple[float, Sentence]]] = collections.defaultdict(list)
    for s, r in zip(scores, rows, strict=True):
        if r.group != "lexicons":
            letters[r.letter].append((s, r))
    print(title)
    for th in THRESHOLDS:
        n = caught = union = rules = flagged = others = cleans = clean_flagged = 0
        worst: list[tuple[float, Sentence]] = []
        for ss in letters.values():
            first = ss[0][1]
            if first.t003_letter:
                n += 1
                hit = any(s >= th and r.positive for s, r in ss)
                caught += hit
                rules += first.rules_fired
                union += hit or first.rules_fired
            else:
                others += 1
                cleans += first.clean
                if any(s >= th for s, _ in ss):
                    flagged += 1
                    clean_flagged += first.clean
                    if first.clean:
                        worst.append(max(ss, key=lambda x: x[0]))
        print(f"  threshold {th:.1f}: model {caught}/{n}, rules {rules}/{n}, union {union}/{n}"
              f" (+{union - rules}); clean letters flagged {clean_flagged}/{cleans}, "
              f"other letters {flagged - clean_flagged}/{others - cleans}")
        for s, r in sorted(worst, key=lambda x: -x[0])[:examples]:
            print(f"      {s:5.2f} {Path(r.letter).name}: {r.text[:100]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", choices=sorted(OWN_LEXICONS), default="T003")
    parser.add_argument("--write", action="store_true", help="write the code's model file")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--validate", metavar="LABELS", default=None,
                        help="train without this labels file (relative to tests/corpus) "
                        "and report on it")
    parser.add_argument("--l2", type=float, default=1.0, help="regularisation strength")
    parser.add_argument("--examples", type=int, default=0,
                        help="show the top flagged other letters per threshold")
    args = parser.parse_args()
    nlp = load_pipeline()
    files = labels_files()
    rows = lexicon_sentences(nlp, args.code)
    for f in files:
        rows += letter_sentences(nlp, f, args.code)
    groups = sorted({r.group for r in rows} - {"lexicons"})
    print(f"{len(rows)} sentences ({sum(r.positive for r in rows)} positive) from "
          f"{len(groups)} labelled sets and the lexicons")
    if args.validate:
        held = [r for r in rows if r.group == args.validate]
        if not held:
            raise SystemExit(f"no sentences from {args.validate}")
        weights, bias = fit([r for r in rows if r.group != args.validate], args.l2)
        report(held, scored(weights, bias, held), f"trained without {args.validate}:",
               args.examples)
    elif not args.write:
        out_of_fold = [0.0] * len(rows)
        for group in groups:
            weights, bias = fit([r for r in rows if r.group != group], args.l2)
            for i, r in enumerate(rows):
                if r.group == group:
                    out_of_fold[i] = bias + sum(weights.get(f, 0.0) for f in r.features)
        report(rows, out_of_fold, "leave one labelled set out:", args.examples)
    if args.write:
        if args.threshold is None:
            raise SystemExit("--write needs --threshold (choose it from the figures)")
        weights, bias = fit(rows, args.l2)
        data = {"about": f"{args.code} sentence model; written by bench/train_negative.py, "
                         "features in src/followup/rules/negative_model.py",
                "trained": date.today().isoformat(),
                "sets": [f.relative_to(CORPUS).as_posix() for f in files],
                "sentences": len(rows), "positive": sum(r.positive for r in rows),
                "threshold": args.threshold, "bias": bias,
                "weights": dict(sorted(weights.items())),
                "stems": {w: stem(w) for w in sorted({w for r in rows for w in r.words})}}
        path = lexicons.model_path(negative_model.SPECS[args.code].file)
        path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        print(f"wrote {path} ({len(weights)} weights, threshold {args.threshold})")


if __name__ == "__main__":
    main()
