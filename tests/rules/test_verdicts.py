"""T003's structural verdict check (rules/verdicts.py, models/verdicts.yaml).

Every entry of models/verdicts.yaml is reviewed data with a reason, examples the verdict
check must flag and counter-examples T003 must leave silent, each inside a clean
thank-you note, as tests/rules/test_lexicon_examples.py does for the phrase lexicons; the
tests below add the shapes, their exact spans, denials and the reader's own account.
"""

from __future__ import annotations

import pytest

from followup import lexicons
from followup.nlp import load_pipeline
from followup.rules import verdicts

from helpers import entry_cases, tone_flagged

ENTRIES = lexicons.load(verdicts.VERDICTS)
KINDS = {"target", "evaluation", "stop", "link", "aux", "conduct", "neglect", "judge",
         "failure", "idiom", "exclaim", "negator", "degree", "account", "remedy", "joiner",
         "people_conduct", "extraposed", "reassurance", "denial", "dislike",
         "self_neglect", "head", "failure_adverb"}
SPECIFIC = "I enjoyed hearing how your team cut dock wait times at the Denver site last spring."


def _verdicts(sentence: str) -> list[str]:
    doc = load_pipeline()(sentence)
    return [doc[v.start:v.end].text for v in verdicts.find(doc)]


def test_every_entry_is_reviewed_data():
    ids = [entry["id"] for entry in ENTRIES]
    assert len(ids) == len(set(ids))
    for entry in ENTRIES:
        assert entry["kind"] in KINDS, entry["id"]
        assert entry.get("reason"), entry["id"]
        assert 1 <= len(entry.get("examples") or []) <= 3, entry["id"]
        assert len(entry.get("counter_examples") or []) <= 2, entry["id"]
        for word in [*entry["words"], *(entry.get("unless_next") or ())]:
            assert isinstance(word, str), f"{entry['id']}: {word!r} is not a word (quote it)"
        if entry["kind"] == "target":
            assert entry["side"] in verdicts.SIDES, entry["id"]


@pytest.mark.parametrize(("entry", "sentence"), entry_cases(ENTRIES, "examples"))
def test_example_is_a_verdict(lint_cli, write, entry, sentence):
    assert _verdicts(sentence), \
        f"the verdict check did not flag {sentence!r}"
    assert tone_flagged(lint_cli, write, f"{sentence} {SPECIFIC}", "T003")


@pytest.mark.parametrize(("entry", "sentence"), entry_cases(ENTRIES, "counter_examples"))
def test_counter_example_is_clean(lint_cli, write, entry, sentence):
    assert tone_flagged(lint_cli, write, f"{sentence} {SPECIFIC}", "T003") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # copula and perception verbs
    ("The panel seemed rather dismissive of my portfolio.",
     "The panel seemed rather dismissive"),
    ("My old boss is a nightmare.", "My old boss is a nightmare"),
    ("Parking at your building was a nightmare.", "Parking at your building was a nightmare"),
    ("Some of the panel's questions felt a little unfair.",
     "the panel's questions felt a little unfair"),
    ("The people I work with now are frankly lazy.",
     "The people I work with now are frankly lazy"),
    # attributive
    ("Despite the chaotic reception, I enjoyed the day.", "the chaotic reception"),
    ("Your clunky portal logged me out twice.", "Your clunky portal"),
    # conduct, and a duty denied
    ("Your recruiter ignored my emails for three weeks.", "Your recruiter ignored"),
    ("My manager micromanaged everyone.", "My manager micromanaged"),
    ("My current manager has never once listened to a suggestion.",
     "My current manager has never once listened"),
    ("Your app crashed twice while I was trying it out.", "Your app crashed"),
    # judging verb, exclamation, idiom, "it is ... that"
    ("I found the second round quite disorganised.",
     "I found the second round quite disorganised"),
    ("What a mess that video link turned out to be!", "What a mess that video link"),
    ("The scheduling of the second round left a lot to be desired.",
     "The scheduling of the second round left a lot to be desired"),
    ("It is frustrating that the decision keeps being pushed back.", "It is frustrating"),
    # the writer's own performance
    ("I fumbled the question on variance reporting.", "I fumbled"),
    ("My answer about stakeholder conflict was weak.",
     "My answer about stakeholder conflict was weak"),
    ("I rambled on far too long about my placement year.", "I rambled"),
    # evaluations in pairs, articles after a word of degree, conduct of things
    ("Your HR team has been slow and unhelpful throughout.",
     "Your HR team has been slow and unhelpful"),
    ("My boss is a total control freak.", "My boss is a total control freak"),
    ("The wifi in the meeting room kept dropping out.",
     "The wifi in the meeting room kept dropping out"),
    ("What a waste of time the group task was.", "What a waste of time the group task"),
    ("Mr. Ridley spent much of the interview checking his phone.",
     "Mr. Ridley spent much of the interview checking his phone"),
    ("Four back-to-back hours of interviews was exhausting.",
     "Four back-to-back hours of interviews was exhausting"),
    # the writer's dislike, and what did not go well
    ("I didn't enjoy the group exercise at all.", "I didn't enjoy the group exercise"),
    ("I was not impressed by the parking.", "I was not impressed by the parking"),
    ("The interview didn't go well.", "The interview didn't go well"),
    ("I didn't explain myself well on the pricing question.",
     "I didn't explain myself well"),
    ("Looking back, I handled the role-play badly.", "I handled the role-play badly"),
    ("The parking situation was a total nightmare.",
     "The parking situation was a total nightmare"),
    ("The HR contact was impossible to reach.", "The HR contact was impossible to reach"),
    ("The panel barely said a word throughout.", "The panel barely said a word"),
])
def test_shapes_and_spans(sentence, expected):
    assert _verdicts(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    # denials
    "The panel was not cold at all.",
    "The parking was never a problem.",
    "The receptionist didn't seem rude in the slightest.",
    "I never stumbled once the numbers came up.",
    # the reader's own account, and problems the writer offers to solve
    "You mentioned the old system was slow.",
    "The backlog you described sounds painful.",
    "Your team has had a chaotic year and I can help.",
    "The old portal was clunky, so I am keen to help redesign it.",
    "I was sorry to hear the move to the new depot has been chaotic.",
    # words of judgement that judge something else here
    "I stumbled on your blog about warehouse safety.",
    "I froze the hiring budget at Northwind and still hit our targets.",
    "Thank you for the tour of the cold store.",
    "The chilly cold store didn't bother me at all.",
    "The interview was late in the afternoon, which suited me.",
    "Your team looked tired after the audit, yet everyone made time for me.",
    "The panel asked me about a project that was chaotic.",
    "I was nervous at the start, but your team put me at ease.",
    "I am anxious to hear how the pilot went.",
    "The questions were challenging, and I enjoyed them.",
    "I never once felt the panel was cold.",
    "The flooding at the Leeds site must have been a nightmare for your team.",
    "At Northwind, the old portal was clunky, so I rebuilt it.",
    "The interview started with a joke about the weather.",
    "The team was friendly and not at all dismissive.",
    "Your app is killer, and I use it every day.",
    "The case study was difficult but rewarding.",
    "The interview felt like a war game, which was fun.",
    "I didn't mind the wait at all.",
    "I enjoyed the group exercise more than I expected.",
    "I hate to think how long the audit took before your new system.",
    "Nothing about the process felt rushed.",
    "I badly want to join your team.",
    "I joined a team that badly needed a rota.",
    "The whole thing ran like clockwork.",
    # half of a hyphenated compound judges nothing (session 16)
    "We toured the former toxic-waste site your team restored.",
    "Your non-toxic cleaning range impressed me.",
    "I would enjoy helping to make those screens crash-free.",
])
def test_silent(sentence):
    assert _verdicts(sentence) == []


def test_clause_ends_at_a_joining_word():
    assert _verdicts("The panel was kind, although the room was freezing.") == \
        ["the room was freezing"]
    assert _verdicts("The room was busy when I arrived, but the panel was welcoming.") == []


def test_one_finding_where_a_phrase_entry_already_flags(lint_cli, write):
    # "the receptionist was rude" is also a phrase of negative.yaml's reader-verdict
    found = tone_flagged(lint_cli, write,
                         f"The receptionist was quite rude when I arrived. {SPECIFIC}", "T003")
    assert len(found) == 1


def test_a_verdict_in_quotes_is_not_the_writers(lint_cli, write):
    body = f'You joked that "the parking is a nightmare" on Fridays. {SPECIFIC}'
    assert tone_flagged(lint_cli, write, body, "T003") == []


def test_the_writer_of_a_rejection_reply_may_be_disappointed(lint_cli, write):
    body = "It was disappointing to hear the news, but I understand your decision."
    assert tone_flagged(lint_cli, write, body, "T003", kind="rejection-reply") == []
    assert tone_flagged(lint_cli, write, body, "T003") != []
