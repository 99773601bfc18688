"""T005's structural pressure check (rules/pressure.py, models/pressure.yaml).

Every entry of models/pressure.yaml is reviewed data with a reason, examples the check
must flag and counter-examples T005 must leave silent, each inside a clean thank-you note;
the tests below add the three pressing shapes, their exact spans and what silences them.
"""

from __future__ import annotations

import pytest

from followup import lexicons
from followup.nlp import load_pipeline
from followup.rules import pressure

from helpers import assert_reviewed_parts, entry_cases, tone_flagged

ENTRIES = lexicons.load(pressure.PRESSURE)
SPECIFIC = "I enjoyed hearing how your team cut dock wait times at the Denver site last spring."


def _pressed(sentence: str) -> list[str]:
    doc = load_pipeline()(sentence)
    return [doc[a:b].text for a, b in pressure.find(doc)]


def test_every_entry_is_reviewed_data():
    assert_reviewed_parts(ENTRIES, pressure.KINDS, most_examples=3, most_counter_examples=2,
                          counter_examples_needed=False)


@pytest.mark.parametrize(("entry", "sentence"), entry_cases(ENTRIES, "examples"))
def test_example_is_pressure(lint_cli, write, entry, sentence):
    assert _pressed(sentence), f"the pressure check did not flag {sentence!r}"
    assert tone_flagged(lint_cli, write, f"{sentence} {SPECIFIC}", "T005")


@pytest.mark.parametrize(("entry", "sentence"), entry_cases(ENTRIES, "counter_examples"))
def test_counter_example_is_clean(lint_cli, write, entry, sentence):
    assert tone_flagged(lint_cli, write, f"{sentence} {SPECIFIC}", "T005") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # an imperative or a request, an ask and a time
    ("Please reply to this email today with an update.", "Please reply to this email today"),
    ("Would you be able to give me an answer this week?",
     "Would you be able to give me an answer this week"),
    ("Let me know whether I am moving forward by Friday.",
     "Let me know whether I am moving forward by Friday"),
    # the writer's want
    ("I need to know your decision by Monday.", "I need to know your decision by Monday"),
    ("So I am counting on an answer from you by then.",
     "I am counting on an answer from you by then"),
    # a blunt ask needs no time
    ("I would like a clear yes or no on my application.", "I would like a clear yes or no"),
])
def test_pressing_shapes_and_spans(sentence, expected):
    assert _pressed(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "I would like to reply to your question about forecasting today.",  # the writer's act
    "I will give you my answer on the start date by Friday.",
    "I look forward to hearing from you this week.",  # no one presses
    "As you said, could you let me know whether I am moving forward by Friday?",
    "Thank you for your quick reply today.",
    "I would appreciate an update this week if possible.",  # courtesy
    "Could you let me know if I should bring my portfolio today?",  # logistics
    "Please let me know whether I am moving forward.",  # no time: a fair question
])
def test_not_pressure(sentence):
    assert _pressed(sentence) == []
