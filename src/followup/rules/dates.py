"""Timing and dates against the interview record (D001-D003).

A thank-you note is sent within a day of the interview; a status inquiry waits until the
date the employer gave for a decision has passed; and a date written in the letter must be
a real one (its weekday right) and, when it names the interview, the interview's date.

When a letter is "sent": front matter `date:`, else the e-mail `Date:` header, else a
printed letter's own date line in its header block ("November 20, 2026" above the
salutation), else (an unsent draft) today, as `--today` or the clock says. A record's
`interview_date` may carry a time ("2026-11-20T10:00"); a bare date counts from the end of
that day. A letter dated with a bare date gets the benefit of the doubt: the start of that
day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .. import timing
from ..document import Document
from ..findings import Problem, Severity
from .base import Context, Options, Rule

# --- when things happened -------------------------------------------------------------------


def _naive(moment: datetime) -> datetime:
    """Wall-clock time: the record's times and the letter's are read in the writer's zone."""
    return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment


def letter_when(document: Document, today: date) -> tuple[date | datetime, bool]:
    """(when the letter is or was sent, as written; whether the letter gives that date):
    `sent:`, else `date:` or the e-mail Date, else a printed date line, else today."""
    for dated in (document.sent, document.dated):
        if isinstance(dated, (date, datetime)):
            return dated, True
    printed = header_date(document)
    if printed is not None and printed.value is not None:
        return printed.value, True
    return today, False


def letter_moment(document: Document, today: date) -> tuple[datetime, bool]:
    """(when the letter is sent, wall clock; whether that is a date the letter gives)."""
    when, dated = letter_when(document, today)
    if isinstance(when, datetime):
        return _naive(when), dated
    return datetime.combine(when, time()), dated


_DATE_LINE_LABEL = re.compile(r"(?:date[d:]?\s*:?\s*)?", re.IGNORECASE)
_HEADER_DATE_KEY = "dates:header"


def header_date(document: Document) -> WrittenDate | None:
    """A printed letter's own date: a line of the header block (before the salutation)
    that is a whole date with its year ("November 20, 2026", "20 November 2026",
    "Friday, November 20, 2026", "2026-11-20"). None when there is no such line, or when
    the header gives two different dates (then which one is the letter's is a guess)."""
    if _HEADER_DATE_KEY in document.cache:
        return document.cache[_HEADER_DATE_KEY]  # type: ignore[no-any-return]
    found: list[WrittenDate] = []
    text = document.text
    for paragraph in document.paragraphs:
        if paragraph.role == "salutation":
            break
        if paragraph.role != "header":
            continue
        pos = paragraph.start
        for line in text[paragraph.start:paragraph.end].split("\n"):
            written = _date_line(line, pos)
            if written is not None:
                found.append(written)
            pos += len(line) + 1
    result = found[0] if found and all(w.value == found[0].value for w in found) else None
    document.cache[_HEADER_DATE_KEY] = result
    return result


def _date_line(line: str, offset: int) -> WrittenDate | None:
    """The date a header line consists of, at its offset in the text, if it is one."""
    stripped = line.rstrip().rstrip(".,")
    lead = len(stripped) - len(stripped.lstrip())
    label = _DATE_LINE_LABEL.match(stripped, lead)
    start = label.end() if label else lead
    body = stripped[start:]
    if not body or not body[0].isalnum():
        return None
    dates = find_dates(body, 1)
    if len(dates) != 1:
        return None
    (written,) = dates
    if written.start != 0 or written.end != len(body) or not written.year_given or \
            written.value is None:
        return None
    if written.weekday and written.value.weekday() != _WEEKDAYS[
            written.weekday.lower().rstrip(".")]:
        return None  # a wrong weekday: D003 reports it, and the day meant is unclear
    shift = offset + start
    return WrittenDate(written.start + shift, written.end + shift, written.text, written.value,
                       written.weekday, None, True, written.style)


def _date_span(document: Document) -> tuple[int, int, bool]:
    """Where to report a timing problem: the date field, the printed date line, else the
    salutation or first line."""
    if document.dated is None:
        printed = header_date(document)
        if printed is not None:
            return printed.start, printed.end, False
    if "date" in document.field_spans and (document.front_matter.get("date") is not None
                                           or document.headers.get("date")):
        start, end = document.field_spans["date"]
        return start, end, True
    paragraph = document.salutation or (document.paragraphs[0] if document.paragraphs else None)
    if paragraph is None:
        return 0, 0, False
    newline = document.text.find("\n", paragraph.start, paragraph.end)
    return paragraph.start, paragraph.end if newline == -1 else newline, False


def _span_of_time(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 48:
        return f"{int(hours)} hours"
    return f"{int(hours // 24)} days"


def _show(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        if moment.hour == 0 and moment.minute == 0:
            return moment.strftime("%Y-%m-%d")
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def check_late(document: Document, context: Context, options: Options) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    hours = context.config.thank_you_within_hours
    when, dated = letter_when(document, context.today)
    if not timing.late_thank_you(record, hours, when):
        return
    sent = timing.sent_moment(record, when)
    if isinstance(when, datetime) and isinstance(record.interview_date, datetime):
        after = _span_of_time(sent - timing.interview_moment(record))
    else:
        days = (sent.date() - record.interview_day).days
        after = f"{days} day{'s' if days != 1 else ''}"
    interview = f"{_show(record.interview_date)} ({record.interview_day:%A})"
    s, e, in_file = _date_span(document)
    if dated:
        message = (f"thank-you note dated {_show(sent)}, {after} after the "
                   f"interview on {interview}; career advisers recommend sending it "
                   f"within {hours} hours of the interview (thank_you_within_hours)")
    else:
        message = (f"this unsent thank-you note is already {after} past the "
                   f"interview on {interview} (today is {context.today.isoformat()}); "
                   f"career advisers recommend sending it within {hours} hours "
                   "(thank_you_within_hours) — send it today")
    yield Problem(s, e, message, in_file=in_file)


def check_premature(document: Document, context: Context, options: Options
                    ) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    when, dated = letter_when(document, context.today)
    if not timing.premature_inquiry(record, when):
        return
    sent = timing.sent_moment(record, when)
    s, e, in_file = _date_span(document)
    what = f"dated {sent.date().isoformat()}" if dated else \
        f"written today ({context.today.isoformat()})"
    first_day = timing.status_inquiry_earliest(record)
    decision = record.decision_date
    if decision is not None:
        message = (f"status inquiry {what}, before the decision date in the record "
                   f"({decision.isoformat()}, {decision:%A}) has passed; wait until "
                   f"{first_day.isoformat()} or later before asking")
    else:
        days = timing.INQUIRY_EARLIEST_BUSINESS_DAYS
        message = (f"status inquiry {what}, less than {days} business days after the "
                   f"interview on {record.interview_day.isoformat()} "
                   f"({record.interview_day:%A}), and the record gives no decision date; "
                   f"wait until {first_day.isoformat()} ({first_day:%A}) or later before "
                   "asking")
    yield Problem(s, e, message, in_file=in_file)


# --- dates written in the letter ------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
_WEEKDAYS.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})

_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len,
                                        reverse=True)) + r")(?:\.(?=\s+\d))?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted((w.capitalize() for w in _WEEKDAYS), key=len,
                                               reverse=True)) + r")\.?,?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_DATE_PATTERNS = (
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b{_YEAR}(?!\d)"),
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}(?!\d)"),
    re.compile(rf"\b{_WEEKDAY}(?P<year>\d{{4}})-(?P<monthnum>\d{{2}})-(?P<day>\d{{2}})\b"),
)
_LONE_WEEKDAY = re.compile(r"\b(?:on|last|this past)\s+(?P<weekday>" + "|".join(
    name for name in calendar.day_name) + r")\b(?!,?\s+(?:the\s+)?\d|,?\s+[A-Z][a-z]+\.?\s+\d)")
_RELATIVE = re.compile(r"\b(?P<word>today|this morning|this afternoon|yesterday|"
                       r"yesterday (?:morning|afternoon))\b", re.IGNORECASE)

_INTERVIEW_WORDS = re.compile(
    r"\b(interview(?:ed|ing)?|met|meet(?:ing)?|spoke|speaking|spoken|talk(?:ed|ing)?|"
    r"conversation|chat(?:ted|ting)?|visit(?:ed|ing)?|tour|sitting down|sat down|"
    r"on-?site|panel)\b", re.IGNORECASE)
_NOT_THE_INTERVIEW = re.compile(
    r"\b(decision|decide|hear(?:ing)? (?:back|from)|start(?:ing)? date|deadline|next|"
    r"look(?:ing)? forward|will|would|could|can|shall|until|available|availability|"
    r"second|again|follow(?:ing)?[- ]up|by)\b", re.IGNORECASE)


@dataclass(frozen=True)
class WrittenDate:
    start: int
    end: int
    text: str
    value: date | None  # None: no such day ("February 30")
    weekday: str | None  # as written
    weekday_span: tuple[int, int] | None
    year_given: bool
    style: str = "mdy"  # mdy ("November 20"), dmy ("20 November") or iso


def find_dates(text: str, default_year: int) -> list[WrittenDate]:
    out: list[WrittenDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, style in zip(_DATE_PATTERNS, ("mdy", "dmy", "iso"), strict=True):
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(ts < e and s < te for ts, te in taken):
                continue
            groups = match.groupdict()
            month = int(groups["monthnum"]) if groups.get("monthnum") else \
                _MONTHS[groups["month"].lower()]
            day = int(groups["day"])
            year_given = bool(groups.get("year"))
            year = int(groups["year"]) if year_given else default_year
            try:
                value: date | None = date(year, month, day)
            except ValueError:
                if not 1 <= month <= 12 or not 1 <= day <= 31:
                    continue
                value = None
            weekday = groups.get("weekday")
            taken.append((s, e))
            out.append(WrittenDate(s, e, match.group(0), value, weekday,
                                   match.span("weekday") if weekday else None, year_given,
                                   style))
    return sorted(out, key=lambda d: d.start)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start),
               text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    left = 0 if left == -1 else left + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end),
                                    text.find("! ", end), text.find("? ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left, right


def _about_the_interview(text: str, start: int, end: int) -> bool:
    left, right = _sentence(text, start, end)
    sentence = text[left:right]
    if not _INTERVIEW_WORDS.search(sentence):
        return False
    return not _NOT_THE_INTERVIEW.search(sentence)


def _weekday_like(written: str, weekday: int) -> str:
    full = calendar.day_name[weekday]
    bare = written.rstrip(".")
    replacement = calendar.day_abbr[weekday] if len(bare) <= 4 else full
    if bare.isupper():
        replacement = replacement.upper()
    return replacement + ("." if written.endswith(".") else "")


def _format_like(written: WrittenDate, value: date) -> str:
    """The interview date written the way the letter wrote its date."""
    if written.style == "iso":
        body = value.isoformat()
    elif written.style == "dmy":
        body = f"{value.day} {calendar.month_name[value.month]}"
        if written.year_given:
            body += f" {value.year}"
    else:
        body = f"{calendar.month_name[value.month]} {value.day}"
        if written.year_given:
            body += f", {value.year}"
    if written.weekday:
        return f"{calendar.day_name[value.weekday()]}, {body}"
    return body


def _nearest(value: date, sent: date) -> date:
    """A date written without its year, in the year that puts it nearest the letter: "I
    can start on Monday 4 January" in a November letter is next January's Monday."""
    candidates = []
    for year in (value.year - 1, value.year, value.year + 1):
        try:
            candidates.append(value.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: (abs((d - sent).days), d != value))


def check_dates(document: Document, context: Context, options: Options) -> Iterator[Problem]:
    record = context.record
    text = document.text
    sent, dated = letter_moment(document, context.today)
    default_year = record.interview_day.year if record is not None else sent.year
    interview_day = record.interview_day if record is not None else None
    for written in find_dates(text, default_year):
        if written.value is None:
            yield Problem(written.start, written.end,
                          f"'{written.text}' is not a date: that month has no such day")
            continue
        in_body = document.in_body(written.start)
        if interview_day is not None and in_body and written.value != interview_day and \
                written.value <= sent.date() and _about_the_interview(text, written.start,
                                                                      written.end):
            right = _format_like(written, interview_day)
            yield Problem(written.start, written.end,
                          f"'{written.text}' differs from the interview date in the record, "
                          f"{interview_day:%A, %B} {interview_day.day}, {interview_day.year}; "
                          f"write '{right}'", (right,))
            continue
        value = written.value if written.year_given else _nearest(written.value, sent.date())
        if written.weekday and value.weekday() != _WEEKDAYS[
                written.weekday.lower().rstrip(".")]:
            actual = value.weekday()
            assert written.weekday_span is not None
            s, e = written.weekday_span
            right = _weekday_like(written.weekday, actual)
            fixed = text[written.start:s] + right + text[e:written.end]
            year_note = "" if written.year_given else f" (taking the year as {value.year})"
            yield Problem(written.start, written.end,
                          f"'{written.text}': {value:%B} {value.day}, "
                          f"{value.year} is a {calendar.day_name[actual]}, not a "
                          f"{calendar.day_name[_WEEKDAYS[written.weekday.lower().rstrip('.')]]}"
                          f"{year_note}; write '{fixed}'", (fixed,))
    if interview_day is None or not dated:
        return
    # "on Thursday", "today", "yesterday" about the interview, in a dated letter
    days_after = (sent.date() - interview_day).days
    for match in _LONE_WEEKDAY.finditer(text):
        if not document.in_body(match.start()) or not 0 < days_after < 7:
            continue
        named = _WEEKDAYS[match.group("weekday").lower()]
        if named == interview_day.weekday() or not _about_the_interview(
                text, match.start(), match.end()):
            continue
        s, e = match.span("weekday")
        right = calendar.day_name[interview_day.weekday()]
        yield Problem(s, e, f"'{match.group('weekday')}' differs from the interview day in the "
                      f"record, {interview_day:%A, %B} {interview_day.day}; write '{right}'",
                      (right,))
    for match in _RELATIVE.finditer(text):
        if not document.in_body(match.start()) or not _about_the_interview(
                text, match.start(), match.end()):
            continue
        word = match.group("word").lower()
        meant = sent.date() - timedelta(days=1 if word.startswith("yesterday") else 0)
        if meant == interview_day:
            continue
        if days_after == 0:
            right = "today" if not word.startswith("today") else word
        elif days_after == 1:
            right = "yesterday"
        else:
            right = f"on {interview_day:%A}"
        yield Problem(match.start(), match.end(),
                      f"'{match.group('word')}' in a letter dated {sent.date().isoformat()} "
                      f"means {meant:%A, %B} {meant.day}, but the interview in the record was "
                      f"{interview_day:%A, %B} {interview_day.day}; write '{right}'", (right,))


RULES = [
    Rule(
        code="D001", name="late-thank-you", severity=Severity.WARNING,
        summary="A thank-you note dated more than 24 hours (thank_you_within_hours) after "
        "the interview.",
        explanation="Every guide says send the thank-you note within 24 hours of the "
        "interview (some say 48: set thank_you_within_hours), while you are still fresh in "
        "the interviewer's mind. The letter's date is its front matter `date:`, its e-mail "
        "`Date:`, the date line of a printed letter's header block, or today for an unsent "
        "draft.",
        bad="date: 2026-11-24   (interview_date: 2026-11-20T10:00)",
        good="date: 2026-11-20   (the same day)",
        check=check_late, kinds=frozenset({"thank-you"}),
    ),
    Rule(
        code="D002", name="premature-follow-up", severity=Severity.WARNING,
        summary="A status inquiry dated before the record's decision_date has passed (or, "
        "without one, less than 5 business days after the interview).",
        explanation="Career advisers say ask about a decision only after the date the employer "
        "gave has passed; asking earlier reads as impatient. Without a decision date, wait "
        "at least five business days (a week) after the interview. The same dates drive "
        "`followup plan` (timing.py), so lint and plan never disagree.",
        bad="date: 2026-11-25   (decision_date: 2026-12-01)",
        good="date: 2026-12-03",
        check=check_premature, kinds=frozenset({"status-inquiry"}),
    ),
    Rule(
        code="D003", name="date-mismatch", severity=Severity.ERROR,
        summary="A date whose weekday is wrong, or an interview date that differs from the "
        "record.",
        explanation="A wrong date is a factual error the reader notices at once; it also "
        "suggests the note was copied from another application. Dates without a year are "
        "read in the year of the record's interview.",
        bad="Thank you for meeting with me on Tuesday, November 20, 2026.",
        good="Thank you for meeting with me on Friday, November 20, 2026.",
        check=check_dates,
    ),
]
