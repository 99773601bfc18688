"""T004's structural apology check (rules/apology.py, models/apology.yaml).

Every entry of models/apology.yaml is reviewed data with a reason, examples the check
must flag and counter-examples T004 must leave silent, each inside a clean thank-you note;
the tests below add exact spans, the writer's voice and the letter kinds it skips.
"""

from __future__ import annotations

import pytest

from followup import lexicons
from followup.nlp import load_pipeline
from followup.rules import apology

from helpers import assert_reviewed_parts, entry_cases, tone_flagged

ENTRIES = lexicons.load(apology.APOLOGY)
SPECIFIC = "I enjoyed hearing how your team cut dock wait times at the Denver site last spring."


def _apologies(sentence: str, kind: str = "thank-you") -> list[str]:
    doc = load_pipeline()(sentence)
    return [doc[a:b].text for a, b in apology.find(doc, kind)]


def test_every_entry_is_reviewed_data():
    assert_reviewed_parts(ENTRIES, apology.KINDS, most_examples=6, most_counter_examples=5,
                          counter_examples_needed=True)


@pytest.mark.parametrize(("entry", "sentence"), entry_cases(ENTRIES, "examples"))
def test_example_is_an_apology(lint_cli, write, entry, sentence):
    assert _apologies(sentence), f"the apology check did not flag {sentence!r}"
    assert tone_flagged(lint_cli, write, f"{sentence} {SPECIFIC}", "T004")


@pytest.mark.parametrize(("entry", "sentence"), entry_cases(ENTRIES, "counter_examples"))
def test_counter_example_is_clean(lint_cli, write, entry, sentence):
    assert _apologies(sentence) == []
    assert tone_flagged(lint_cli, write, f"{sentence} {SPECIFIC}", "T004") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Sorry for going blank on the variance question.", "Sorry for going"),
    ("I am truly sorry for that slip.", "sorry for that slip"),
    ("I'd like to apologise for my forwardness.", "apologise for my forwardness"),
    ("I deeply regret fumbling the numbers.", "regret fumbling"),
    ("I'm sorry if the demo ran long.", "sorry if"),
    ("I'm sorry I kept the panel past five.", "sorry I kept"),
])
def test_span_runs_from_the_apology_to_what_it_is_for(sentence, expected):
    assert _apologies(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "The team was sorry for keeping the old rota so long.",  # not the writer
    "You will be sorry if you miss the harbour at dusk.",  # not an apology
    "I apologised to the customer, and we kept the account.",  # a story, told in the past
    "There is no need for you to apologise for the short notice.",
    # shared regret at a circumstance, not an apology for the writer's doing
    "I was sorry that our start was delayed by the fire alarm test.",
])
def test_someone_elses_apology_or_a_story_is_none(sentence):
    assert _apologies(sentence) == []


def test_regret_in_a_reply_to_a_rejection_is_about_the_outcome():
    sentence = "I regret missing out on the role, but I enjoyed meeting the team."
    assert _apologies(sentence, "thank-you") == ["regret missing"]
    assert _apologies(sentence, "rejection-reply") == []
