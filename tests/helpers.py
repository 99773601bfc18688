"""Test data and helpers shared by the test modules (import as `helpers`)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from click.testing import Result

REPO = Path(__file__).resolve().parents[1]
RECORD = """\
company: Acme Corporation
company_aliases: [Acme]
position: Part-time Packaging Manager
interview_date: 2026-11-20
interviewers:
  - name: Nick Claus
    email: nick.claus@acme.example
    topics: [holiday volume planning]
  - name: Martha Okonkwo-Reyes
    email: martha@acme.example
    topics: [the new conveyor line]
topics: [the warehouse tour]
decision_date: 2026-12-01
"""

GOOD_LETTER = """\
Dear Nick,

Thank you for meeting with me on Friday about the packaging manager role. I enjoyed \
hearing how your team plans for the holiday volume.

My experience scheduling seasonal staff at Northwind would help your team meet that peak.

I look forward to hearing from you.

Best regards,
Jordan Lee
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def findings(result: Result) -> list[dict[str, Any]]:
    """The findings of a `--format json` run."""
    return json.loads(result.stdout)["findings"]


def codes(result: Result) -> list[str]:
    return [f["code"] for f in findings(result)]


def tone_flagged(lint_cli, write, body: str, code: str, *, kind: str = "thank-you",
                 salutation: str = "Dear Nick,", signoff: str = "Best regards,\nJordan Lee"
                 ) -> list[str]:
    """The text of every `code` finding in a short letter with this body (the tone rules'
    tests; `lint_cli` and `write` are the fixtures of tests/conftest.py)."""
    text = f"---\nkind: {kind}\n---\n\n{salutation}\n\n{body}\n\n{signoff}\n"
    write("a.md", text)
    lines = text.splitlines()
    result = lint_cli("a.md", "--select", code, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    out = []
    for f in findings(result):
        assert f["code"] == code
        out.append(lines[f["line"] - 1][f["column"] - 1: f["end_column"] - 1])
    return out


def entry_cases(entries: list[dict[str, Any]], field: str) -> list[Any]:
    """One pytest case per sentence of every entry's `field` (`examples` or
    `counter_examples`), named `<id>:<n>`: the reviewed-data tests of the models."""
    import pytest

    return [pytest.param(entry, sentence, id=f"{entry['id']}:{n}")
            for entry in entries
            for n, sentence in enumerate(entry.get(field) or [], start=1)]


def assert_reviewed_parts(entries: list[dict[str, Any]], kinds: tuple[str, ...], *,
                          most_examples: int, most_counter_examples: int,
                          counter_examples_needed: bool) -> None:
    """The entries of a structural check's model (apology.yaml, pressure.yaml) are reviewed
    data: unique ids, a known kind each and every kind used, a reason, a bounded number of
    examples and counter-examples, and words that are strings."""
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry["kind"] in kinds, entry["id"]
        assert entry.get("reason"), entry["id"]
        assert 1 <= len(entry.get("examples") or []) <= most_examples, entry["id"]
        counter = len(entry.get("counter_examples") or [])
        assert int(counter_examples_needed) <= counter <= most_counter_examples, entry["id"]
        for word in entry["words"]:
            assert isinstance(word, str), f"{entry['id']}: {word!r} is not a word (quote it)"
    assert {entry["kind"] for entry in entries} == set(kinds)
