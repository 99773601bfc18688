"""The plan as text (overdue and due first, by application) and as JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import click

from ..plan import Action, Plan
from ..records import Record
from ..timing import Due

_COLORS = {"overdue": "red", "due": "yellow", "upcoming": None, "done": "green"}
_ORDER = {"overdue": 0, "due": 1, "upcoming": 2, "done": 3}


def shown_path(path: Path | str) -> str:
    """Relative to the current folder when below it, as the user named it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def weekday(day: date, today: date | None = None) -> str:
    """"Wed 25 Nov" (with the year when it is not this year's)."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if today is None or day.year == today.year else f"{text} {day.year}"


def due_text(due: Due, today: date | None = None) -> str:
    text = weekday(due.day, today)
    return f"{text} {due.at:%H:%M}" if due.at is not None else text


def _sent_text(sent: date | datetime, today: date) -> str:
    day = sent.date() if isinstance(sent, datetime) else sent
    return weekday(day, today)


def describe(action: Action) -> str:
    """What the action is, in words: "thank-you to Nick Claus"."""
    if action.action == "documents":
        return f"documents ({action.what}) to {action.to}"
    if action.action == "status-inquiry" and action.what == "second":
        return f"second status-inquiry to {action.to}"
    return f"{action.action} to {action.to}"


def draft_hint(action: Action) -> str:
    """The command that drafts this action's letter."""
    return (f"followup draft {action.template} --record {shown_path(action.record.path)} "
            f'--to "{action.to}"')


def _application(record: Record) -> str:
    return f"{record.company} — {record.position} ({shown_path(record.path)})"


def _grouped(actions: Sequence[Action]) -> list[tuple[Record, list[Action]]]:
    groups: dict[int, tuple[Record, list[Action]]] = {}
    for action in actions:
        groups.setdefault(id(action.record), (action.record, []))[1].append(action)
    return list(groups.values())


def render_text(plan: Plan, stream: TextIO, today: date, *, color: bool = False) -> None:
    def style(text: str, state: str, bold: bool = False) -> str:
        if not color:
            return text
        return click.style(text, fg=_COLORS[state], bold=bold or state == "overdue")

    def line(action: Action) -> str:
        state = style(f"{action.state:<8}", action.state)
        when = f"{due_text(action.due, today):<16}"
        text = f"  {state} {when} {describe(action)}"
        if action.letter is not None and action.sent is not None:
            late = ", late" if action.late else ""
            text += f" — sent {_sent_text(action.sent, today)}{late}: " \
                f"{shown_path(action.letter.path)}"
        elif action.state in ("overdue", "due"):
            hint = f"draft: {draft_hint(action)}"
            text += "\n" + " " * 28 + (click.style(hint, dim=True) if color else hint)
        return text

    sections = (("Overdue and due", ("overdue", "due")), ("Upcoming", ("upcoming",)),
                ("Done", ("done",)))
    for title, states in sections:
        chosen = sorted((a for a in plan.actions if a.state in states),
                        key=lambda a: (_ORDER[a.state], a.due.day))
        if not chosen:
            continue
        stream.write(f"{title}\n" if not color else click.style(title, bold=True) + "\n")
        ordered = sorted(_grouped(chosen), key=lambda g: (min(_ORDER[a.state] for a in g[1]),
                                                          min(a.due.day for a in g[1])))
        for record, actions in ordered:
            stream.write(f"{_application(record)}\n")
            for action in sorted(actions, key=lambda a: (_ORDER[a.state], a.due.day,
                                                         ACTION_ORDER[a.action])):
                stream.write(line(action) + "\n")
        stream.write("\n")
    counts = ", ".join(f"{plan.count(s)} {s}" for s in ("overdue", "due", "upcoming", "done"))
    applications = len(plan.records)
    stream.write(f"{counts} across {applications} application"
                 f"{'s' if applications != 1 else ''} (today is {weekday(today)} "
                 f"{today.year}).\n")


ACTION_ORDER = {name: i for i, name in enumerate(
    ("thank-you", "documents", "reference", "status-inquiry", "rejection-reply"))}


def action_dict(action: Action, shown: dict[str, str] | None = None) -> dict[str, Any]:
    """One action as JSON; `shown` memoises the paths as shown (a record has many)."""
    memo = shown if shown is not None else {}

    def show(path: Path | str) -> str:
        key = str(path)
        if key not in memo:
            memo[key] = shown_path(path)
        return memo[key]

    return {
        "record": show(action.record.path),
        "company": action.record.company,
        "position": action.record.position,
        "action": action.action,
        "to": action.to,
        "due": action.due.iso(),
        "state": action.state,
        "template": action.template,
        "letter": show(action.letter.path) if action.letter is not None else None,
    }


def render_json(plan: Plan, stream: TextIO) -> None:
    shown: dict[str, str] = {}
    actions = [action_dict(a, shown) for a in plan.actions]
    stream.write(json.dumps({"actions": actions}, indent=2, ensure_ascii=False) + "\n")
