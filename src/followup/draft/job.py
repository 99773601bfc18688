"""The whole job: render every letter a request asks for, with timing notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .. import timing
from ..records import Record
from .advice import record_notes
from .environment import long_date, make_environment, render
from .output import FORMATS, Draft, file_name
from .people import choose_people
from .templates import DraftError, TemplateInfo, find_template, make_loader
from .variables import RecordVariables

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
    next_number: dict[str, int] = {}  # a name's next free number: linear, not quadratic
    shared = RecordVariables(record, request.profile, when, info,
                             request.thank_you_within_hours)
    notes = timing_notes(info, record, when, request.thank_you_within_hours)
    for person in people:
        rendered = render(env, info, shared.for_person(person))
        name = file_name(info, person, request.fmt)
        if name in used:
            stem, suffix = name.rsplit(".", 1)
            number = next_number.get(name, 2)
            while f"{stem}-{number}.{suffix}" in used:
                number += 1
            next_number[name] = number + 1
            name = f"{stem}-{number}.{suffix}"
        used.add(name)
        draft = Draft(info=info, person=person, rendered=rendered, when=when,
                      path=out_dir / name)
        draft.notes.extend(notes)
        draft.notes.extend(record_notes(info, record, person, when))
        if request.fmt == "eml" and not person.email:
            draft.notes.append(f"no email address is recorded for {person.name}; the draft's "
                               f"To: has the name only")
        drafts.append(draft)
    return drafts


def timing_notes(info: TemplateInfo, record: Record, when: date, hours: int) -> list[str]:
    """What `followup draft` says about the letter's date, by the same deadlines as D001
    and D002 and the plan (`timing.py`): so a draft the notes call late is one lint calls
    late, and the other way round."""
    notes = []
    if info.kind == "thank-you" and timing.late_thank_you(record, hours, when):
        notes.append(f"the interview was on {long_date(record.interview_day)}; "
                     f"thank-you notes are best sent within {hours} hours")
    if info.kind == "status-inquiry" and timing.premature_inquiry(record, when):
        earliest = timing.status_inquiry_earliest(record)
        if record.decision_date is not None:
            notes.append(f"they expect to decide by {long_date(record.decision_date)}; a "
                         f"status inquiry is best sent after that date")
        else:
            notes.append(f"the interview was on {long_date(record.interview_day)} and the "
                         f"record gives no decision date; a status inquiry is best sent "
                         f"after {timing.INQUIRY_EARLIEST_BUSINESS_DAYS} business days, "
                         f"from {long_date(earliest)}")
    return notes
