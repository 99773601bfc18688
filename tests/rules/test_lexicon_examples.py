"""Every tone-lexicon entry matches its own `examples` and none of its `counter_examples`.

Each sentence goes into a short, otherwise clean thank-you note (in the salutation or the
sign-off where the entry only counts there) and is linted by the real linter with only the
entry's rule selected, so the examples test the whole path: tokenizer, compiled patterns,
where a phrase counts, and the finding's position on disk.
"""

from __future__ import annotations

from typing import Any

import pytest

from followup import lexicons
from followup.rules.tone import LEXICONS

from helpers import findings

CODES = {"informal.yaml": "T001", "negative.yaml": "T003", "apologetic.yaml": "T004",
         "pushy.yaml": "T005", "social.yaml": "T006"}

SALUTATION = "Dear Ms. Rivera,"
SPECIFIC = "I enjoyed hearing how your team cut dock wait times at the Denver site last spring."
SIGNOFF = "Best regards,"


def _cases(field: str) -> list[Any]:
    cases = []
    for name in LEXICONS:
        for entry in lexicons.load(name):
            for n, sentence in enumerate(entry.get(field) or [], start=1):
                cases.append(pytest.param(name, entry, sentence,
                                          id=f"{name}:{entry['id']}:{n}"))
    return cases


def _note(entry: dict[str, Any], sentence: str) -> str:
    """The note with `sentence` where the entry counts (salutation, sign-off or body)."""
    parts = entry.get("part") or ["body"]
    salutation, body, signoff = SALUTATION, f"{sentence} {SPECIFIC}", SIGNOFF
    if "signoff" in parts:
        signoff, body = sentence, SPECIFIC
    elif "salutation" in parts:
        salutation, body = sentence, SPECIFIC
    return (f"---\nkind: thank-you\n---\n\n{salutation}\n\n{body}\n\n"
            f"Thank you again for your time.\n\n{signoff}\nJordan Lee\n")


def _spans(lint_cli, write, entry: dict[str, Any], name: str, sentence: str
           ) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """The (start, end) offsets of every finding of the entry's code, and the sentence's."""
    text = _note(entry, sentence)
    write("note.md", text)
    result = lint_cli("note.md", "--select", CODES[name], "--format", "json")
    assert result.exit_code in (0, 1), result.output
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = []
    for f in findings(result):
        assert f["code"] == CODES[name]
        spans.append((starts[f["line"] - 1] + f["column"] - 1,
                      starts[f["end_line"] - 1] + f["end_column"] - 1))
    at = text.index(sentence)
    return spans, (at, at + len(sentence))


def test_every_entry_has_examples():
    for name in LEXICONS:
        for entry in lexicons.load(name):
            assert 1 <= len(entry.get("examples") or []) <= 3, f"{name}:{entry['id']}"
            assert len(entry.get("counter_examples") or []) <= 2, f"{name}:{entry['id']}"


@pytest.mark.parametrize(("name", "entry", "sentence"), _cases("examples"))
def test_example_matches(lint_cli, write, name, entry, sentence):
    spans, (start, end) = _spans(lint_cli, write, entry, name, sentence)
    assert any(s < end and start < e for s, e in spans), \
        f"{CODES[name]} did not flag {sentence!r} (found {spans})"


@pytest.mark.parametrize(("name", "entry", "sentence"), _cases("counter_examples"))
def test_counter_example_is_clean(lint_cli, write, name, entry, sentence):
    spans, _ = _spans(lint_cli, write, entry, name, sentence)
    assert spans == [], f"{CODES[name]} flagged the clean sentence {sentence!r}"
