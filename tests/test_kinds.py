"""Letter kinds: front matter wins, else the weighed signs of the text."""

from __future__ import annotations

import pytest

from followup.kinds import infer_kind, infer_kind_of_text
from followup.source import read_document


@pytest.mark.parametrize(("text", "kind"), [
    ("Thank you for meeting with me on Friday. I enjoyed the tour.", "thank-you"),
    ("Thank you for taking the time to speak with me about the role.", "thank-you"),
    ("It was a pleasure to meet you yesterday.", "thank-you"),
    # a thank-you note that mentions next steps and updates is still one
    ("Thank you for the interview today.\n\nI look forward to an update on the hiring "
     "timeline.", "thank-you"),
    ("Thank you for the interview. I appreciate you considering me for the role.", "thank-you"),
    ("I am writing to follow up on my application for the analyst role. Is there any update "
     "on the hiring timeline?", "status-inquiry"),
    ("I wanted to check in on the status of my application.", "status-inquiry"),
    ("I have not yet heard back about the dispatcher role.", "status-inquiry"),
    ("Thank you for letting me know of your decision. Although I was not selected, I enjoyed "
     "meeting the team.", "rejection-reply"),
    ("I was disappointed to hear the news, but please keep me in mind for future roles.",
     "rejection-reply"),
    ("I understand you decided to move forward with another candidate.", "rejection-reply"),
    ("Would you be willing to serve as a reference for me? The recruiter may contact you.",
     "reference"),
    ("Thank you for agreeing to be my reference.", "reference"),
    ("Here is the form you asked for.", "other"),
    # thanks for what the reader did at the interview, without naming the interview
    ("Thank you for walking me through the release schedule.", "thank-you"),
    ("Thank you for explaining how your audit team samples client ledgers.", "thank-you"),
    ("Thank you for giving me the chance to tell you more about myself.", "thank-you"),
    ("I can't thank you enough for arranging the ride-along with the crew.", "thank-you"),
    ("Thank you for Friday's assessment day and the case study.", "thank-you"),
    ("Thank you for your email. Could we move the slot to 3 p.m.?", "other"),
    ("When we met you expected to decide by the 14th. I am writing to ask whether there is "
     "any update.", "status-inquiry"),
    ("You said the panel would decide last week, and I wanted to check whether there has "
     "been any news.", "status-inquiry"),
    # one adverb before the deed still thanks for it
    ("I regret arriving late. Thank you for still giving me the full hour to discuss the "
     "post.", "thank-you"),
    ("Thank you so much for kindly walking me through the editorial calendar.", "thank-you"),
    # writing again, or the decision date the reader gave, in the opening: a status inquiry
    ("I hope you don't mind me writing again. You mentioned that the library would confirm "
     "the appointments this month, and I wanted to reaffirm my interest.", "status-inquiry"),
    ("When we met, you said the panel would make a decision by the 14th, so I wanted to "
     "reaffirm my interest.", "status-inquiry"),
    ("Thank you for meeting me on Friday. You mentioned you would be in touch next week.",
     "thank-you"),
    # the post went to someone else
    ("Thank you for letting me know that the team has offered the Data Engineer role to "
     "another candidate.", "rejection-reply"),
    ("I understand you have gone with an internal candidate.", "rejection-reply"),
    # openings of real notes: thanks for a day, a pleasure, time appreciated, seeing me
    ("Many thanks for seeing me on Tuesday.", "thank-you"),
    ("Just a quick note to say thanks for Tuesday.", "thank-you"),
    ("What a pleasure it was to meet the team on Friday.", "thank-you"),
    ("I really appreciated your time this morning.", "thank-you"),
    ("Thank you for fitting me in at such short notice.", "thank-you"),
    ("Thank you for your email. Could we move the slot to Tuesday?", "other"),
    # asking after the decision, and a post filled or an outcome told
    ("I am writing to ask whether a decision has been reached on the analyst post.",
     "status-inquiry"),
    ("I'd be grateful for an update on the coordinator position when you have a moment.",
     "status-inquiry"),
    ("I understand the role has now been filled, and I wanted to thank you.",
     "rejection-reply"),
    ("Thank you for your email regarding the outcome of my interview.", "rejection-reply"),
    ("Thank you for telling me about your decision.", "rejection-reply"),
    ("Thank you for your email. I regret that the timing did not work out this time.",
     "rejection-reply"),
    ("Thank you for getting back to me about the role, even though it was not the news I "
     "hoped for.", "rejection-reply"),
    # documents sent in the plain present, before a thank-you line further down
    ("Ahead of the deadline you gave me, I attach the completed right-to-work form and scans "
     "of my degree certificate.\n\nI enjoyed our conversation on Monday.", "documents"),
])
def test_kind_from_text(text, kind):
    assert infer_kind_of_text(text) == kind


@pytest.mark.parametrize(("subject", "kind"), [
    ("Thank you - Packaging Manager interview", "thank-you"),
    ("Re: Following up on my application", "status-inquiry"),
    ("Reference request", "reference"),
])
def test_kind_from_subject(subject, kind):
    assert infer_kind_of_text("I hope you are well.", subject=subject) == kind


def test_front_matter_wins(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nkind: status-inquiry\n---\n\nDear Nick,\n\nThank you for the "
                    "interview.\n\nBest,\nJo\n", encoding="utf-8")
    assert infer_kind(read_document(str(path))) == ("status-inquiry", True)


def test_inferred_from_body_not_signature(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Dear Nick,\n\nThank you for meeting with me on Friday.\n\nBest,\nJo\n",
                    encoding="utf-8")
    assert infer_kind(read_document(str(path))) == ("thank-you", False)


def test_email_subject(tmp_path):
    path = tmp_path / "a.eml"
    path.write_text("From: jo@example.com\nTo: nick@acme.example\nSubject: Thank you\n\n"
                    "Dear Nick,\n\nI hope you are well.\n\nBest,\nJo\n", encoding="utf-8")
    assert infer_kind(read_document(str(path))) == ("thank-you", False)
