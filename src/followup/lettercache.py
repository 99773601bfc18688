"""What `followup plan` needs to know about each letter, cached by file, size and mtime.

A plan is run every morning over the same folders, where most letters have not changed
since yesterday; reading and parsing them again is most of a plan's time. For each letter
this keeps whether it is a draft, and for a sent one: when it was sent, its kind, its
recipient, its salutation and its text (for the documents it sends). One JSON file in the
user cache folder (`followup/plan/letters.json`, or `$FOLLOWUP_PLAN_CACHE`), written
atomically; an entry whose file changed is ignored, and so is the whole cache when the code
that reads letters changed (another version of followup, or an edited checkout). Nothing
leaves the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import Document

CACHE_ENV = "FOLLOWUP_PLAN_CACHE"
FORMAT = 2
# the modules whose code decides what a letter is to the plan
_READERS = ("lettercache.py", "source.py", "document.py", "kinds.py", "docx_source.py",
            "plan.py")


def code_stamp() -> list[list[Any]]:
    """Size and modification time of the modules that read letters: a cache written by
    other code (an upgrade, or an edited checkout, whose version stays the same) is not
    trusted. Cheaper than asking importlib.metadata for the version."""
    here = Path(__file__).parent
    stamp: list[list[Any]] = []
    for name in _READERS:
        try:
            stat = (here / name).stat()
        except OSError:
            continue
        stamp.append([name, stat.st_mtime_ns, stat.st_size])
    return stamp


def default_cache_file() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("followup")) / "plan" / "letters.json"


@dataclass
class Letter:
    """A letter as the plan and C005 see it (the full Document only when it is needed)."""

    path: str
    sent: date | datetime | None  # None: a draft (never cached: the plan skips drafts)
    kind: str
    recipient: str | None
    salutation: str | None
    text: str  # subject line and checked text
    record_link: str | None
    document: Document | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, document: Document) -> Letter:
        subject = str(document.front_matter.get("subject") or document.headers.get("subject")
                      or "")
        salutation = document.slice(document.salutation) if document.salutation else None
        return cls(document.path, document.sent, document.kind, document.recipient,
                   salutation, f"{subject}\n{document.text}", document.record_link, document)

    def to_json(self) -> dict[str, Any]:
        return {"sent": self.sent.isoformat() if self.sent is not None else None,
                "timed": isinstance(self.sent, datetime),
                "kind": self.kind, "recipient": self.recipient, "salutation": self.salutation,
                "text": self.text, "record_link": self.record_link}

    @classmethod
    def from_json(cls, path: str, data: dict[str, Any]) -> Letter:
        sent: date | datetime | None = None
        if data["sent"] is not None:
            sent = datetime.fromisoformat(data["sent"]) if data["timed"] else \
                date.fromisoformat(data["sent"])
        return cls(path, sent, str(data["kind"]), data["recipient"], data["salutation"],
                   str(data["text"]), data["record_link"])


def read_letter(path: str, data: bytes | None = None) -> Document:
    """A letter as lint reads it, its kind inferred the same way (imported here: a warm
    plan reads no letter)."""
    from .kinds import infer_kind
    from .source import read_document

    document = read_document(path, data=data)
    document.kind, document.kind_explicit = infer_kind(document)
    return document


DRAFT = "draft"  # a cached verdict: this file is not a sent letter


class LetterCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_file()
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        self.seen: set[str] = set()
        self.stamp = code_stamp()
        with contextlib.suppress(OSError, ValueError, TypeError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("code") == self.stamp and \
                    isinstance(data.get("letters"), dict):
                self.entries = data["letters"]

    @staticmethod
    def _key(path: str) -> str:
        return os.path.abspath(path)

    @staticmethod
    def _stamp(stat: os.stat_result) -> list[int]:
        return [stat.st_mtime_ns, stat.st_size]

    def get(self, path: str, stat: os.stat_result) -> Letter | str | None:
        """The cached Letter, DRAFT, or None when unknown or changed."""
        key = self._key(path)
        self.seen.add(key)
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or entry.get("stamp") != self._stamp(stat):
            return None
        if entry.get("draft"):
            return DRAFT
        try:
            return Letter.from_json(path, entry["letter"])
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: str, stat: os.stat_result, letter: Letter | None) -> None:
        entry: dict[str, Any] = {"stamp": self._stamp(stat)}
        if letter is None:
            entry["draft"] = True
        else:
            entry["letter"] = letter.to_json()
        self.entries[self._key(path)] = entry
        self.changed = True

    def save(self) -> None:
        """Write the cache when it changed, dropping entries of files that are gone."""
        gone = [key for key in self.entries if key not in self.seen and
                not os.path.exists(key)]
        for key in gone:
            del self.entries[key]
        if not self.changed and not gone:
            return
        from .atomic import write_text_atomic  # (tempfile: only when there is news)

        text = json.dumps({"format": FORMAT, "code": self.stamp, "letters": self.entries},
                          ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache that cannot be written is no cache
            write_text_atomic(self.path, text, overwrite=True, durable=False)
