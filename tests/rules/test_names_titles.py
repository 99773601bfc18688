"""N007 wrong-honorific, the inside address of a printed letter, and names as people have
them (family name first, particles, a title typed into `name:`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.records import RecordError, load_record
from rules.test_names import letter, run

RECORD = """\
company: Brightwater Health
position: Clinic Operations Coordinator
interview_date: 2026-11-20T10:00
interviewers:
  - name: Amara Nwosu
    honorific: Dr.
  - name: Zoë Brontë-Nakamura
    honorific: Dr.
  - name: Grace Ó Súilleabháin
    honorific: Ms.
  - name: Nguyễn Thị Minh
    family_name: Nguyễn
    given_name: Minh
    honorific: Ms.
  - name: Liam Walsh
  - name: Seán O'Reilly
    honorific: Mr.
"""


def codes(tmp_path: Path, salutation: str, body: str = "Thank you for the interview today.",
          select: tuple[str, ...] = ("N007",)) -> list[tuple[str, str, tuple[str, ...]]]:
    findings = run(tmp_path, {"interview.yaml": RECORD, "note.txt": letter(salutation, body)},
                   select=select)
    return [(f.code, f.message, tuple(s.text if hasattr(s, "text") else s
                                      for s in f.suggestions)) for f in findings]


@pytest.mark.parametrize("salutation, suggestion", [
    ("Dear Ms. Brontë-Nakamura,", "Dr."),
    ("Dear Mr. Nwosu,", "Dr."),
    ("Dear Mrs. Nwosu,", "Dr."),
    ("Dear Mrs Nwosu,", "Dr."),
    ("Dear Dr. Walsh,", None),  # no honorific recorded: nothing to compare
    ("Dear Miss Ó Súilleabháin,", "Ms."),
])
def test_wrong_title_against_the_record(tmp_path: Path, salutation: str,
                                        suggestion: str | None) -> None:
    found = codes(tmp_path, salutation)
    if suggestion is None:
        assert found == []
    else:
        assert [(c, s) for c, _m, s in found] == [("N007", (suggestion,))]


@pytest.mark.parametrize("salutation", [
    "Dear Dr. Nwosu,", "Dear Doctor Nwosu,", "Dear Dr Brontë-Nakamura,",
    "Dear Ms. Ó Súilleabháin,", "Dear Ms. Nguyễn,", "Dear Liam Walsh,", "Dear Mr. O'Reilly,",
])
def test_right_titles_pass(tmp_path: Path, salutation: str) -> None:
    assert codes(tmp_path, salutation) == []


def test_a_title_with_a_first_name(tmp_path: Path) -> None:
    found = codes(tmp_path, "Dear Dr. Zoë,")
    assert [(c, s) for c, _m, s in found] == [("N007", ("Dr. Brontë-Nakamura",))]


def test_a_wrong_title_in_the_body(tmp_path: Path) -> None:
    found = codes(tmp_path, "Dear Dr. Nwosu,",
                  "Thank you for the interview today; please thank Mr. Brontë-Nakamura too.")
    assert [(c, s) for c, _m, s in found] == [("N007", ("Dr.",))]


def test_the_inside_address_is_checked(tmp_path: Path) -> None:
    printed = ("Jordan Lee\n12 Elm Road\nSpringfield\n\nNovember 20, 2026\n\n"
               "Sean O'Reily\nBrightwater Health\n400 Harbour Street\n\n"
               "Dear Mr. O'Reilly,\n\nThank you for the interview today.\n\n"
               "Sincerely,\nJordan Lee\n")
    findings = run(tmp_path, {"interview.yaml": RECORD, "letter.txt": printed},
                   select=("N001",))
    assert sorted((f.line, f.column) for f in findings) == [(7, 1), (7, 6)]


def test_a_street_in_the_address_block_is_no_name(tmp_path: Path) -> None:
    printed = ("Jordan Lee\n12 Walsh Road\n\nDr. Amara Nwosu\nBrightwater Health\n\n"
               "Dear Dr. Nwosu,\n\nThank you for the interview today.\n\n"
               "Sincerely,\nJordan Lee\n")
    assert run(tmp_path, {"interview.yaml": RECORD, "letter.txt": printed}) == []


def test_names_as_people_have_them(tmp_path: Path) -> None:
    path = tmp_path / "interview.yaml"
    path.write_text(RECORD, encoding="utf-8")
    people = {p.name: p for p in load_record(path).people}
    assert people["Grace Ó Súilleabháin"].greeting_name == "Ms. Ó Súilleabháin"
    assert people["Nguyễn Thị Minh"].greeting_name == "Ms. Nguyễn"
    assert people["Nguyễn Thị Minh"].first_name == "Minh"
    assert people["Liam Walsh"].greeting_name == "Liam Walsh"  # never a guessed title
    assert people["Seán O'Reilly"].greeting_name == "Mr. O'Reilly"


def test_a_title_in_the_name_field_is_a_record_error(tmp_path: Path) -> None:
    path = tmp_path / "interview.yaml"
    titled = RECORD.replace("name: Amara Nwosu\n    honorific: Dr.", "name: Dr. Amara Nwosu")
    path.write_text(titled, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_record(path)
    assert "did you mean 'honorific: Dr.' and 'name: Amara Nwosu'" in str(caught.value)
    assert caught.value.line == 5


def test_professor_for_a_doctor_is_a_wrong_title(tmp_path: Path) -> None:
    found = codes(tmp_path, "Dear Prof. Nwosu,")
    assert [(c, s) for c, _m, s in found] == [("N007", ("Dr.",))]


def test_a_family_name_written_first_without_a_recorded_family_name(tmp_path: Path) -> None:
    """"Dr. Trần" greets Trần Văn An rightly (family name first); without `family_name:`
    the order is unknown, so N007 gives no verdict (and never suggests "Dr. An")."""
    record = RECORD + "  - name: Trần Văn An\n    honorific: Dr.\n" \
        "  - name: Kim Ji-won\n    honorific: Ms.\n"
    for salutation in ("Dear Dr. Trần,", "Dear Ms. Kim,"):
        found = run(tmp_path, {"interview.yaml": record,
                               "note.txt": letter(salutation, "Thank you for today.")},
                    select=("N007",))
        assert found == [], salutation
    # a Western given name is still a first name after a title
    assert [c for c, _m, _s in codes(tmp_path, "Dear Dr. Amara,")] == ["N007"]
