"""N001-N006: names and companies against the interview record, through the real linter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from followup.config import Config
from followup.findings import Finding, Severity
from followup.linter import LintRequest, lint
from followup.records import Contact
from followup.rules.names import compare, fold, name_parts

RECORD = """\
company: Acme Corporation
company_aliases: [Acme]
position: Part-time Packaging Manager
interview_date: 2026-11-20T10:00
interviewers:
  - name: Catherine Smyth
    honorific: Ms.
    email: catherine.smyth@acme.example
  - name: Nick Claus
    honorific: Mr.
    nicknames: [Nicky]
    email: nick.claus@acme.example
  - name: Martha Okonkwo-Reyes
    honorific: Ms.
    email: martha.okonkwo-reyes@acme.example
contacts:
  - name: José Núñez
    honorific: Dr.
  - name: Anna van der Berg
  - name: Siobhán O'Brien
  - name: María de la Cruz
  - name: Hope Grant
  - name: Rich Young
  - name: Will Baker
  - name: Grant Wood
  - name: Ruairí McDonald
  - name: Zoë Saldaña-Ortiz
    honorific: Mx.
  - name: J. R. Martínez
  - name: John Park
  - name: William Hart
  - name: Nguyễn Thị Minh
  - name: Łukasz Wąsowski
"""

GLOBEX = """\
company: Globex Corporation
company_aliases: [Globex]
position: Supply Chain Analyst
interview_date: 2026-11-17T14:00
interviewers:
  - name: Renée Laurent
    email: renee.laurent@globex.example
"""


def letter(salutation: str, body: str = "Thank you for the interview today.") -> str:
    return f"{salutation}\n\n{body}\n\nBest regards,\nJordan Lee\n"


def run(tmp_path: Path, files: dict[str, str], select: tuple[str, ...] = ("N",),
        paths: tuple[str, ...] = (".",)) -> list[Finding]:
    for relative, content in files.items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    result = lint(LintRequest(paths=[str(tmp_path / p) for p in paths], config=Config(),
                              select=list(select), today=date(2026, 11, 20), grammar="off"))
    assert not result.errors, result.errors
    return result.findings


def one_letter(tmp_path: Path, text: str, select: tuple[str, ...] = ("N",),
               name: str = "note.txt") -> list[Finding]:
    return run(tmp_path, {"acme/interview.yaml": RECORD, f"acme/{name}": text}, select)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# --- N001 name-misspelled ---------------------------------------------------------------

CLEAN_SALUTATIONS = [
    "Dear Ms. Okonkwo-Reyes,",  # hyphen
    "Dear Ms. Smyth,",
    "Dear Catherine,",
    "Dear Ms. O'Brien,",  # apostrophe
    "Dear Ms. O’Brien,",  # typographic apostrophe
    "Dear Siobhán,",  # diacritic
    "Dear Ms. van der Berg,",  # particles
    "Dear Ms. Van der Berg,",  # capitalised particle without a first name
    "Dear Anna van der Berg,",
    "Dear Ms. de la Cruz,",
    "Dear María de la Cruz,",
    "Dear Dr. Núñez,",  # title
    "Dear Dr. Núñez,",
    "Dear Mx. Saldaña-Ortiz,",  # gender-neutral title, tilde, hyphen
    "Dear Zoë,",
    "Dear J. R. Martínez,",  # initials
    "Dear Mr. Martínez,",
    "Dear Hope,",  # names that are also common words
    "Dear Ms. Grant,",
    "Hi Rich,",
    "Dear Will,",
    "Dear Grant,",
    "Hi Nicky,",  # recorded nickname
    "Dear Nick,",
    "Dear Mr. McDonald,",
    "Dear Ruairí,",
    "Dear Nguyễn Thị Minh,",
    "Dear Mr. Wąsowski,",
    "Dear Łukasz,",
    "Martha,",  # a name-only salutation
    "Good morning Ms. Okonkwo-Reyes,",
]


@pytest.mark.parametrize("salutation", CLEAN_SALUTATIONS)
def test_correct_names_are_never_flagged(tmp_path: Path, salutation: str) -> None:
    assert one_letter(tmp_path, letter(salutation)) == []


CLEAN_BODIES = [
    "I will grant that the schedule is tight, and I hope to hear from you soon.",
    "Will you let me know if I can send anything else? Grant me one more thought.",
    "Hope you had a good weekend. Rich detail made the tour memorable.",
    "I enjoyed meeting Catherine Smyth and Martha Okonkwo-Reyes on the tour.",
    "Please thank Ms. O'Brien and Dr. Núñez for their time, and Anna van der Berg too.",
    "Siobhán O'Brien's walkthrough of the line was the highlight.",
    "Hope Grant and Will Baker showed me the new conveyor line at Acme Corporation.",
    "I would love to help Acme, and Acme's team, make the same move.",
    "The acme of my career so far was the Northwind Logistics project.",
    "Thank you, Nick, and please pass my thanks to Nicky's team.",
]


@pytest.mark.parametrize("body", CLEAN_BODIES)
def test_common_words_and_correct_names_in_the_body(tmp_path: Path, body: str) -> None:
    assert one_letter(tmp_path, letter("Dear Ms. Smyth,", body)) == []


MISSPELLED = [
    ("Dear Ms. Okonkwo-Reyse,", "Okonkwo-Reyse", "Okonkwo-Reyes"),
    ("Dear Katherine,", "Katherine", "Catherine"),
    ("Dear Ms. Smith,", "Smith", "Smyth"),
    ("Dear Jon,", "Jon", "John"),
    ("Dear Jose,", "Jose", "José"),
    ("Dear Dr. Nunez,", "Nunez", "Núñez"),
    ("Dear Zoe,", "Zoe", "Zoë"),
    ("Dear Mr. Mcdonald,", "Mcdonald", "McDonald"),
    ("Dear Ms. O'Brian,", "O'Brian", "O'Brien"),
    ("Dear Ms. Obrien,", "Obrien", "O'Brien"),
    ("Dear Siobhan,", "Siobhan", "Siobhán"),
    ("Dear Ms. van der Burg,", "Burg", "Berg"),
    ("Dear Hope Grnat,", "Grnat", "Grant"),
    ("Dear Mr. Wasowski,", "Wasowski", "Wąsowski"),
    ("Dear Mr. Claws,", "Claws", "Claus"),
    ("Hi Nik,", "Nik", "Nick"),
    ("Dear MARTHA,", "MARTHA", "Martha"),
]


@pytest.mark.parametrize(("salutation", "written", "right"), MISSPELLED)
def test_misspelled_names_in_the_salutation(tmp_path: Path, salutation: str, written: str,
                                            right: str) -> None:
    findings = one_letter(tmp_path, letter(salutation))
    assert codes(findings) == ["N001"], findings
    finding = findings[0]
    assert finding.suggestions == (right,)
    assert f"'{written}'" in finding.message and f"'{right}'" in finding.message
    assert finding.line == 1
    assert salutation[finding.column - 1: finding.end_column - 1] == written


def test_message_says_what_to_change_and_what_the_record_holds(tmp_path: Path) -> None:
    [finding] = one_letter(tmp_path, letter("Dear Ms. Smith,"))
    assert finding.message == ("'Smith' differs from the recorded name 'Catherine Smyth'; "
                               "did you mean 'Smyth'?")
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize(("body", "written", "right"), [
    ("I enjoyed meeting Catherine Smith on the tour.", "Smith", "Smyth"),  # next to a name
    ("I enjoyed meeting Katherine Smyth on the tour.", "Katherine", "Catherine"),
    ("I enjoyed meeting Katherine Smith on the tour.", "Katherine", "Catherine"),  # full name
    ("Please thank Dr. Nunez for his time.", "Nunez", "Núñez"),  # after a title
    ("The tour with Ms. Okonkwo-Reyse was the highlight.", "Okonkwo-Reyse", "Okonkwo-Reyes"),
    ("I spoke with Okonkow about the line.", "Okonkow", "Okonkwo"),  # a lone non-word
    ("I also met Mr. Mcdonald briefly.", "Mcdonald", "McDonald"),
])
def test_misspelled_names_in_the_body(tmp_path: Path, body: str, written: str,
                                      right: str) -> None:
    findings = [f for f in one_letter(tmp_path, letter("Dear Ms. Smyth,", body))
                if f.code == "N001"]
    assert [s for f in findings for s in f.suggestions][:1] == [right], findings
    assert f"'{written}'" in findings[0].message


def test_the_to_display_name_is_checked(tmp_path: Path) -> None:
    eml = ("From: Jordan Lee <jordan@example.org>\n"
           "To: Martha Okonkwo-Reyse <martha.okonkwo-reyes@acme.example>\n"
           "Subject: Thank you\nDate: Fri, 20 Nov 2026 17:45:00 -0600\n\n"
           + letter("Dear Ms. Okonkwo-Reyes,"))
    findings = one_letter(tmp_path, eml, name="note.eml")
    assert codes(findings) == ["N001"]
    assert findings[0].line == 2 and "To:" in findings[0].message
    assert findings[0].suggestions == ("Okonkwo-Reyes",)


def test_an_unrecorded_nickname_is_a_gentle_warning(tmp_path: Path) -> None:
    [finding] = one_letter(tmp_path, letter("Hi Bill,"))
    assert finding.code == "N001" and finding.severity is Severity.WARNING
    assert "nicknames: [Bill]" in finding.message and finding.suggestions == ("William",)


def test_compare_uses_fuzzy_and_phonetic_matching() -> None:
    person = Contact(name="Catherine Smyth", role="interviewer")
    assert compare("Smythe", "Smyth", person).status == "typo"  # type: ignore[union-attr]
    assert compare("Smyth", "Smyth", person).status == "exact"  # type: ignore[union-attr]
    assert compare("Johnson", "Smyth", person) is None
    assert fold("Łukasz Wąsowski") == "lukasz wasowski"
    assert name_parts(Contact(name="Anna van der Berg", role="contact")) == ("Anna", "Berg")


# --- N002 unknown-recipient ----------------------------------------------------------------

def test_a_stranger_in_the_salutation(tmp_path: Path) -> None:
    [finding] = one_letter(tmp_path, letter("Dear Mr. Johnson,"))
    assert finding.code == "N002" and finding.severity is Severity.WARNING
    assert "'Mr. Johnson'" in finding.message and "Nick Claus" in finding.message
    assert "Ms. Smyth" in finding.suggestions


def test_a_contact_of_another_application(tmp_path: Path) -> None:
    findings = run(tmp_path, {"acme/interview.yaml": RECORD, "globex/interview.yaml": GLOBEX,
                              "acme/note.txt": letter("Dear Ms. Laurent,")})
    assert codes(findings) == ["N002"]
    assert "Renée Laurent of the Globex Corporation application" in findings[0].message


def test_no_record_no_name_checks(tmp_path: Path) -> None:
    assert run(tmp_path, {"note.txt": letter("Dear Mr. Johnson,")}) == []


# --- N003 generic-salutation --------------------------------------------------------------

@pytest.mark.parametrize("salutation", [
    "To whom it may concern:", "Dear Sir or Madam,", "Dear Hiring Manager,", "Hi there,",
    "Dear Hiring Team,", "Hello,", "Dear Acme Team,",
])
def test_generic_salutations(tmp_path: Path, salutation: str) -> None:
    [finding] = one_letter(tmp_path, letter(salutation))
    assert finding.code == "N003"
    assert "Catherine Smyth" in finding.message and "Dear Ms. Smyth," in finding.suggestions


def test_generic_salutation_suggests_the_addressee(tmp_path: Path) -> None:
    text = "---\nto: Nick Claus\n---\n" + letter("Dear Hiring Manager,")
    [finding] = one_letter(tmp_path, text, name="note.md")
    assert finding.suggestions == ("Dear Mr. Claus,",)


def test_generic_salutation_without_a_record_is_not_this_rule(tmp_path: Path) -> None:
    assert run(tmp_path, {"note.txt": letter("Dear Hiring Manager,")}) == []


# --- N004 company-misspelled ----------------------------------------------------------------

@pytest.mark.parametrize(("body", "written", "right"), [
    ("I would love to help Acme Corportion make the move.", "Acme Corportion",
     "Acme Corporation"),
    ("I would love to help ACME make the move.", "ACME", "Acme"),
    ("I would love to help Acmee make the move.", "Acmee", "Acme"),
])
def test_misspelled_company(tmp_path: Path, body: str, written: str, right: str) -> None:
    [finding] = one_letter(tmp_path, letter("Dear Ms. Smyth,", body))
    assert finding.code == "N004" and finding.suggestions == (right,)
    assert f"'{written}'" in finding.message


@pytest.mark.parametrize("body", [
    "I would love to help Acme Corporation make the move.",
    "I would love to help Acme make the move, and Acme's customers too.",
    "That project was the acme of my time at Northwind.",
    "Acme Corp. impressed me.",
])
def test_correct_company(tmp_path: Path, body: str) -> None:
    assert one_letter(tmp_path, letter("Dear Ms. Smyth,", body)) == []


def company_record(company: str, people: tuple[str, ...], aliases: tuple[str, ...] = ()
                   ) -> str:
    lines = [f"company: {company}"]
    if aliases:
        lines.append("company_aliases: [" + ", ".join(f'"{a}"' for a in aliases) + "]")
    lines += ["position: Designer", "interview_date: 2026-11-20T10:00", "interviewers:"]
    lines += [f"  - name: {person}" for person in people]
    return "\n".join(lines) + "\n"


GRANT_WILL = company_record("Grant & Will Architects", ("Hope Grant", "Will Rich"))
WELLS = company_record("Wells Fargo", ("Sam Wells",))
HARBOUR = company_record("Harbour & Finch Ltd", ("Ann Lee",), aliases=("Harbour & Finch",))
GRANT_WILL_SHORT = company_record("Grant & Will", ("Hope Grant", "Will Rich"))


GREETING = {HARBOUR: "Dear Ann,", GRANT_WILL_SHORT: "Dear Ms. Grant,", RECORD: "Dear Ms. Smyth,"}


def with_record(tmp_path: Path, record: str, text: str) -> list[Finding]:
    return run(tmp_path, {"firm/interview.yaml": record, "firm/note.txt": text})


@pytest.mark.parametrize(("record", "salutation"), [
    (GRANT_WILL, "Dear Ms. Grant,"),  # the surname is also a word of the company
    (GRANT_WILL, "Hi Will,"),
    (GRANT_WILL, "Dear Hope,"),
    (GRANT_WILL, "Dear Mr. Rich,"),
    (WELLS, "Dear Mr. Wells,"),
    (WELLS, "Dear Sam Wells,"),
    (WELLS, "Dear Sam,"),
])
def test_a_person_named_like_the_company_is_greeted_by_name(tmp_path: Path, record: str,
                                                            salutation: str) -> None:
    assert with_record(tmp_path, record, letter(salutation)) == []


@pytest.mark.parametrize(("record", "salutation"), [
    (GRANT_WILL, "Dear Grant & Will Architects,"),  # the whole company name
    (GRANT_WILL, "Dear Grant & Will Architects team,"),
    (GRANT_WILL, "Dear Architects,"),  # a company word that names no recorded person
    (WELLS, "Dear Wells Fargo,"),
    (WELLS, "Dear Wells Fargo Team,"),
    (WELLS, "Dear Fargo team,"),
])
def test_greeting_the_company_is_still_generic(tmp_path: Path, record: str,
                                               salutation: str) -> None:
    findings = with_record(tmp_path, record, letter(salutation))
    assert codes(findings) == ["N003"], findings
    assert "greets a group" in findings[0].message


@pytest.mark.parametrize(("record", "body"), [
    # the exact alias claims its words before the full name is compared
    (HARBOUR, "I learned about Harbour & Finch and its approach to design."),
    (HARBOUR, "I learned about Harbour & Finch Ltd and its approach to design."),
    (HARBOUR, "Harbour & Finch's studio, and Harbour & Finch Ltd's clients, impressed me."),
    # a connective or a legal suffix is never the misspelled word
    (HARBOUR, "I learned a lot about Harbour and Finch today."),
    (HARBOUR, "I learned a lot about Harbour & Finch Inc today."),
    (GRANT_WILL_SHORT, "If useful, so Hope Grant or Will Rich may contact you."),
    (GRANT_WILL_SHORT, "I met Hope Grant and Will Rich at Grant & Will today."),
    # words of two sentences are not one name
    (RECORD, "I admire Acme. Cooperation across teams is clearly valued there."),
    # the alias, then an ordinary word
    (RECORD, "I admire how the Acme corporation treats its staff."),
])
def test_correct_company_next_to_similar_words(tmp_path: Path, record: str, body: str) -> None:
    assert with_record(tmp_path, record, letter(GREETING[record], body)) == []


@pytest.mark.parametrize(("record", "body", "written", "right"), [
    (HARBOUR, "I learned about Harbour & Finhc Ltd and its approach.", "Harbour & Finhc Ltd",
     "Harbour & Finch Ltd"),
    (HARBOUR, "I learned about Harbor & Finch and its approach.", "Harbor & Finch",
     "Harbour & Finch"),
    (HARBOUR, "I learned about Harbour & Fitch today.", "Harbour & Fitch", "Harbour & Finch"),
    (GRANT_WILL_SHORT, "I admire Grant & Wil and its work.", "Grant & Wil", "Grant & Will"),
    (RECORD, "I would love to help Acme Cooperation grow.", "Acme Cooperation",
     "Acme Corporation"),
])
def test_misspelled_company_word_by_word(tmp_path: Path, record: str, body: str, written: str,
                                         right: str) -> None:
    [finding] = with_record(tmp_path, record, letter(GREETING[record], body))
    assert finding.code == "N004" and finding.suggestions == (right,), finding
    assert f"'{written}'" in finding.message


def test_record_work_is_done_once_per_record(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Linting many letters of one record works out its names and words once."""
    from followup.rules.names import matching

    calls = {"known": 0, "split": 0}
    known_words, split_company = matching.known_words, matching.split_company

    def counting_known(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["known"] += 1
        return known_words(*args, **kwargs)

    def counting_split(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["split"] += 1
        return split_company(*args, **kwargs)

    monkeypatch.setattr(matching, "known_words", counting_known)
    monkeypatch.setattr(matching, "split_company", counting_split)
    matching.name_parts.cache_clear()
    files = {"acme/interview.yaml": RECORD}
    for index in range(40):
        files[f"acme/note-{index}.txt"] = letter(
            "Dear Ms. Smyth,", f"Thank you, Catherine Smyth and Hope Grant, for visit {index} "
            "at Acme Corporation.")
    assert run(tmp_path, files) == []
    assert calls == {"known": 1, "split": 2}  # the company and its alias, once
    record_people = RECORD.count("  - name: ")
    assert matching.name_parts.cache_info().misses == record_people


# --- N005 wrong-company ---------------------------------------------------------------------

def test_leftover_company_from_another_application(tmp_path: Path) -> None:
    text = letter("Dear Renée,", "I would welcome the chance to bring that to Acme.")
    findings = run(tmp_path, {"acme/interview.yaml": RECORD, "globex/interview.yaml": GLOBEX,
                              "globex/note.txt": text})
    assert codes(findings) == ["N005"]
    assert findings[0].suggestions == ("Globex",)
    assert "Globex Corporation" in findings[0].message and "'Acme'" in findings[0].message


def test_leftover_position_from_another_application(tmp_path: Path) -> None:
    text = letter("Dear Renée,", "Thank you for the Part-time Packaging Manager interview.")
    findings = run(tmp_path, {"acme/interview.yaml": RECORD, "globex/interview.yaml": GLOBEX,
                              "globex/note.txt": text})
    assert codes(findings) == ["N005"]
    assert findings[0].suggestions == ("Supply Chain Analyst",)


def test_own_company_is_no_leftover(tmp_path: Path) -> None:
    text = letter("Dear Renée,", "I would welcome the chance to bring that to Globex. "
                  "The acme of my career was Northwind.")
    assert run(tmp_path, {"acme/interview.yaml": RECORD, "globex/interview.yaml": GLOBEX,
                          "globex/note.txt": text}) == []


def test_two_interviews_at_one_company_are_not_leftovers(tmp_path: Path) -> None:
    second = RECORD.replace("Part-time Packaging Manager", "Shift Lead")
    text = letter("Dear Ms. Smyth,", "Thank you for the interview at Acme.")
    assert run(tmp_path, {"acme/interview.yaml": RECORD, "acme2/interview.yaml": second,
                          "acme2/note.txt": text}) == []


# --- N006 recipient-mismatch -----------------------------------------------------------------

def eml(to: str, salutation: str) -> str:
    return (f"From: Jordan Lee <jordan@example.org>\nTo: {to}\nSubject: Thank you\n"
            "Date: Fri, 20 Nov 2026 17:45:00 -0600\n\n" + letter(salutation))


def test_to_address_of_another_contact(tmp_path: Path) -> None:
    text = eml("Martha Okonkwo-Reyes <martha.okonkwo-reyes@acme.example>", "Dear Mr. Claus,")
    [finding] = one_letter(tmp_path, text, name="note.eml")
    assert finding.code == "N006"
    assert "Nick Claus" in finding.message and "Martha Okonkwo-Reyes" in finding.message


def test_to_address_matches_the_salutation(tmp_path: Path) -> None:
    text = eml("<nick.claus@acme.example>", "Dear Nick,")
    assert one_letter(tmp_path, text, name="note.eml") == []


def test_one_note_to_several_interviewers(tmp_path: Path) -> None:
    [finding] = one_letter(tmp_path, letter("Dear Nick and Catherine,"))
    assert finding.code == "N006" and "separate note" in finding.message


def test_one_interviewer_and_a_recruiter_is_fine(tmp_path: Path) -> None:
    assert one_letter(tmp_path, letter("Dear Catherine and Dr. Núñez,")) == []


# --- the example tree --------------------------------------------------------------------------

def test_example_tree_shows_n005() -> None:
    root = Path(__file__).resolve().parents[2] / "examples" / "applications"
    result = lint(LintRequest(paths=[str(root)], config=Config(), select=["N"],
                              today=date(2026, 11, 23), grammar="off"))
    assert [(Path(f.path).name, f.code) for f in result.findings] == [
        ("thank-you-kwame-mensah-bonsu.eml", "N005")]


@pytest.mark.parametrize("salutation", [
    "Dear Ms. Smyth and team,",
    "Hi Nick — thanks for today!",
    "Good afternoon, Ms. Smyth.",
    "Dear Dr. José Núñez, PhD,",
    "Dear Hope Grant Jr.,",
    "Dear Ms Smyth",
    "Dear Mr. Claus and colleagues,",
    "Dear Mr. Claus and the team,",
])
def test_salutations_with_extras(tmp_path: Path, salutation: str) -> None:
    assert one_letter(tmp_path, letter(salutation)) == []


def test_someone_elses_full_name_is_not_a_misspelling(tmp_path: Path) -> None:
    body = "I also enjoyed meeting Cathrine Bishop and Nikolas Papadopoulos on the tour."
    assert one_letter(tmp_path, letter("Dear Ms. Smyth,", body)) == []


def test_the_signature_is_not_checked(tmp_path: Path) -> None:
    text = "Dear Ms. Smyth,\n\nThank you for the interview.\n\nBest regards,\nCatherin Smith\n"
    assert one_letter(tmp_path, text) == []


# --- the benchmark's floors -------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
NAMES_DIR = REPO.parent / "shared" / "data" / "names"


@pytest.mark.skipif(not NAMES_DIR.is_dir(),
                    reason=f"public name lists not found at {NAMES_DIR} (benchmark data)")
def test_benchmark_floors() -> None:
    """bench/names.py on 150 US people plus every other-origin name: recall >= 0.98 on
    typos, no finding at all on correct spellings of recorded names."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("bench_names", REPO / "bench" / "names.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_names"] = bench  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    result = bench.run(people_count=150, seed=4, names_dir=NAMES_DIR)
    assert result["typos"] > 3000
    assert result["recall"] >= 0.98, result["misses"][:20]
    assert result["false_alarms"] == []
    assert result["stranger_flags"] == []


def test_front_matter_to_and_salutation_disagree(tmp_path: Path) -> None:
    text = "---\nto: Nick Claus\n---\n" + letter("Dear Ms. Smyth,")
    [finding] = one_letter(tmp_path, text, name="note.md")
    assert finding.code == "N006" and "front matter `to:`" in finding.message
    assert finding.suggestions == ("Mr. Claus",)


def test_a_window_skipped_by_its_first_word_never_had_a_company_verdict(tmp_path: Path):
    """The company check skips a window whose first word is nowhere near the company's
    first word: only where `company_verdict` would have said None."""
    from itertools import product

    from followup.records import load_record
    from followup.rules.names.matching import (
        company_verdict,
        may_start_company,
        record_names,
        split_company,
    )

    path = tmp_path / "interview.yaml"
    path.write_text("company: The Harbour & Finch Co.\ncompany_aliases: [Brightwater Medical]\n"
                    "position: Analyst\ninterview_date: 2026-11-20\n"
                    "interviewers:\n  - name: Hope Grant\n", encoding="utf-8")
    record = load_record(path)
    companies = [*record_names(record).companies, split_company("Co. Harbour")]
    words = ["The", "the", "Harbour", "Harbor", "Habour", "&", "and", "Finch", "Co.", "Co",
             "Brightwater", "Brightwatter", "Medical", "Medicl", "Grant", "Thé"]
    verdicts = 0
    for company in companies:
        for window in product(words, repeat=company.size):
            if company_verdict(window, company, record_names(record).person_parts):
                verdicts += 1
                assert may_start_company(window[0], company, record), (window, company)
    assert verdicts > 10 and not may_start_company("Grant", companies[0], record)
