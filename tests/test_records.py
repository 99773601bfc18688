"""Interview records: schema, clear errors with file:line, and how letters find them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from followup.errors import RecordError
from followup.records import find_record_for, load_record, parse_record

from helpers import RECORD


def test_full_record():
    record = parse_record(RECORD + "contacts:\n  - Martha Okonkwo-Reyes\nreferences:\n"
                          "  - name: Dana Whitfield\n    email: dana@example.org\n", Path("r.yaml"))
    assert record.company_names == ("Acme Corporation", "Acme")
    assert record.interview_date == date(2026, 11, 20)
    assert record.decision_date == date(2026, 12, 1)
    assert [p.name for p in record.people] == ["Nick Claus", "Martha Okonkwo-Reyes",
                                               "Martha Okonkwo-Reyes", "Dana Whitfield"][:4]
    nick = record.interviewers[0]
    assert (nick.line, nick.column) == (6, 11)
    assert record.all_topics == ("the warehouse tour", "holiday volume planning",
                                 "the new conveyor line")
    assert record.find_person("claus") is nick
    assert record.find_person("nick.claus@acme.example") is nick
    assert record.references[0].role == "reference"


def test_datetime_and_particles():
    record = parse_record("company: A\nposition: B\ninterview_date: 2026-11-20T14:30\n"
                          "interviewers:\n  - name: Anna van der Berg\n", Path("r.yaml"))
    assert record.interview_date == datetime(2026, 11, 20, 14, 30)
    assert record.interview_day == date(2026, 11, 20)
    assert record.interviewers[0].last_name == "van der Berg"


@pytest.mark.parametrize("text, message", [
    ("", "r.yaml:1: the record is empty"),
    ("company: [", "r.yaml:1:11: invalid YAML"),
    ("- a\n- b\n", "r.yaml:1:1: record: expected a mapping of fields"),
    ("company: A\nposition: B\ninterview_date: 2026-13-01\ninterviewers: [{name: N}]\n",
     "r.yaml:3:17: interview_date: '2026-13-01' is not a valid date"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\ninterviewers: []\n",
     "r.yaml:4:15: interviewers: list at least one interviewer"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\n",
     "r.yaml:1:1: interviewers: required field 'interviewers' is missing"),
    ("company: {a: 1}\nposition: B\ninterview_date: 2026-11-20\ninterviewers: [{name: N}]\n",
     "r.yaml:1:10: company: expected text, found a mapping"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\ninterviewers:\n  - name: N\n"
     "    emial: n@x.example\n", "r.yaml:6:5: interviewers[0].emial: unknown field; "
     "did you mean 'email'?"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\ninterviewers:\n  - name: N\n"
     "    email: not-an-address\n", "r.yaml:6:12: interviewers[0].email: 'not-an-address' "
     "is not an email address"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\ninterviewers: [{name: N}]\n"
     "decision_date: soon\n", "r.yaml:5:16: decision_date: 'soon' is not a valid date"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\ninterviewers: [{name: N}]\n"
     "topics: {a: b}\n", "r.yaml:5:9: topics: expected a list of text, found a mapping"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\ninterviewers: [{name: N}]\n"
     "extra:\n  when: 2026-02-30\n", "r.yaml:6:9: extra: '2026-02-30' is not a valid value"),
    ("company: A\nposition: B\ninterview_date: 2026-11-20\ninterviewers: [{name: 42}]\n",
     "r.yaml:4:23: interviewers[0].name: '42' is not a name"),
])
def test_bad_records_name_file_line_and_field(text, message):
    with pytest.raises(RecordError) as caught:
        parse_record(text, Path("r.yaml"))
    assert str(caught.value).startswith(message), str(caught.value)


def test_extra_fields_go_under_extra():
    record = parse_record(RECORD + "extra:\n  recruiter_agency: Northwind Talent\n",
                          Path("r.yaml"))
    assert record.extra == {"recruiter_agency": "Northwind Talent"}
    with pytest.raises(RecordError, match="put your own fields under 'extra:'"):
        parse_record(RECORD + "salary_band: 5\n", Path("r.yaml"))


def test_find_record_for(tmp_path, monkeypatch):
    (tmp_path / "apps" / "acme" / "letters").mkdir(parents=True)
    (tmp_path / "apps" / "acme" / "interview.yaml").write_text(RECORD)
    other = tmp_path / "other.yaml"
    other.write_text(RECORD.replace("Acme Corporation", "Globex"))
    letter = tmp_path / "apps" / "acme" / "letters" / "note.md"
    letter.write_text("Hi")
    monkeypatch.chdir(tmp_path)
    assert find_record_for(letter).company == "Acme Corporation"  # nearest, in a parent
    assert find_record_for(letter, linked="../../../other.yaml").company == "Globex"
    assert find_record_for(letter, linked="x", override=other).company == "Globex"
    with pytest.raises(RecordError, match="named in the letter's front matter does not exist"):
        find_record_for(letter, linked="missing.yaml")
    lone = tmp_path / "lone.txt"
    lone.write_text("Hi")
    assert find_record_for(lone) is None


def test_non_utf8_record(tmp_path):
    path = tmp_path / "interview.yaml"
    path.write_bytes(b"company: Caf\xe9\n")
    with pytest.raises(RecordError, match="not UTF-8"):
        load_record(path)


def test_record_memo_exports_and_merges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """What a forked reader sends back: a copy of the memo, merged without overwriting."""
    from followup import records

    monkeypatch.setattr(records, "_CACHE", {})
    path = tmp_path / "interview.yaml"
    path.write_text(RECORD, encoding="utf-8")
    first = load_record(path)
    memo = records.record_memo()
    assert list(memo.values()) == [first]
    memo.clear()  # a copy: the run's memo is untouched
    assert load_record(path) is first
    other = parse_record(RECORD, path)
    key = next(iter(records.record_memo()))
    records.merge_record_memo({key: other, (path, 0.0, "elsewhere"): other})
    assert load_record(path) is first  # what this process read wins
    assert records.record_memo()[(path, 0.0, "elsewhere")] is other
