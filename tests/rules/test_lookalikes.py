"""Clean look-alikes (issue 11): sentences that share words with a tone fault but are not
one, each inside an otherwise good thank-you note, linted with every offline rule. A
warning on a good letter is a defect, so each family is pinned here with the faults it
must still catch."""

from __future__ import annotations

import pytest

from helpers import findings

SPECIFIC = "I enjoyed hearing how your team cut dock wait times at the Denver site last spring."


def _note(sentence: str) -> str:
    return ("---\nkind: thank-you\n---\n\nDear Ms. Rivera,\n\n"
            f"{sentence} {SPECIFIC}\n\nI am very interested in the role. Thank you again for "
            "your time.\n\nBest regards,\nJordan Lee\n")


def _codes(lint_cli, write, sentence: str) -> set[str]:
    write("note.md", _note(sentence))
    result = lint_cli("note.md", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {f["code"] for f in findings(result) if f["severity"] in ("warning", "error")}


@pytest.mark.parametrize("sentence", [
    # a gift the writer received is a story, not a gift to the reader (T006)
    "My team gave me a small present when I left.",
    "I was given a small present by my colleagues when I retired from the board.",
    "The children bought me a little present on my last day.",
    "I received a small gift from my manager when I moved on.",
    "When I left the practice, I was given a box of chocolates by the patients.",
    "My mentor sent me a bottle of wine when I qualified.",
    "My old team got me a gift card when I left.",
    "We were each given a small token of appreciation after the audit.",
    "The gift of a clear process is rare, and yours was clear.",
    "Your team's fruit sorting line was fascinating.",
    # the reader's apology is not the writer's (T004)
    "Your apology for the late start was not needed.",
    "Thank you for your apology about the room change, which was no trouble at all.",
    "Your apologies about the short slot were quite unnecessary.",
    "The receptionist's apology for the wait was kind.",
    "Their apologies for the delay were gracious.",
    # words of the new families in their plain senses
    "The office overlooks the river, which I loved.",
    "My bad knee did not stop me enjoying the tour.",
    "The building was gutted and rebuilt in 2019, you said.",
    "I said I was sorry to hear it, and I meant it.",
    "I would love to come to your product launch.",
    "I was pleased to come to the opening of your new depot.",
    "The TA for the module was helpful.",
    # a gap met with a step already taken (dev23)
    "Although I have not used Power BI at work, I completed the vendor's course in May.",
    # habits, efforts and plain comparisons beside the session-21 families
    "When I start on the ward each morning, I read the handover notes first.",
    "I tried the new booking app on Monday and again on Friday, and it was quick both times.",
    "I gave up my evenings last winter to study for the CPA exams.",
])
def test_lookalike_is_clean(lint_cli, write, sentence):
    assert _codes(lint_cli, write, sentence) == set()


@pytest.mark.parametrize(("sentence", "code"), [
    ("I would like to send you a small present to say thank you.", "T006"),
    ("I have given you a small present to thank you.", "T006"),
    ("I left a small gift at reception for you.", "T006"),
    ("Some flowers have been sent to the ward.", "T006"),
    ("You should have received a small gift from me by now.", "T006"),
    ("My apologies for the late start.", "T004"),
    ("Thank you for your patience, and apologies for the delay.", "T004"),
    ("Again, my apologies that the video link failed.", "T004"),
    # wider families (issue 11): looking past the writer's fault, sorry once more, sorry
    # for the note itself, a trailing sorry; slang for the writer's feeling or fault; the
    # reader invited to the writer's own event
    ("I hope you can overlook my late arrival.", "T004"),
    ("Sorry once more for the confusion over the start time.", "T004"),
    ("I'm sorry this note is a bit late.", "T004"),
    ("I really should have prepared better, sorry.", "T004"),
    ("Ta very much for your time.", "T001"),
    ("My bad for the wrong file earlier.", "T001"),
    ("I was gutted to miss the site visit.", "T001"),
    ("Would you like to come to the opening of my exhibition next month?", "T006"),
    ("You should come along to our launch party on Friday.", "T006"),
    # the gap without the step is still one
    ("Although I have not used Power BI at work, I learn fast.", "T003"),
])
def test_fault_beside_the_lookalike_still_found(lint_cli, write, sentence, code):
    assert code in _codes(lint_cli, write, sentence)


def test_cheers_to_ones_own_referee_is_their_shared_register(lint_cli, write):
    heads_up = ("Hi Mark,\n\nQuick heads-up: Delta Services may contact you this week about my "
                "application. Thanks again for agreeing to be a reference.\n\nCheers,\nSam\n")
    write("ref.md", heads_up)
    assert "T001" not in {f["code"] for f in findings(lint_cli("ref.md", "--format", "json"))}
    write("ty.md", _note("").replace("Best regards,", "Cheers,"))
    assert "T001" in {f["code"] for f in findings(lint_cli("ty.md", "--format", "json"))}


def test_a_thank_you_note_that_thanks_in_its_close(lint_cli, write):
    """"Many thanks," closing a note that says it was a pleasure to meet thanks the reader
    (C002 counts the sign-off, as for a reply to a rejection)."""
    write("a.md", "---\nkind: thank-you\n---\n\nDear Aisha,\n\nIt was a pleasure meeting you "
          f"yesterday. {SPECIFIC}\n\nI am very interested in the role.\n\nMany thanks,\n"
          "Pablo\n")
    assert "C002" not in {f["code"] for f in findings(lint_cli("a.md", "--format", "json"))}
    write("b.md", "---\nkind: thank-you\n---\n\nDear Aisha,\n\nIt was a pleasure meeting you "
          f"yesterday. {SPECIFIC}\n\nBest regards,\nPablo\n")
    assert "C002" in {f["code"] for f in findings(lint_cli("b.md", "--format", "json"))}
