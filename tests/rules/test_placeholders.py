"""C004: unfilled template slots."""

from __future__ import annotations

import pytest

from helpers import findings


def flagged(lint_cli, write, body: str, name: str = "a.txt") -> list[str]:
    write(name, f"Dear Nick,\n\n{body}\n\nBest,\nJordan\n")
    result = lint_cli(name, "--select", "C004", "--format", "json")
    return [body[f["column"] - 1: f["end_column"] - 1] for f in findings(result)]


@pytest.mark.parametrize("slot", ["[Name]", "[Company]", "[Interviewer Name]", "[POSITION]",
                                  "{{ name }}", "{{company}}", "{% if x %}", "<Interviewer>",
                                  "<Company Name>", "XXX", "[TODO: mention the tour]",
                                  "[insert topic here]", "[your skill]", "TBD", "___"])
def test_slots_flagged(lint_cli, write, slot):
    assert flagged(lint_cli, write, f"Thank you for the chat about {slot} today.") == [slot]


@pytest.mark.parametrize("clean", [
    "As the posting said, the role needs [sic] patience.",
    "We discussed the three options [1] and the cost [2].",
    "Email me at <jordan@example.org> any time.",
    "Visit <https://jordan.example> for my portfolio.",
    "The XXL order arrived; the Xbox team was there.",
    "I loved the [phrase] you used, in lower case.",
])
def test_no_false_alarms(lint_cli, write, clean):
    assert flagged(lint_cli, write, clean) == []


def test_markdown_links_are_not_slots(lint_cli, write):
    assert flagged(lint_cli, write, "See [My Portfolio](https://jordan.example).",
                   name="a.md") == []
