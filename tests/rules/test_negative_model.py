"""T003's sentence model (rules/negative_model.py, models/negative-model.json): it scores
phrasings no phrase entry spells out, stays quiet on look-alikes, and never scores a
quotation, the reader's own account or a reply to a rejection."""

from __future__ import annotations

import pytest

from followup.nlp import load_pipeline
from followup.rules import negative_model


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


def test_negation_reaches_the_end_of_its_clause_only(nlp):
    """"Nothing ... felt rushed" denies "rushed"; a joining word ends what "not" denies."""
    assert "n:rush" in negative_model.features(nlp("Nothing about the process felt rushed."))
    features = negative_model.features(nlp("The panel was not late, although the room "
                                           "was cold."))
    assert "n:late" in features and "u:cold" in features and "n:cold" not in features
    assert "nb:not_late" in features and "b:not_late" not in features


def test_a_noun_ending_is_kept_apart_from_its_stem(nlp):
    """Snowball makes "presentation" "present": a talk is not a gift."""
    talk = negative_model.features(nlp("My presentation ran long."))
    assert "u:present=ation" in talk and "u:present" not in talk


# the model scores this one above its threshold (the phrase entries find it too; these
# tests look at what the model alone reports)
UNLISTED = "My nerves got the better of me during the case study."


def model_spans(tmp_path, body: str, kind: str = "thank-you") -> list[str]:
    """The text of every sentence the model alone flags in a short letter."""
    from followup.kinds import infer_kind
    from followup.nlp import bounded
    from followup.source import read_document

    path = tmp_path / "a.md"
    path.write_text(f"---\nkind: {kind}\n---\n\nDear Nick,\n\n{body}\n\nBest regards,\n"
                    "Jordan Lee\n", encoding="utf-8")
    document = read_document(str(path))
    document.kind, document.kind_explicit = infer_kind(document)
    document.spacy = load_pipeline()(bounded(document.text))
    return [document.text[a:b] for a, b, _ in negative_model.problems(document)]


def test_model_finding_spans_the_sentence(tmp_path):
    assert model_spans(tmp_path, UNLISTED) == [UNLISTED]


@pytest.mark.parametrize("body", [
    f'A former colleague once wrote that "{UNLISTED}"',
    f"You mentioned that {UNLISTED[0].lower()}{UNLISTED[1:]}",
])
def test_quotation_and_reader_account_are_not_scored(tmp_path, body):
    assert model_spans(tmp_path, body) == []


def test_reply_to_a_rejection_is_not_scored(tmp_path):
    assert model_spans(tmp_path, UNLISTED, kind="rejection-reply") == []


def _default_and_findings(tmp_path, code, body):
    """`code`'s default `sentence_model` option, and its findings on a note holding `body`
    with the model on and off."""
    from datetime import date

    from followup.config import Config
    from followup.linter import LintRequest, lint
    from followup.rules.registry import all_rules

    (rule,) = [rule for rule in all_rules() if rule.code == code]
    letter = tmp_path / "a.md"
    letter.write_text(f"Dear Nick,\n\n{body}\n\nBest regards,\nJordan Lee\n",
                      encoding="utf-8")
    found = {}
    for on in (True, False):
        config = Config()
        config.rule_options = {code: {"sentence_model": on}}
        result = lint(LintRequest(paths=[str(letter)], config=config, grammar="off",
                                  today=date(2026, 11, 20)))
        found[on] = [f for f in result.findings if f.code == code]
    return rule.options["sentence_model"], found, letter


def test_sentence_model_is_on_by_default_and_config_turns_it_off(tmp_path):
    """The model adds to the phrases and verdicts by default;
    `[tool.followup.rules.T003] sentence_model = false` takes it away."""
    default, found, _ = _default_and_findings(
        tmp_path, "T003", "Thank you for the talk about the audit plan. I was all nerves "
        "and rambled for most of our call.")
    assert default is True
    assert len(found[True]) == 1 and "all nerves" in found[True][0].message
    assert found[False] == []


def test_pushy_model_is_off_by_default_and_config_turns_it_on(tmp_path):
    """T005's sentence model (models/pushy-model.json) finds pressure no phrase or
    pressure part spells out, once `[tool.followup.rules.T005] sentence_model = true`."""
    default, found, letter = _default_and_findings(
        tmp_path, "T005", "Thank you for the talk about the audit plan and the new close "
        "calendar. A team as quick as yours surely won't need more than a day or so to tell "
        "me.")
    assert default is False
    assert len(found[True]) == 1 and "surely won't need" in found[True][0].message
    line = letter.read_text(encoding="utf-8").splitlines()[found[True][0].line - 1]
    assert line[found[True][0].column - 1:].startswith("A team as quick")
    assert found[False] == []


@pytest.mark.parametrize("sentence", [
    "I look forward to hearing from you about the next steps.",
    "Please let me know if I can send anything else to help the panel.",
    "I understand the decision may take a few weeks and am happy to wait.",
])
def test_pushy_model_look_alikes_score_below_threshold(nlp, sentence):
    m = negative_model.model(negative_model.SPECS["T005"].file)
    assert negative_model.score(nlp(sentence), m) < m.threshold

