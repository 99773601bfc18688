"""T001, T003-T006: tone lexicons, with positive and negative cases for each rule."""

from __future__ import annotations

import pytest

from followup import lexicons
from followup.rules.tone import LEXICONS

from helpers import findings, tone_flagged

# --- T001 ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("I'm gonna read up on the conveyor line.", ["gonna"]),
    ("I wanna help with the holiday peak.", ["wanna"]),
    ("Thx for the tour.", ["Thx"]),
    ("Let me know if u need references.", ["u"]),
    ("The tour was awesome.", ["awesome"]),
    ("I am super excited about the role.", ["super excited"]),
    ("No worries about the late start.", ["No worries"]),
    ("Btw, I also speak Spanish.", ["Btw"]),
    ("The robots were so cool lol.", ["so cool", "lol"]),
    ("I loved meeting the team!!", ["!!"]),
    ("Who knew month-end could be fun?!", ["?!"]),
    ("I am SO grateful for the chance.", ["SO"]),
    ("THANK YOU AGAIN FOR EVERYTHING.", ["THANK YOU AGAIN FOR EVERYTHING"]),
])
def test_informal_flagged(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T001") == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("The code leans on Kotlin's !! operator in places.", []),
    ("Swift's `??` default was new to me.", []),
    ("I loved meeting the team !! See you soon.", ["!!"]),
    ("It was great !!", ["!!"]),
])
def test_doubled_marks_named_as_a_symbol_are_not_shouting(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T001") == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("I am training for the Leeds 10K next spring.", []),
    ("The refit came in under its £30k budget.", []),
    ("Ok k, I will send the form tonight.", ["k"]),
])
def test_a_letter_glued_to_a_number_is_a_unit_not_chat(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T001") == expected


def test_hey_greeting_and_cheers_signoff(lint_cli, write):
    got = tone_flagged(lint_cli, write, "Thank you for the tour.", "T001",
                       salutation="Hey Nick,", signoff="Cheers,\nJordan")
    assert got == ["Hey", "Cheers"]


def test_hiya_greeting(lint_cli, write):
    assert tone_flagged(lint_cli, write, "Thank you.", "T001", salutation="Hiya Nick,") == ["Hiya"]


@pytest.mark.parametrize("body", [
    "Thank you so much for the interview.",
    "I am excited about the role and very excited to hear more.",
    "Cheers to the whole team was the toast at the end of the tour.",
    "You said the team motto is \"no worries, just solutions\", which I loved.",
    "We discussed the HVAC retrofit, the ERP cut-over and the IT budget with the CFO.",
    "The NASA and IBM case studies were interesting.",
    "I can't wait to hear about the next steps.",
    "Please find my portfolio at https://example.com/u/jordan.",
])
def test_informal_clean(lint_cli, write, body):
    assert tone_flagged(lint_cli, write, body, "T001") == []


@pytest.mark.parametrize("salutation", ["Hi Nick,", "Dear Ms. Hey,", "Hello Ms. Hiya Sato,"])
def test_normal_greetings_and_names_that_look_like_slang(lint_cli, write, salutation):
    assert tone_flagged(lint_cli, write, "Thank you for the tour.", "T001",
                        salutation=salutation) == []


def test_informal_suggests_formal_wording(lint_cli, write):
    write("a.txt", "Dear Nick,\n\nI'm gonna read up on it.\n\nBest,\nJo\n")
    (finding,) = findings(lint_cli("a.txt", "--select", "T001", "--format", "json"))
    assert finding["suggestions"] == ["going to"]
    assert "spoken contraction" in finding["message"]


# --- T003 ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("I'm not sure I answered your question well.", ["I'm not sure I"]),
    ("I know I lack experience in forecasting.", ["I know I lack"]),
    ("I'm not very good at public speaking.", ["I'm not very good"]),
    ("Unfortunately I have never used SAP.", ["I have never used"]),
    ("Unfortunately I forgot the figures.", ["Unfortunately I"]),
    ("My old boss was impossible.", ["My old boss was impossible"]),
    ("I hope I didn't talk too much.", ["I hope I didn't"]),
    ("I don't think I explained it clearly.", ["I don't think I"]),
    ("I could have answered the staffing question better.",
     ["I could have answered the staffing question better"]),
])
def test_negative_flagged(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T003") == expected


@pytest.mark.parametrize("body", [
    "I can't wait to start.",
    "Please don't hesitate to contact me.",
    "It is not only fast but also safe.",
    "I will send the forms no later than Friday.",
    "Nothing would make me happier than joining the team.",
    "I'm not sure whether the role includes weekend shifts.",
    "My former manager was a great mentor.",
])
def test_positive_negation_clean(lint_cli, write, body):
    assert tone_flagged(lint_cli, write, body, "T003") == []


def test_plain_facts_in_a_rejection_reply(lint_cli, write):
    body = "Although I was not chosen, I enjoyed meeting you. Unfortunately I was not selected."
    assert tone_flagged(lint_cli, write, body, "T003", kind="rejection-reply") == []
    assert tone_flagged(lint_cli, write, body, "T003", kind="thank-you") == ["Unfortunately I"]


# --- T004 - T006 -----------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "body", "expected"), [
    ("T004", "Sorry to bother you again.", ["Sorry to bother"]),
    ("T004", "I apologize for following up.", ["I apologize for following"]),
    ("T004", "I hate to pester you.", ["I hate to pester"]),
    ("T004", "I know you are very busy.", ["I know you are very busy"]),
    ("T005", "I really need this job.", ["I really need this job"]),
    ("T005", "Please please consider me.", ["Please please"]),
    ("T005", "Let me know ASAP.", ["ASAP"]),
    ("T005", "I expect to hear from you by Friday.", ["expect to hear from you by Friday"]),
    ("T005", "I will call you tomorrow.", ["I will call you tomorrow"]),
    ("T005", "I need an answer by Monday.", ["need an answer by Monday"]),
    ("T006", "I sent flowers to your office.", ["I sent flowers"]),
    ("T006", "I added you on Facebook.", ["I added you on Facebook"]),
    ("T006", "Here are two tickets to the game.", ["two tickets to"]),
    ("T006", "I sent you a friend request.", ["friend request"]),
])
def test_apologetic_pushy_social_flagged(lint_cli, write, code, body, expected):
    assert tone_flagged(lint_cli, write, body, code, kind="status-inquiry") == expected


@pytest.mark.parametrize(("code", "body"), [
    ("T004", "Thank you for taking time out of your busy schedule."),
    ("T004", "I am writing to ask whether there is an update."),
    ("T004", "Your \"sorry to bother you\" study was fascinating."),
    ("T005", "I need to finish my notice period first, so I could start in January."),
    ("T005", "I will send the forms tomorrow."),
    ("T005", "I look forward to hearing from you."),
    ("T006", "I would be glad to connect on LinkedIn."),
    ("T006", "I closed 40 support tickets a week at Fernhill."),
    ("T006", "The Facebook ads campaign you described was clever."),
])
def test_apologetic_pushy_social_clean(lint_cli, write, code, body):
    assert tone_flagged(lint_cli, write, body, code, kind="status-inquiry") == []


@pytest.mark.parametrize("kind", ["thank-you", "status-inquiry", "reference",
                                  "rejection-reply", "other"])
def test_apology_and_pushiness_on_every_kind(lint_cli, write, kind):
    assert tone_flagged(lint_cli, write, "Sorry to bother you.", "T004", kind=kind)
    assert tone_flagged(lint_cli, write, "I really need this job.", "T005", kind=kind)


def test_signature_block_is_not_prose(lint_cli, write):
    assert tone_flagged(lint_cli, write, "Thank you.", "T001",
                        signoff="Best regards,\nJordan Lee\nAwesome Robotics Ltd") == []


# --- lexicons ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_entries_are_reviewed_data(name):
    lexicon = lexicons.compiled(name)
    for key, entry in lexicon.entries.items():
        assert entry.get("reason"), f"{key} needs a reason"
        assert "suggest" in entry, f"{key} needs a suggestion (empty if none)"


def test_lexicon_patterns_are_valid_spacy_matcher_patterns(lexicon_matcher):
    _, lexicon, matcher = lexicon_matcher  # built with validate=True: a bad pattern raises
    assert {e["lexicon"] for e in lexicon.entries.values()} == set(LEXICONS)
    left_out = [key for key in lexicon.entries if key not in matcher]  # validated on a sample
    assert len(left_out) < 12
    assert all(len(lexicons.entry_patterns(lexicon.entries[key])) > 15_000 for key in left_out)


def test_trie_finds_what_spacys_matcher_finds(lexicon_matcher):
    from pathlib import Path

    from spacy.util import filter_spans

    nlp, lexicon, matcher = lexicon_matcher
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "letters"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir())]
    texts.append("I'm not sure I answered well, sorry to bother you, I really need this job.")
    for doc in nlp.pipe(texts):
        ours = {(s, e) for _, s, e in lexicon.spans(doc, lambda k, s, e: k in matcher)}
        spans = []
        for match_id, s, e in matcher(doc):
            span = doc[s:e]
            span.label_ = lexicon.entries[nlp.vocab.strings[match_id]]["lexicon"]
            spans.append(span)
        theirs = set()
        for name in LEXICONS:
            theirs |= {(s.start, s.end) for s in filter_spans([x for x in spans
                                                               if x.label_ == name])}
        assert ours == theirs, doc.text[:80]


def test_phrase_syntax():
    patterns = lexicons.phrase_patterns("i * lack|miss to_hear")
    assert {"OP": "?"} in patterns[0]
    assert len(patterns) == 1
    assert patterns[0][-2:] == [{"NORM": "to"}, {"NORM": "hear"}]
    assert lexicons.phrase_patterns("I'm")[0] == [{"NORM": "i"}, {"NORM": "am"}]


# --- families beyond the corpus (issue 11): own phrasings, not the sentences ---------

@pytest.mark.parametrize(("code", "body", "expected"), [
    ("T004", "I must apologise for my late reply.", ["I must apologise"]),
    ("T004", "Please pardon the delay in writing.", ["Please pardon the delay"]),
    ("T004", "I am really sorry for missing your call.", ["I am really sorry for missing"]),
    ("T004", "My sincere apologies for the confusion about the time.", ["My sincere apologies"]),
    ("T005", "I badly need this to work out.", ["I badly need"]),
    ("T005", "It would mean the world to me to join.", ["It would mean the world to me"]),
    ("T005", "Could you tell me by Tuesday where I stand?", ["you tell me by Tuesday"]),
    ("T005", "I demand a reply.", ["I demand a reply"]),
    ("T005", "I know it has only been a day, but is there news?", ["I know it has only been"]),
    ("T003", "I got really flustered during the case study.", ["I got really flustered"]),
    ("T003", "I rambled on the budget question.", ["I rambled"]),
    ("T003", "My old company was a total nightmare.", ["My old company was a total nightmare"]),
    ("T003", "The lobby was freezing and the receptionist was rude.",
     ["The lobby was freezing", "the receptionist was rude"]),
    ("T001", "Hehe, the robot dance was fun.", ["Hehe"]),
    ("T001", "The crew had good vibes.", ["good vibes"]),
    ("T001", "Your team was super welcoming.", ["super welcoming"]),
    ("T006", "I followed you on TikTok.", ["I followed you on TikTok"]),
    ("T006", "A Starbucks card is on its way to you.", ["Starbucks card"]),
])
def test_families_flagged(lint_cli, write, code, body, expected):
    assert tone_flagged(lint_cli, write, body, code) == expected


@pytest.mark.parametrize("body", [
    "I was sorry to learn that your manager is retiring.",
    "The client apologized and we fixed the invoice together.",
    "Peak season is a desperate scramble for most carriers.",
    "It was no trouble to get to your office by train.",
    "Your clear onboarding plan is a gift to new hires.",
    "I cannot thank you enough for the tour.",
    "I will send the certificates by Friday.",
    "I expect to finish my certification in March.",
    "I stumbled upon your engineering blog last year.",
    "The cold room was chilled to four degrees.",
    "The Super Bowl campaign you described was clever.",
    "The DM for the northern region joined the call.",
    "I enjoyed your Instagram campaign for the spring line.",
    "Do you expect to make a decision this month?",
    "I have received another offer, but your role remains my first choice.",
    "The parking was easy and the office was bright.",
])
def test_family_look_alikes_clean(lint_cli, write, body):
    for code in ("T001", "T003", "T004", "T005", "T006"):
        assert tone_flagged(lint_cli, write, body, code) == [], code


# --- t56 (session 4): families by who does what to whom, and their look-alikes -------------

@pytest.mark.parametrize(("code", "body", "expected"), [
    ("T005", "I'll give you a ring on Monday to see where things stand.",
     ["I'll give you a ring"]),
    ("T005", "I'll swing by the office next week.", ["I'll swing by the office next week"]),
    ("T005", "Several other firms are interested in me.",
     ["Several other firms are interested in me"]),
    ("T005", "If nothing comes soon, I will have to accept elsewhere.",
     ["have to accept elsewhere"]),
    ("T005", "I am counting on getting this position.", ["counting on getting this position"]),
    ("T005", "I'm checking in again about the decision.", ["checking in again"]),
    ("T005", "See you on my first day!", ["See you on my first day"]),
    ("T006", "I followed you on X after the interview.", ["followed you on X"]),
    ("T006", "I'd love to treat the team to pizza.", ["I'd love to treat the team to pizza"]),
])
def test_session4_families_flagged(lint_cli, write, code, body, expected):
    assert tone_flagged(lint_cli, write, body, code) == expected


@pytest.mark.parametrize("body", [
    "You said you would decide by Friday, which suits me.",
    "The panel said they would let me know by Friday.",
    "As you asked, I will call on Thursday.",
    "I will call your office on Thursday, as you asked.",
    "Your gift-card platform is impressive.",
    "The Instagram campaign your team ran was clever.",
    "Your food-safety training impressed me.",
    "I can't thank you enough.",
    "There is a desperate need for housing in the city.",
    "I have received another offer, so I would be grateful to know your timeline.",
    "When I started at Northwind, I rebuilt the rota.",
    "We sold gift cards and vouchers at the front desk.",
])
def test_session4_look_alikes_clean(lint_cli, write, body):
    for code in ("T005", "T006"):
        assert tone_flagged(lint_cli, write, body, code) == [], code


def test_suggestion_keeps_a_sentence_initial_capital(lint_cli, write):
    write("a.txt", "Dear Nick,\n\nThx again for the tour.\n\nBest,\nJo\n")
    (finding,) = findings(lint_cli("a.txt", "--select", "T001", "--format", "json"))
    assert finding["suggestions"] == ["Thank you"]


def test_no_suggestion_that_breaks_the_sentence(lint_cli, write):
    write("a.txt", "Dear Nick,\n\nI'm not sure I did great on the forecast. I am super keen "
          "on the role.\n\nBest,\nJo\n")
    result = findings(lint_cli("a.txt", "--select", "T001,T003", "--format", "json"))
    assert result and all(f["suggestions"] == [] for f in result)


# --- issue 11 (tinf): Title Case inside a sentence, sentence-bounded gaps, unless_inside ---

@pytest.mark.parametrize(("body", "expected"), [
    ("I am Really Excited About This Opportunity, especially the rewires.",
     ["Really Excited About This Opportunity"]),
    ("I applied through the Department for Work and Pensions scheme.", []),
    ("I worked at the Royal Bank Of Scotland for two years.", []),
    ("I have completed my Care Certificate and my Level 2 Diploma In Health.", []),
])
def test_title_case_run_inside_a_sentence(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T001") == expected


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("I tagged you in a post about our conversation on TikTok.",
                 ["I tagged you in a post about our conversation on TikTok"], id="long-gap"),
    # a long gap (`...6`) never runs over the end of a sentence
    pytest.param("I enjoyed meeting you. Our team also posts updates on Instagram.", [],
                 id="long-gap-stays-in-its-sentence"),
    pytest.param("I sent a small plant to your office as thanks.",
                 ["sent a small plant to your office as thanks"], id="unless-inside"),
    pytest.param("I am sending this note as a small thank you for your time.", [],
                 id="unless-inside-drops-the-letter-itself"),
])
def test_an_entry_keeps_within_its_limits(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T006") == expected


def test_a_long_gap_is_a_run_of_optional_words() -> None:
    (slot,) = lexicons.phrase_slots("...6")
    assert slot == [[{"OP": "?"}] * 6]


def test_a_match_never_runs_from_one_sentence_into_the_next(lint_cli, write):
    """The verdict is the second sentence's: the finding starts where that sentence does."""
    body = ("Thank you for the interview for the analyst role. Your receptionist was quite "
            "rude, but I enjoyed our talk about the audit plan.")
    assert tone_flagged(lint_cli, write, body, "T003") == ["Your receptionist was quite rude"]


# --- session 16: what a phrase match is inside its sentence ----------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    # an abbreviation the words before its bracket spell out is a name, not laughter
    ("Our team built a coaching tool for League of Legends (LoL) players.", []),
    ("The panel was great (lol) and so was the coffee.", ["(lol)"]),
])
def test_a_defined_abbreviation_is_a_name(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T001") == expected


@pytest.mark.parametrize(("body", "expected"), [
    # "your_plans" in `unless_in_sentence` is a run of words: the reader's plans silence a
    # deadline, the writer's own do not
    ("I would be grateful for your decision by Friday, as I would like to settle my plans.",
     ["grateful for your decision by Friday"]),
    ("As you plan to decide by Friday, I will wait until then.", []),
    # a nested list spreads: the shared reader words plus the entry's own
    ("I will send the references by Friday at the latest.", []),
])
def test_unless_in_sentence_runs_and_nested_lists(lint_cli, write, body, expected):
    assert tone_flagged(lint_cli, write, body, "T005") == expected
