"""Writing drafts: file names, Markdown with front matter, plain text, `.eml`; atomic, and
never over an existing file without --force."""

from __future__ import annotations

import email.policy
import email.utils
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from email.headerregistry import Address, Group
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..atomic import write_bytes_atomic, write_problem
from ..records import Contact, Record
from .environment import Rendered, _stable_hash
from .people import _FOLD
from .templates import DraftError, TemplateInfo

if TYPE_CHECKING:
    from .job import DraftRequest

FORMATS = ("md", "txt", "eml", "docx")


def slugify(text: str) -> str:
    """'Siobhán O'Brien' -> 'siobhan-obrien' (diacritics folded, apostrophes dropped)."""
    text = "".join(_FOLD.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['\u2019\u2018`]", "", text)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text


# File names are at most 255 bytes (NAME_MAX); a draft's name stays well under it, so that
# a number for a repeated name (`-2`) and the temporary file's `.NAME.PID-XXXXXXXX.tmp`
# still fit.
MAX_NAME_BYTES = 200


def file_name(info: TemplateInfo, person: Contact, fmt: str) -> str:
    """`thank-you-nick-claus.md`. A name too long for a file name keeps its start and ends
    in a short hash of the whole slug: the same on every run, different for two names."""
    slug = slugify(person.name) or f"person-{_stable_hash(person.name) % 10000:04d}"
    stem = f"{slugify(info.file_stem) or 'letter'}-{slug}"
    name = f"{stem}.{fmt}"
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:  # slugs are ASCII: bytes == chars
        return name
    digest = f"{_stable_hash(stem):016x}"[:10]
    room = MAX_NAME_BYTES - len(f"-{digest}.{fmt}")
    return f"{stem[:room].rstrip('-')}-{digest}.{fmt}"


@dataclass
class Draft:
    """One letter, ready to be written."""

    info: TemplateInfo
    person: Contact
    rendered: Rendered
    when: date
    path: Path
    notes: list[str] = field(default_factory=list)


def markdown_text(draft: Draft, record: Record) -> str:
    meta: dict[str, Any] = {
        "record": _relative(record.path, draft.path.parent),
        "to": draft.person.formal_name,  # never a nickname in quotes
        "kind": draft.info.kind,
        "date": draft.when,
    }
    if draft.rendered.subject:
        meta["subject"] = draft.rendered.subject
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False,
                           width=1000)
    return f"---\n{front}---\n\n{draft.rendered.text}"


def _relative(target: Path, folder: Path) -> str:
    try:
        rel = os.path.relpath(Path(target).resolve(), Path(folder).resolve())
    except ValueError:  # another drive on Windows
        return Path(target).resolve().as_posix()
    return Path(rel).as_posix()


def eml_bytes(draft: Draft, record: Record, profile: Any, now: datetime | None = None
              ) -> bytes:
    msg = EmailMessage(policy=email.policy.default)
    person = draft.person
    if person.email:
        msg["To"] = Address(display_name=person.formal_name, addr_spec=person.email)
    else:
        msg["To"] = Group(display_name=person.formal_name)
    if profile is not None and profile.email:
        msg["From"] = Address(display_name=profile.name, addr_spec=profile.email)
    msg["Subject"] = draft.rendered.subject or f"{record.position} interview"
    stamp = _letter_datetime(draft.when, now)
    msg["Date"] = email.utils.format_datetime(stamp)
    domain = profile.email.split("@", 1)[1] if profile is not None and profile.email else None
    msg["Message-ID"] = email.utils.make_msgid(domain=domain)
    msg["X-Unsent"] = "1"
    msg["X-Followup-Record"] = _relative(record.path, draft.path.parent)
    msg["X-Followup-Kind"] = draft.info.kind
    msg["X-Followup-Template"] = draft.info.name
    msg.set_content(draft.rendered.text, charset="utf-8")
    return msg.as_bytes(policy=email.policy.SMTP)


def _letter_datetime(when: date, now: datetime | None) -> datetime:
    now = now or datetime.now().astimezone()
    if when == now.date():
        return now.replace(microsecond=0)
    return datetime.combine(when, time(9, 0)).astimezone()


def write_new(path: Path, data: bytes, force: bool) -> None:
    """Write atomically (a temporary file in the same folder, then a rename); an existing
    file is only replaced with `force`, and never half-written."""
    if path.exists() and not force:
        raise DraftError("already exists; use --force to overwrite it", path)
    try:
        write_bytes_atomic(path, data, overwrite=force)
    except FileExistsError:  # it appeared while we wrote: never clobber
        raise DraftError("already exists; use --force to overwrite it", path) from None



def plain_text(draft: Draft) -> str:
    """The letter as plain text, under a `Subject:` line when the template has a subject:
    lint reads that line as the subject, so the kind follows from it without front matter."""
    if not draft.rendered.subject:
        return draft.rendered.text
    return f"Subject: {draft.rendered.subject}\n\n{draft.rendered.text}"


def encode(draft: Draft, record: Record, profile: Any, fmt: str) -> bytes:
    if fmt == "md":
        return markdown_text(draft, record).encode("utf-8")
    if fmt == "eml":
        return eml_bytes(draft, record, profile)
    if fmt == "docx":
        return docx_bytes(draft, record, profile)
    return plain_text(draft).encode("utf-8")


def _blocks(text: str) -> list[list[str]]:
    """The rendered letter's blocks: runs of non-blank lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        if raw.strip():
            blocks[-1].append(raw.strip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _letter_head(draft: Draft, record: Record, profile: Any) -> list[list[str]]:
    """Sender block, date and inside address for a template that renders none (the e-mail
    templates): a letter on paper always has them."""
    from .environment import long_date

    sender: list[str] = []
    if profile is not None:
        sender = [profile.name, *profile.address,
                  *(v for v in (profile.phone, profile.email) if v)]
    person = draft.person
    inside = [person.formal_name, *([person.title] if person.title else [])]
    address = list(record.address)
    names = {n.lower() for n in [record.company, *record.company_aliases]}
    if not address or address[0].lower() not in names:
        inside.append(record.company)
    inside += address
    return [block for block in (sender, [long_date(draft.when)], inside) if block]


def docx_bytes(draft: Draft, record: Record, profile: Any) -> bytes:
    """The letter as a Word document laid out for printing: sender block, date, inside
    address, salutation, body, sign-off, four empty paragraphs to sign in, the typed name.
    One Word paragraph per line of the letter, so `followup lint` reads it back with the
    same lines (a blank paragraph between blocks)."""
    import io

    import docx  # python-docx; imported here so other formats do not pay for it
    from docx.shared import Pt

    from ..document import is_closing, is_salutation

    blocks = _blocks(draft.rendered.text)
    greet = next((i for i, block in enumerate(blocks) if is_salutation(block[0])), None)
    head = blocks[:greet] if greet else []
    rest = blocks[greet:] if greet is not None else blocks
    if not head:
        head = _letter_head(draft, record, profile)
    elif not any(line == draft.person.formal_name for block in head for line in block):
        head.append(_letter_head(draft, record, profile)[-1])  # the inside address
    closing: list[str] = []
    for index, block in enumerate(rest):
        at = next((k for k, line in enumerate(block) if is_closing(line)), None)
        if at is not None and index > 0:
            closing = block[at:] + [line for later in rest[index + 1:] for line in later]
            rest = rest[:index] + ([block[:at]] if at else [])
            break
    word = docx.Document()
    style = word.styles["Normal"]
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)

    def paragraph(text: str = "") -> None:
        word.add_paragraph(text)

    laid_out = [(block, False) for block in head] + \
        [(block, index > 0) for index, block in enumerate(rest)]
    for block, is_body in laid_out:
        if word.paragraphs:
            paragraph()
        if is_body:  # a block of wrapped lines is one paragraph
            paragraph(" ".join(block))
        else:
            for line in block:
                paragraph(line)
    if closing:
        paragraph()
        paragraph(closing[0])
        for _ in range(4):  # room for a handwritten signature
            paragraph()
        for line in closing[1:]:
            paragraph(line)
    out = io.BytesIO()
    word.core_properties.title = draft.rendered.subject or f"{record.position} interview"
    word.core_properties.subject = draft.info.kind
    word.save(out)
    return out.getvalue()


def write_drafts(drafts: Sequence[Draft], request: DraftRequest) -> list[Path]:
    """Write the drafts; when not forcing, refuse before writing anything if one exists."""
    if not request.force:
        for draft in drafts:
            if draft.path.exists():
                raise DraftError("already exists; use --force to overwrite it", draft.path)
    written = []
    for draft in drafts:
        data = encode(draft, request.record, request.profile, request.fmt)
        try:
            write_new(draft.path, data, request.force)
        except OSError as exc:
            raise DraftError(f"cannot write the draft: {write_problem(draft.path, exc)}",
                             draft.path) from None
        written.append(draft.path)
    return written
