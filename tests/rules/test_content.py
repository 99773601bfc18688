"""C001-C003: what a thank-you note must say (thank-you notes; C002 also rejection replies)."""

from __future__ import annotations

import pytest

from followup.rules.content import _data, _stems, names_topic

from helpers import RECORD, findings


def lint_codes(lint_cli, write, body: str, *, kind: str = "thank-you", record: bool = False,
               salutation: str = "Dear Nick,") -> dict[str, list[dict]]:
    if record:
        write("interview.yaml", RECORD)
    write("a.md", f"---\nkind: {kind}\n---\n\n{salutation}\n\n{body}\n\nBest regards,\nJordan\n")
    result = lint_cli("a.md", "--select", "C001,C002,C003", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    out: dict[str, list[dict]] = {}
    for f in findings(result):
        out.setdefault(f["code"], []).append(f)
    return out


GOOD = ("Thank you for meeting with me on Friday. I enjoyed hearing how your team plans for "
        "the holiday volume.\n\nI am very interested in the role.")


def test_good_note_passes(lint_cli, write):
    assert lint_codes(lint_cli, write, GOOD, record=True) == {}
    assert lint_codes(lint_cli, write, GOOD) == {}


def test_generic_note_with_record_names_topics(lint_cli, write):
    got = lint_codes(lint_cli, write, "Thank you for the interview. I enjoyed learning about "
                     "the company and the role.\n\nI am very interested in the position.",
                     record=True)
    assert list(got) == ["C001"]
    (finding,) = got["C001"]
    assert "holiday volume planning" in finding["message"]  # Nick's own topics first
    assert finding["suggestions"][0] == "holiday volume planning"


@pytest.mark.parametrize("sentence", [
    "I enjoyed our talk about planning for holiday volumes.",  # stems: plans/planning
    "The warehouse tour was the highlight.",
    "Seeing the new conveyor line run was impressive.",
    "Your plans for the holiday volumes are ambitious.",
    "Touring the warehouse was the best part.",
])
def test_topics_matched_on_stems_and_paraphrase(lint_cli, write, sentence):
    body = f"Thank you for meeting me. {sentence}\n\nI am very interested in the role."
    assert "C001" not in lint_codes(lint_cli, write, body, record=True)


def test_words_of_the_position_title_are_not_a_topic(lint_cli, write):
    body = ("Thank you for speaking with me about the Packaging Manager position at Acme.\n\n"
            "I am very interested in joining Acme.")
    assert "C001" in lint_codes(lint_cli, write, body, record=True)


@pytest.mark.parametrize("sentence", [
    "When we discussed the conveyor upgrade, I saw how my work at Northwind fits.",
    "Your point about cross-training the packing crews stayed with me.",
    "You mentioned that jams at the merge point cost forty minutes a shift.",
    "I wanted to add one point about the month-end close project you described.",
    "Your plan to split the grant reports by funder makes sense.",
    "Thank you for meeting me about the new checkout lanes.",
    "Watching the crew pour the foundation for the library annex was a treat.",
])
def test_concrete_reference_without_record(lint_cli, write, sentence):
    body = f"Thank you for meeting me. {sentence}\n\nI am very interested in the role."
    assert "C001" not in lint_codes(lint_cli, write, body)


@pytest.mark.parametrize("sentence", [
    "I enjoyed learning about the company and the role.",
    "It was great to meet you and the team on Friday.",
    "Everything we talked about made me even more excited about the job.",
    "I enjoyed our conversation.",
])
def test_vague_reference_without_record(lint_cli, write, sentence):
    body = f"Thank you for meeting me. {sentence}\n\nI am very interested in the role."
    got = lint_codes(lint_cli, write, body)
    assert list(got) == ["C001"]
    assert "something you discussed" in got["C001"][0]["message"]


def test_no_thanks(lint_cli, write):
    body = ("I enjoyed meeting you and hearing how your team plans for the holiday volume.\n\n"
            "I am very interested in the role.")
    assert list(lint_codes(lint_cli, write, body)) == ["C002"]


@pytest.mark.parametrize("thanks", ["Thanks again for the tour.", "I appreciate your time.",
                                    "I am grateful for the chance to meet the team."])
def test_thanks_in_other_words(lint_cli, write, thanks):
    body = (f"{thanks} I enjoyed hearing how your team plans for the holiday volume.\n\n"
            "I am very interested in the role.")
    assert "C002" not in lint_codes(lint_cli, write, body)


def test_no_interest_is_info(lint_cli, write):
    body = ("Thank you for meeting me. I enjoyed hearing how your team plans for the holiday "
            "volume.\n\nThank you again.")
    got = lint_codes(lint_cli, write, body)
    assert list(got) == ["C003"]
    assert got["C003"][0]["severity"] == "info"


@pytest.mark.parametrize("fit", [
    "I'd love to be part of that team.",
    "My PCR experience is a close match for the work.",
    "I would welcome the chance to bring that experience to Acme.",
    "I believe I would be a strong fit for the team.",
    "My experience with seasonal staffing would help your team.",
    "I am excited about the role.",
    "I look forward to joining the team.",
])
def test_interest_in_other_words(lint_cli, write, fit):
    body = ("Thank you for meeting me. I enjoyed hearing how your team plans for the holiday "
            f"volume.\n\n{fit}")
    assert "C003" not in lint_codes(lint_cli, write, body)


# a reply to a rejection gets C002 only (below)
@pytest.mark.parametrize("kind", ["status-inquiry", "reference", "withdrawal", "other"])
def test_only_thank_you_notes(lint_cli, write, kind):
    assert lint_codes(lint_cli, write, "I hope you are well.", kind=kind) == {}


def test_finding_points_at_the_first_body_line(lint_cli, write):
    got = lint_codes(lint_cli, write, "I hope you are well.\n\nBest wishes to the team.")
    assert {f["line"] for fs in got.values() for f in fs} == {7}


def test_names_topic_unit():
    generic = _data()[3]
    stems = set(_stems("we talked about how you plan the holiday volumes", generic))
    assert names_topic(stems, "holiday volume planning", generic)
    assert not names_topic(stems, "seasonal staffing", generic)
    assert not names_topic(set(_stems("the packaging role", generic)),
                           "recyclable packaging", generic)
    assert names_topic(set(_stems("I keep thinking about recycled packaging", generic)),
                       "recyclable packaging", generic)
    assert names_topic(set(_stems("the new convey0r line", generic)) | {"conveyer"},
                       "the conveyor line", generic)  # one edit of slack


@pytest.mark.parametrize("sentence, specific", [
    ("Gotta say, the new store layout is brilliant.", True),
    ("It's not every day I hear a manager say the team's biggest strength is disagreeing "
     "well.", True),
    ("Thank you for the opportunity to interview for the sales associate position.", False),
    ("I enjoyed hearing about the company culture and values.", False),
    ("I'm excited about the possibility of joining your team.", False),
    # a named tool, a named project and a number are specific; a name alone is not
    ("I found the description of your move to Microsoft 365 very interesting.", True),
    ("I enjoyed our talk about Project Falcon.", True),
    ("I was pleased to hear that month-end now takes three days, not 9.", True),
    ("The new scheduling system for void properties sounded ambitious.", True),
    ("Everything you shared about the culture at Pinecrest sounded great.", False),
    # the reader's aim, by what it would do; a thing named by "the" + a name + a noun
    ("Your ambition to launch a leadership programme for new supervisors resonated.", True),
    ("Your ambition to grow the business really resonated with me.", False),
    ("Hearing about your plans for the Douro range was a real pleasure.", True),
    ("Hearing about your plans for the Acme team was a pleasure.", False),
    # a name passed over before one concrete word names the thing
    ("I was inspired by your account of how the Saturday pantry has grown.", True),
    ("Thank you for the Tuesday interview.", False),
])
def test_a_named_thing_counts_as_specific_without_a_record(sentence, specific):
    from followup.rules.content import _data, concrete_reference

    _, _, cue, generic = _data()
    assert concrete_reference(sentence, cue, generic) is specific


# the families a generic note is built from (models/content.yaml, from "offers" on): the
# close's offers, the hosting, the premises and the people served, how it struck the
# writer, what the job involves, particles and "-ly" adverbs; one concrete thing still counts
@pytest.mark.parametrize("sentence, specific", [
    ("Please do not hesitate to contact me should you need references.", False),
    ("I would be glad to send copies of my certificates whenever you need them.", False),
    ("I enjoyed meeting the pupils and the staff during my visit.", False),
    ("Your mission resonates with me, and the passion your people show for the cause is "
     "inspiring.", False),
    ("I came away seeing how closely my goals align with yours.", False),
    ("I enjoyed meeting everyone during my visit.", False),
    ("After our discussion I believe my strengths match what you need.", False),
    ("I am sure I could help grow your client base.", False),
    ("I loved hearing about the flexibility and trust you give your staff.", False),
    ("I enjoyed our discussion about my previous experience.", False),
    ("Thank you for interviewing me for the electrical apprenticeship.", False),
    ("I appreciated your openness about what the post involves.", False),
    ("You mentioned the switch from Trello to Jira for the design team.", True),
    # a tour, and newcomers the interviewer mentioned, are no stock: they happened here
    ("Thank you for showing me around the bakery on Thursday.", True),
    ("I would be glad to support the new starters you mentioned.", True),
    ("Your point about closing the books in five days stayed with me.", True),
    ("I enjoyed hearing about the weekly stock count in the cold store.", True),
    ("I enjoyed meeting the pupils who built the outdoor reading corner.", True),
])
def test_stock_families_and_one_concrete_thing(sentence, specific):
    test_a_named_thing_counts_as_specific_without_a_record(sentence, specific)


# issue 11, clean look-alikes and generic families: a plan with a date and a piece of work
# ("each roofing job") are specific; a post by its title ("as a support worker", "the
# graduate scheme"), newcomers in general, a tour of nothing and the close's offers are not
@pytest.mark.parametrize("sentence, specific", [
    ("Rolling out Salesforce to the field team by March is an ambitious timeline.", True),
    ("Moving the payroll to Xero before April sounds like a sensible plan.", True),
    ("Thank you for describing how your crew plans each roofing job together.", True),
    ("I could start work by March if offered the position.", False),
    ("I am keen to start at Acme Corporation by January.", False),
    # a plan the reader has, named after "the idea of", "the push to"
    ("The idea of a one-page brief signed by both sides seems a brilliant way to avoid "
     "scope creep.", True),
    ("I loved the idea of joining such a supportive team.", False),
    # a noun phrase goes on after "of"; one concrete word names which team; a story, and
    # what the writer came to know, are cues
    ("The queue of 300 planning applications is a challenge I would relish.", True),
    ("The 4 a.m. start for the sourdough team is impressive.", True),
    ("Hearing that half your engineers started as apprentices was inspiring.", True),
    ("I loved the story about the customer who returned a kayak after ten years.", True),
    ("Knowing that the team publishes its incident reviews openly makes me keen.", True),
    ("I was impressed by the importance of teamwork and the quality of training.", False),
    ("I appreciated learning about the structure of the department and the nature of the "
     "role.", False),
    ("I enjoyed learning about the depth of the questions.", False),
    ("I hope to hear from you before Christmas and would be glad to start in the spring.",
     False),
    ("I would be honoured to join the team as a support worker.", False),
    ("I remain very keen on the graduate scheme.", False),
    ("I was pleased to hear about the training and support you give apprentices.", False),
    ("Thank you for showing me around and for interviewing me for the staff nurse post.",
     False),
    ("Our meeting confirmed that a supervisory role with your company is the right one for "
     "me.", False),
])
def test_dated_plans_pieces_of_work_and_titles(sentence, specific):
    test_a_named_thing_counts_as_specific_without_a_record(sentence, specific)


@pytest.mark.parametrize("body", [
    "Thank you for making time in your week to talk with me about the logistics analyst "
    "role. After meeting you, I am certain my skills would be an asset to your team.",
    # the company's name, its virtues and its kind are in every form letter (issue 11)
    "Thank you for meeting me about the Data Analyst job. Our conversation confirmed my "
    "enthusiasm for the role and for Halvorsen Analytics.",
    "I was impressed by your team's commitment to innovation and customer satisfaction.",
    "I enjoyed learning about Acme's fast-paced, collaborative work environment.",
    "Thank you for the interview. I loved hearing about the cafe and the team. Please "
    "call me on 555-123-4567.",
    "Thank you for your time. I enjoyed hearing about the exciting challenges ahead for "
    "the team, and I am excited by the prospect of joining.",
])
def test_job_title_and_fit_are_not_a_specific_reference(lint_cli, write, body):
    assert "C001" in lint_codes(lint_cli, write, body)


# --- C002 on a reply to a rejection ----------------------------------------------------------

REJECTION_BODY = ("I understand your decision to move forward with another candidate. {thanks}"
                  "I enjoyed meeting the planning team and would welcome being considered for "
                  "future openings.")


def test_rejection_reply_without_thanks(lint_cli, write):
    got = lint_codes(lint_cli, write, REJECTION_BODY.format(thanks=""), kind="rejection-reply")
    assert list(got) == ["C002"]
    assert "reply to a rejection never thanks" in got["C002"][0]["message"]
    assert got["C002"][0]["suggestions"] == ["Thank you for letting me know"]


@pytest.mark.parametrize("thanks", ["Thank you for letting me know. ",
                                    "Thank you for the update. ",
                                    "Thank you for considering me. ",
                                    "I appreciate your taking the time to tell me. "])
def test_rejection_reply_that_thanks(lint_cli, write, thanks):
    got = lint_codes(lint_cli, write, REJECTION_BODY.format(thanks=thanks),
                     kind="rejection-reply")
    assert got == {}


def test_withdrawal_needs_no_thanks(lint_cli, write):
    body = ("I am writing to withdraw my application for the planning role, as I have accepted "
            "another position.\n\nI wish you and the team well.")
    assert lint_codes(lint_cli, write, body, kind="withdrawal") == {}


def test_rejection_reply_thanking_in_its_close(lint_cli, write):
    write("a.md", "---\nkind: rejection-reply\n---\n\nDear Nick,\n\nI understand your decision "
          "and wish the team well.\n\nThank you,\nJordan\n")
    result = lint_cli("a.md", "--select", "C002", "--format", "json")
    assert result.exit_code == 0, result.output
    assert findings(result) == []


def test_remembered_word_comparisons_answer_as_comparing_every_pair():
    """C001 compares each pair of words once per run; the answer stays the pairwise one,
    letter after letter, whatever was compared before."""
    import random

    from followup.rules.content import _close, _near_any

    rng = random.Random(5)
    vocabulary = ["forecast", "forecasts", "forcast", "planner", "planners", "plan", "shift",
                  "shifts", "conveyor", "conveyer", "merge", "merger", "volume", "holiday",
                  "robot", "robots", "packing", "package", "onboard", "onboarding"]
    for _ in range(300):
        stems = set(rng.sample(vocabulary, rng.randint(0, 8)))
        word = rng.choice(vocabulary)
        assert _near_any(word, stems) == any(_close(word, s) for s in stems)
