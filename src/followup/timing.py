"""When each follow-up action is due: ONE place, used by D001/D002 and by `followup plan`.

The advice the rules serve, as dates:
- a thank-you note to each interviewer within `thank_you_within_hours` of the interview;
- requested documents within 24 hours of the interview;
- a heads-up to each reference before the decision date (the day before), or within 2
  days of the interview when no decision date was given;
- a status inquiry only after the decision date has passed, due `status_inquiry_after_days`
  business days after it; without a decision date, not before 5 business days after the
  interview and due after 10; a second one a week after the first;
- a reply to a rejection within 2 days of hearing.

Times: a record's `interview_date` may carry a time and a zone. A bare date counts from the
end of that day. A letter's time is read in the record's zone when the record has one,
else as the writer's wall clock (the zone is dropped). A letter dated with a bare date gets
the benefit of the doubt: the start of that day. Business days are Monday to Friday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from .records import Record

DOCUMENTS_WITHIN_HOURS = 24
REFERENCE_DAYS_WITHOUT_DECISION = 2
INQUIRY_EARLIEST_BUSINESS_DAYS = 5  # without a decision date: sooner is premature (D002)
INQUIRY_DUE_BUSINESS_DAYS = 10  # without a decision date: then ask
SECOND_INQUIRY_DAYS = 7
REJECTION_REPLY_DAYS = 2


@dataclass(frozen=True)
class Due:
    """When an action is due: the last day to do it, and the time on that day if the
    deadline has one. `opens` is the first day it makes sense (None: any time)."""

    day: date
    at: time | None = None
    opens: date | None = None

    def iso(self) -> str:
        if self.at is None:
            return self.day.isoformat()
        return datetime.combine(self.day, self.at).isoformat(timespec="minutes")


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def add_business_days(day: date, count: int) -> date:
    """The `count`-th business day after `day` (0: `day` itself, or the next business day
    when it falls on a weekend)."""
    current = day
    if count <= 0:
        while not is_business_day(current):
            current += timedelta(days=1)
        return current
    while count:
        current += timedelta(days=1)
        if is_business_day(current):
            count -= 1
    return current


def _zone(record: Record) -> tzinfo | None:
    when = record.interview_date
    return when.tzinfo if isinstance(when, datetime) else None


def in_record_time(record: Record, moment: datetime) -> datetime:
    """A moment as the record's clock reads it: converted to the record's zone when both
    have one, else its wall-clock time (naive)."""
    zone = _zone(record)
    if moment.tzinfo is not None and zone is not None:
        moment = moment.astimezone(zone)
    return moment.replace(tzinfo=None)


def interview_moment(record: Record) -> datetime:
    """When the interview counts from: its time, or the end of its day (naive, record's
    clock)."""
    when = record.interview_date
    if isinstance(when, datetime):
        return when.replace(tzinfo=None)
    return datetime.combine(when + timedelta(days=1), time())


def _deadline(moment: datetime, opens: date | None = None) -> Due:
    """A deadline as a Due: a deadline at midnight is the end of the day before."""
    if moment.time() == time():
        return Due(moment.date() - timedelta(days=1), None, opens)
    return Due(moment.date(), moment.time(), opens)


def thank_you_due(record: Record, hours: int) -> Due:
    return _deadline(interview_moment(record) + timedelta(hours=hours), record.interview_day)


def documents_due(record: Record) -> Due:
    return _deadline(interview_moment(record) + timedelta(hours=DOCUMENTS_WITHIN_HOURS),
                     record.interview_day)


def reference_due(record: Record) -> Due:
    if record.decision_date is not None:
        return Due(record.decision_date - timedelta(days=1))
    return Due(record.interview_day + timedelta(days=REFERENCE_DAYS_WITHOUT_DECISION))


def status_inquiry_earliest(record: Record) -> date:
    """The first day a status inquiry is not premature (D002): the day after the decision
    date, or 5 business days after the interview without one."""
    if record.decision_date is not None:
        return record.decision_date + timedelta(days=1)
    return add_business_days(record.interview_day, INQUIRY_EARLIEST_BUSINESS_DAYS)


def status_inquiry_due(record: Record, after_days: int) -> Due:
    """The day to ask: `after_days` business days after the decision date (at least the
    next business day), or 10 business days after the interview without one."""
    earliest = status_inquiry_earliest(record)
    if record.decision_date is not None:
        day = add_business_days(record.decision_date, max(after_days, 1))
    else:
        day = add_business_days(record.interview_day, INQUIRY_DUE_BUSINESS_DAYS)
    return Due(max(day, earliest), None, earliest)


def second_inquiry_due(first_sent: date) -> Due:
    day = add_business_days(first_sent + timedelta(days=SECOND_INQUIRY_DAYS), 0)
    return Due(day, None, first_sent + timedelta(days=1))


def rejection_reply_due(outcome_date: date) -> Due:
    return Due(outcome_date + timedelta(days=REJECTION_REPLY_DAYS), None, outcome_date)


def sent_moment(record: Record, sent: date | datetime) -> datetime:
    """When a letter went out on the record's clock; a bare date is the start of its day."""
    if isinstance(sent, datetime):
        return in_record_time(record, sent)
    return datetime.combine(sent, time())


def on_time(due: Due, record: Record, sent: date | datetime) -> bool:
    """Whether a letter sent at `sent` meets `due` (a bare date: by the end of the day)."""
    moment = sent_moment(record, sent)
    if due.at is None or not isinstance(sent, datetime):
        return moment.date() <= due.day
    return moment <= datetime.combine(due.day, due.at)


def late_thank_you(record: Record, hours: int, sent: date | datetime) -> bool:
    """A thank-you note sent (a draft: dated) at `sent` after its deadline (D001, and the
    note `followup draft` prints); one written before the interview is not late."""
    if on_time(thank_you_due(record, hours), record, sent):
        return False
    return sent_moment(record, sent) >= interview_moment(record)


def premature_inquiry(record: Record, sent: date | datetime) -> bool:
    """A status inquiry sent before `status_inquiry_earliest` (D002)."""
    day = sent_moment(record, sent).date()
    return day < status_inquiry_earliest(record)


STATES = ("overdue", "due", "upcoming", "done")


def state_of(due: Due, today: date, done: bool) -> str:
    """done; overdue (past its day); due (today or tomorrow, once it opens); upcoming."""
    if done:
        return "done"
    if today > due.day:
        return "overdue"
    if due.opens is not None and today < due.opens:
        return "upcoming"
    return "due" if (due.day - today).days <= 1 else "upcoming"
