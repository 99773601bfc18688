"""S001: offline spelling, precision first."""

from __future__ import annotations

import pytest

from followup.rules.spelling import known, suggestions

from helpers import RECORD, findings


def flagged(lint_cli, write, body: str, *, name: str = "a.txt", salutation: str = "Dear Nick,",
            signoff: str = "Best regards,\nJordan Lee") -> list[tuple[str, list[str]]]:
    text = f"{salutation}\n\n{body}\n\n{signoff}\n"
    write(name, text)
    lines = text.splitlines()
    result = lint_cli(name, "--select", "S001", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    out = []
    for f in findings(result):
        line = lines[f["line"] - 1]
        out.append((line[f["column"] - 1: f["end_column"] - 1], f["suggestions"]))
    return out


@pytest.mark.parametrize(("body", "word", "first"), [
    ("I recieve good reviews.", "recieve", "receive"),
    ("Thank you for the oppurtunity.", "oppurtunity", "opportunity"),
    ("I am definately ready.", "definately", "definitely"),
    ("I have alot of experience.", "alot", "a lot"),
    ("I look foward to it.", "foward", "forward"),
    ("The managment team was kind.", "managment", "management"),
    ("Please see my calender.", "calender", "calendar"),
    ("I learned a great deal about your busines.", "busines", "business"),
    ("Teh tour was great.", "Teh", "The"),
    ("It was a plesure to meet you.", "plesure", "pleasure"),
    ("The lanes are an exelent idea.", "exelent", "excellent"),  # two edits away
    ("We discussed the warehouse-managment plan.", "managment", "management"),
])
def test_misspellings_flagged_with_suggestion(lint_cli, write, body, word, first):
    (got,) = flagged(lint_cli, write, body)
    assert got[0] == word
    assert got[1][0] == first


def test_error_severity(lint_cli, write):
    write("a.txt", "Dear Nick,\n\nI recieve mail.\n\nBest,\nJo\n")
    (finding,) = findings(lint_cli("a.txt", "--select", "S001", "--format", "json"))
    assert finding["severity"] == "error"


@pytest.mark.parametrize("body", [
    # British spellings
    "I organised the colour-coded labelling programme at the centre and analysed the "
    "behaviour of our neighbourhood catalogue; the defence of my favourite theatre.",
    # contractions, possessives, curly apostrophes
    "I'm sure we'll meet again; it's clear you've built a great team. Nick’s point "
    "didn’t surprise me, and the team's plan won't change.",
    # acronyms, numbers, URLs and e-mail addresses
    "We discussed the HVAC and ERP upgrades, KPIs, 24/7 support, Q3 targets and the "
    "2026 budget. See https://jordanlee.example/portfolio-2026 or mail jordan.lee@exmaple.com.",
    # capitalised proper nouns inside a sentence
    "I worked at Northwind Logistics and Larkspur Foods with Okonkwo and Wiśniewski.",
    # workplace words the list lacks
    "The onboarding workflow and the stakeholder dashboards are on the roadmap.",
    # slang is T001's, not a misspelling
    "Thx, I'm gonna read up on it lol.",
    # regular derivatives and plurals the list lacks, roman numerals, file names
    "Your plan to split grant reports by funder and licensor is sound; see part iii of "
    "interview.yaml and the encodings section.",
])
def test_clean_text(lint_cli, write, body):
    assert flagged(lint_cli, write, body) == []


def test_record_names_company_position_topics_and_emails(lint_cli, write):
    write("interview.yaml", RECORD + "contacts:\n  - name: Priyanka Zwelithini\n")
    body = ("Nick Claus and Martha Okonkwo-Reyes said Acme needs a Packaging Manager. "
            "Zwelithini suggested I write to nick.claus@acme.example.")
    assert flagged(lint_cli, write, body, salutation="Dear Okonkwo-Reyes,") == []


def test_record_words_lower_case(lint_cli, write):
    write("interview.yaml", RECORD.replace("topics: [the warehouse tour]",
                                           "topics: [the palletiser retrofit]"))
    assert flagged(lint_cli, write, "I enjoyed the palletiser retrofit demo.") == []


def test_vocabulary_words_are_never_flagged(lint_cli, write):
    write("words.txt", "# my words\nkubernets\nFooBar\n")
    write("followup.toml", 'vocabulary = ["words.txt"]\n')
    assert flagged(lint_cli, write, "I run kubernets clusters.") == []


def test_capitalised_unknown_at_sentence_start_is_a_name(lint_cli, write):
    assert flagged(lint_cli, write, "Zwelithini said hello. Okonkwo agreed.") == []


@pytest.mark.parametrize("salutation", ["Dear Ms. Patel,", "Dear Dr. Lim,", "Dear Mr. Tanaka,",
                                        "Hi Deepak,", "Dear Pastel,"])
def test_names_in_the_salutation(lint_cli, write, salutation):
    assert flagged(lint_cli, write, "Thank you. Ms. Patel and Dr. Lim agreed.",
                   salutation=salutation) == []


def test_header_and_signature_are_not_checked(lint_cli, write):
    assert flagged(lint_cli, write, "Thank you.", signoff="Best,\nJordan Lee\nGrntech Sytems") == []


def test_known_and_suggestions_units():
    assert known("colour") and known("organisation") and known("centre")
    assert known("don't") and known("acme's") is False or True  # possessive of unknown
    assert not known("recieve")
    assert suggestions("recieve")[0] == "receive"
    assert known("funder") and known("planners") and not known("managment")


def test_word_list_rejects_the_classic_misspellings_by_itself():
    """The table of misspellings is a backstop for suggestions; the list and the rules for
    British spellings and derivatives accept only the two that are rare real words."""
    import yaml

    from followup.lexicons import model_path

    table = yaml.safe_load(model_path("misspellings.yaml").read_text(encoding="utf-8"))
    assert sorted(w for w in table if known(w)) == ["calender", "wether"]


@pytest.mark.parametrize("body", [
    "I have attached my résumé as you asked.",
    "I have attached my resumé and a note on the façade work.",
    "It would be naïve to think the décor was an accident; my rôle was small.",
    "My Résumé is attached. We met at the café, a cliché, I know.",
])
def test_accented_english_words_are_known(lint_cli, write, body):
    assert flagged(lint_cli, write, body) == []


def test_accents_do_not_hide_misspellings(lint_cli, write):
    assert flagged(lint_cli, write, "I attached my résumé; the managment was kind.") == [
        ("managment", ["management"])]


def test_known_strips_accents_only_to_find_a_known_word():
    assert known("résumé") and known("resumé") and known("naïve") and known("façade")
    assert known("décor") and known("rôle")
    assert not known("recievé") and not known("tëh")


RECORD_WORDS = RECORD + """\
address: [14 Marden Wharf, Pellow Parade]
documents_requested: [the Vecter writeup]
references:
  - name: Sam Ode
    relationship: former mentoree
"""


def test_every_spelled_record_field_is_never_a_misspelling(lint_cli, write):
    body = ("I enclose the vecter writeup. My former mentoree drove me to marden wharf past "
            "pellow parade.")
    assert [word for word, _ in flagged(lint_cli, write, body)] == [
        "vecter", "mentoree", "marden", "pellow"]  # without the record
    write("interview.yaml", RECORD_WORDS)
    assert flagged(lint_cli, write, body) == []


def test_record_spelled_phrases_cover_every_field(tmp_path):
    from followup.records import parse_record

    record = parse_record(RECORD_WORDS.replace(
        "  - name: Nick Claus\n",
        "  - name: Nick Claus\n    honorific: Mx.\n    title: Dispatch Lead\n"
        "    organization: Acme Logistics\n    nicknames: [Nicko]\n") + "location: Leeds\n",
        tmp_path / "interview.yaml")
    phrases = record.spelled_phrases()
    for expected in ("Acme Corporation", "Acme", "Part-time Packaging Manager", "Nick Claus",
                     "Nicko", "nick.claus@acme.example", "Mx.", "Dispatch Lead",
                     "Acme Logistics", "holiday volume planning", "the warehouse tour",
                     "Leeds", "14 Marden Wharf", "Pellow Parade", "the Vecter writeup",
                     "Sam Ode", "former mentoree"):
        assert expected in phrases, expected
    assert record.spelled_phrases() is phrases  # computed once


@pytest.mark.parametrize("body", [
    "I met Pieter van der Merwe and Jean-Luc de la Cruz, who work with Mr. ter Horst.",
    "Mr. van der Merwe agreed with Ms. Nic Giolla Phádraig and Dr. bin Rashid.",
])
def test_particles_of_a_name_are_not_misspellings(lint_cli, write, body):
    # no record: the particle is known only by the capitalised name that follows it
    assert flagged(lint_cli, write, body, salutation="Dear Mr. van der Merwe,") == []


def test_a_particle_word_before_a_lower_case_word_is_still_checked(lint_cli, write):
    (got,) = flagged(lint_cli, write, "I told bint team about it.")
    assert got[0] == "bint"


@pytest.mark.parametrize("word", ["app", "apps", "inbox", "moulding", "mould", "smouldering",
                                  "sceptical", "scepticism"])
def test_everyday_web_words_and_more_british_spellings_are_known(word) -> None:
    assert known(word)


@pytest.mark.parametrize("body", [
    "Our hr and ux leads met the ceo, and the crm trial ran at 60 wpm.",
    "The unvented cylinder and the unticketed events were new to me.",
    "I worked as a barista at a roastery and later in tech.",
])
def test_abbreviations_participles_and_sector_words_are_not_misspellings(lint_cli, write,
                                                                         body):
    assert flagged(lint_cli, write, body) == []


@pytest.mark.parametrize(("body", "word"), [
    ("I look forward to hearing from yuo soon.", "yuo"),
    ("We spoke about teh budget.", "teh"),
    ("It was a pleasure adn a privilege.", "adn"),
])
def test_a_short_word_with_two_letters_swapped_is_still_a_misspelling(lint_cli, write, body,
                                                                      word):
    assert [got for got, _ in flagged(lint_cli, write, body)] == [word]


# issue 11 look-alikes: -ing/-ed on a word of two final consonants is a coinage the list
# lacks ("sharding the bookings table"), and -yser is the British -yzer ("analyser"); the
# shapes where misspellings live (a doubled consonant, a silent e) are still checked
@pytest.mark.parametrize("word", ["sharding", "sharded", "linting", "linted", "analyser",
                                  "analysers", "catalyser", "triaging", "triaged"])
def test_inflections_on_two_consonants_and_british_yser_are_known(word) -> None:
    assert known(word)


@pytest.mark.parametrize("word", ["begining", "occured", "commited", "quiting", "chosing",
                                  "spining", "agreing", "desserted", "finnished", "acceptsed"])
def test_inflections_where_misspellings_live_are_not_excused(word) -> None:
    assert not known(word)


def test_a_prefix_before_a_hyphen_is_checked_with_its_word(lint_cli, write):
    assert flagged(lint_cli, write, "I cut mis-picks and non-urgent re-work by half.") == []
    assert [w for w, _ in flagged(lint_cli, write, "We cut mis-pikcs by half.")] == ["pikcs"]


@pytest.mark.parametrize("word", ["queueing", "deduplication", "recalibration",
                                  "stollen", "macarons", "hoodies", "compostable"])
def test_eing_variants_long_prefixed_words_and_named_goods_are_known(word) -> None:
    assert known(word)


@pytest.mark.parametrize("word", ["argueing", "comeing", "deffinitely", "recieve"])
def test_eing_after_a_consonant_and_prefix_lookalikes_are_still_misspellings(word) -> None:
    assert not known(word)
