"""T003-T005: a verdict the writer denies ("I was not nervous at all") is not flagged, while a
negation the phrase spells out ("I don't think I", "my answer was not great") still is."""

from __future__ import annotations

import pytest

from helpers import tone_flagged


@pytest.mark.parametrize("body", [
    "I was not nervous at all during the panel.",
    "I wasn't nervous once we started on the data.",
    "I was never nervous with the forklift simulator.",
    "I never stumbled over the safety questions.",
    "The parking was not awful at all, despite the roadworks.",
    "My answers on the budget were not vague.",
    "My former manager was never unfair to the team.",
])
def test_denied_verdict_is_silent(lint_cli, write, body):
    assert tone_flagged(lint_cli, write, body, "T003") == []


@pytest.mark.parametrize(("body", "expected"), [
    ("I was nervous and stumbled over several answers.", "I was nervous"),
    ("I don't think I explained the budget model clearly.", "I don't think I"),
    ("My answer on forecasting was not great.", "My answer on forecasting was not great"),
    ("I am not very good at public speaking.", "I am not very good"),
])
def test_spelled_out_negation_still_flagged(lint_cli, write, body, expected):
    assert expected in tone_flagged(lint_cli, write, body, "T003")


def test_denied_need_is_silent(lint_cli, write):
    body = "I don't need a job soon; I can start in June."
    assert tone_flagged(lint_cli, write, body, "T005") == []
