"""T003's sentence model (rules/negative_model.py, models/negative-model.json): it scores
phrasings no phrase entry spells out, stays quiet on look-alikes, and never scores a
quotation, the reader's own account or a reply to a rejection."""

from __future__ import annotations

import pytest

from followup.nlp import load_pipeline
from followup.rules import negative_model

from helpers import tone_flagged


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_bundled_model_loads_with_a_threshold():
    m = negative_model.model()
    assert len(m.weights) > 1000
    assert m.threshold > 0


@pytest.mark.parametrize("sentence", [
    "My nerves got the better of me during the case study.",
    "Honestly, my last team was a shambles and nobody there pulled their weight.",
])
def test_unlisted_phrasings_score_above_threshold(nlp, sentence):
    assert negative_model.score(nlp(sentence)) >= negative_model.model().threshold


@pytest.mark.parametrize("sentence", [
    "I was not nervous once the case study began.",
    "Your team made the case study feel easy.",
    "My previous employer taught me to check every figure twice.",
])
def test_look_alikes_score_below_threshold(nlp, sentence):
    assert negative_model.score(nlp(sentence)) < negative_model.model().threshold


def test_negation_counts_apart(nlp):
    """"not nervous" and "nervous" are different features."""
    assert "u:nervous" in negative_model.features(nlp("I was nervous."))
    denied = negative_model.features(nlp("I was not nervous."))
    assert "n:nervous" in denied and "u:nervous" not in denied


# no phrase entry or verdict finds this one: only the model does
UNLISTED = ("My time at Corvel has mostly been spent covering for colleagues who would "
            "rather chat than work.")


@pytest.fixture
def model_on(write):
    write("pyproject.toml", "[tool.followup.rules.T003]\nsentence_model = true\n")


def test_model_finding_spans_the_sentence(lint_cli, write, model_on):
    body = UNLISTED
    assert tone_flagged(lint_cli, write, body, "T003") == [body]


@pytest.mark.parametrize("body", [
    f'A former colleague once wrote that "{UNLISTED}"',
    f"You mentioned that {UNLISTED[0].lower()}{UNLISTED[1:]}",
])
def test_quotation_and_reader_account_are_not_scored(lint_cli, write, model_on, body):
    assert tone_flagged(lint_cli, write, body, "T003") == []


def test_reply_to_a_rejection_is_not_scored(lint_cli, write, model_on):
    assert tone_flagged(lint_cli, write, UNLISTED, "T003", kind="rejection-reply") == []


def test_sentence_model_is_off_by_default(lint_cli, write):
    assert tone_flagged(lint_cli, write, UNLISTED, "T003") == []
