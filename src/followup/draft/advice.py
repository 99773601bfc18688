"""Notes on a draft that the record makes plain and the letter cannot say for itself:
a thank-you after the outcome is known, a printed letter with no postal address.

Printed like the timing notes ("note: ..."), never an error: the draft is still written,
because a person may have good reason to send it.
"""

from __future__ import annotations

from datetime import date

from ..records import Contact, Record
from .environment import long_date
from .templates import TemplateInfo

# What a thank-you note reads like once this outcome is known, and what to send instead.
_AFTER_OUTCOME = {
    "rejected": "a thank-you asking about next steps contradicts it; send a rejection "
                "reply instead (followup draft rejection-reply)",
    "withdrawn": "a thank-you reads oddly after you withdrew",
}


def record_notes(info: TemplateInfo, record: Record, person: Contact, when: date
                 ) -> list[str]:
    """Notes for one draft of `info` to `person`, written on `when`."""
    notes: list[str] = []
    if info.kind == "thank-you" and record.outcome in _AFTER_OUTCOME:
        heard = record.outcome_date
        on = f" on {long_date(heard)}" if heard and heard <= when else ""
        notes.append(f"the record says the outcome is '{record.outcome}'{on}; "
                     f"{_AFTER_OUTCOME[record.outcome]}")
    if "inside_address" in info.blocks and not record.address:
        notes.append(f"the record has no postal address for {record.company}; the inside "
                     f"address of the letter to {person.formal_name} has the name, title "
                     f"and company only: add `address:` to the record before printing")
    return notes
