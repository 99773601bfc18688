"""The whole job: render every letter a request asks for, with timing notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..records import Record
from .advice import record_notes
from .environment import long_date, make_environment, render
from .output import FORMATS, Draft, file_name
from .people import choose_people
from .templates import DraftError, TemplateInfo, find_template, make_loader
from .variables import build_variables

# --- the whole job -------------------------------------------------------------------


@dataclass
class DraftRequest:
    template: str
    record: Record
    to: str | Sequence[str] | None = None  # one name or several (`--to` repeated)
    everyone: bool = False
    out_dir: Path | None = None
    fmt: str = "md"
    force: bool = False
    when: date | None = None
    template_dirs: tuple[Path, ...] = ()
    profile: Any = None
    thank_you_within_hours: int = 24


def prepare_drafts(request: DraftRequest) -> list[Draft]:
    """Render every letter the request asks for, without writing anything."""
    if request.fmt not in FORMATS:
        raise DraftError(f"unknown format '{request.fmt}'; use one of {', '.join(FORMATS)}")
    loader = make_loader(request.template_dirs)
    info = find_template(loader, request.template)
    env = make_environment(loader)
    record = request.record
    when = request.when or date.today()
    out_dir = request.out_dir if request.out_dir is not None else record.path.parent
    people = choose_people(record, info, request.to, request.everyone)
    drafts: list[Draft] = []
    used: set[str] = set()
    for person in people:
        variables = build_variables(record, person, request.profile, when, info,
                                    request.thank_you_within_hours)
        rendered = render(env, info, variables)
        name = file_name(info, person, request.fmt)
        stem, suffix = name.rsplit(".", 1)
        number = 2
        while name in used:
            name = f"{stem}-{number}.{suffix}"
            number += 1
        used.add(name)
        draft = Draft(info=info, person=person, rendered=rendered, when=when,
                      path=out_dir / name)
        draft.notes.extend(timing_notes(info, record, when, request.thank_you_within_hours))
        draft.notes.extend(record_notes(info, record, person, when))
        if request.fmt == "eml" and not person.email:
            draft.notes.append(f"no email address is recorded for {person.name}; the draft's "
                               f"To: has the name only")
        drafts.append(draft)
    return drafts


def timing_notes(info: TemplateInfo, record: Record, when: date, hours: int) -> list[str]:
    notes = []
    if info.kind == "thank-you":
        start = record.interview_date
        if not isinstance(start, datetime):
            start = datetime.combine(start, time(23, 59))
        if datetime.combine(when, time(0, 0)) > start.replace(tzinfo=None) + timedelta(hours=hours):
            notes.append(f"the interview was on {long_date(record.interview_day)}; "
                         f"thank-you notes are best sent within {hours} hours")
    if info.kind == "status-inquiry" and record.decision_date and when <= record.decision_date:
        notes.append(f"they expect to decide by {long_date(record.decision_date)}; a status "
                     f"inquiry is best sent after that date")
    return notes
