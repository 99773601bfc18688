"""The open actions of a plan as an RFC 5545 calendar: one VTODO with an alarm each.

Built with `icalendar`. Each to-do's UID comes from what it is (company, position,
interview day, action, person, document), never from the run, so importing the file again
updates the same to-dos instead of adding copies; done actions are left out.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Todo

from .. import __version__
from ..plan import Action, Plan
from .plan import describe, shown_path

PRODID = f"-//followup//followup plan {__version__}//EN"


def uid_of(action: Action) -> str:
    record = action.record
    key = "\x1f".join((record.company, record.position, record.interview_day.isoformat(),
                       action.action, action.to, action.what or ""))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@followup"


def _todo(action: Action, stamp: datetime) -> Todo:
    todo = Todo()
    todo.add("uid", uid_of(action))
    todo.add("dtstamp", stamp)
    record = action.record
    todo.add("summary", f"{describe(action)} ({record.company})")
    todo.add("description",
             f"{record.position} at {record.company}, interview "
             f"{record.interview_day.isoformat()}. Draft it with: followup draft "
             f"{action.template} --record {shown_path(record.path)} --to \"{action.to}\"")
    due = action.due
    if due.at is not None:
        todo.add("due", datetime.combine(due.day, due.at))
    else:
        todo.add("due", due.day)
    if due.opens is not None and due.opens < due.day:
        todo.add("dtstart", due.opens if due.at is None else datetime.combine(
            due.opens, due.at.replace(hour=0, minute=0)))
    todo.add("status", "NEEDS-ACTION")
    todo.add("priority", 1 if action.state == "overdue" else 5)
    todo.add("categories", [action.action])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Due: {describe(action)}")
    # on the morning of the due day (a dated DUE is that day's start), or 2 h before a time
    trigger = timedelta(hours=-2) if due.at is not None else timedelta(hours=9)
    alarm.add("trigger", trigger, parameters={"RELATED": "END"})
    todo.add_component(alarm)
    return todo


def calendar_bytes(plan: Plan, now: datetime | None = None) -> bytes:
    """The calendar of `plan`'s open actions."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "followup plan")
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    for action in plan.actions:
        if action.state != "done":
            calendar.add_component(_todo(action, stamp))
    return calendar.to_ical()
