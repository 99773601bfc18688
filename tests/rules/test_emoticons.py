"""T002: emoticons and emoji, and none of the look-alikes."""

from __future__ import annotations

import pytest

from helpers import findings


def spans(lint_cli, write, body: str) -> list[str]:
    write("a.txt", f"Dear Nick,\n\n{body}\n\nBest,\nJordan\n")
    result = lint_cli("a.txt", "--select", "T002", "--format", "json")
    line = body
    return [line[f["column"] - 1: f["end_column"] - 1] for f in findings(result)]


@pytest.mark.parametrize("face", [":)", ";-)", ":D", ":-(", "<3", "^_^", ":P", ":'(", "=)",
                                  "xD", ":/", ":-|", "\\o/", "¯\\_(ツ)_/¯"])
def test_emoticons_flagged(lint_cli, write, face):
    assert spans(lint_cli, write, f"Thank you for the tour {face} see you soon.") == [face]


@pytest.mark.parametrize("emoji", ["🙂", "👍🏽", "🎉", "❤️", "👨‍💻", "✨"])
def test_emoji_flagged(lint_cli, write, emoji):
    assert spans(lint_cli, write, f"Thank you for the tour {emoji}") == [emoji]


@pytest.mark.parametrize("clean", [
    "We met at 10:30 and again at 2:15.",
    "The ratio was 3:2 in our favour.",
    "See https://acme.example/jobs/:id for details.",
    "Note: the interview (at 9:00) went well.",
    "Re:D-Day planning was the topic.",
    "Please see the list below:",
    "Scores were 10:1, a record (as follows:)",
    "1) first point 2) second point",
    "The shift pattern (A:B) was new to me.",
    "I checked ✓ every box on the form.",
])
def test_no_false_alarms(lint_cli, write, clean):
    assert spans(lint_cli, write, clean) == []


def test_markdown_list_markers_are_not_emoticons(lint_cli, write):
    write("a.md", "Dear Nick,\n\n* one\n* two :D\n\nBest,\nJo\n")
    result = findings(lint_cli("a.md", "--select", "T002", "--format", "json"))
    assert [(f["line"], f["column"]) for f in result] == [(4, 7)]
