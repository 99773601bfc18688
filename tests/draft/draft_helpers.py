"""Helpers for the drafting tests: a letter reader that finds the salutation, the body
paragraphs and the sign-off, and the names of the bundled templates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FIXTURES = Path(__file__).parent / "fixtures"
BUILTIN = (
    "thank-you-email", "thank-you-letter", "status-inquiry", "additional-documents",
    "reference-heads-up", "rejection-reply", "networking-update",
)
SIGN_OFFS = ("Best regards,", "Kind regards,", "With thanks,", "Warm regards,", "Sincerely,",
             "Best wishes,")
SALUTATION = re.compile(r"^Dear ((Mr|Ms|Mrs|Mx|Dr|Prof)\. )?[^\s,][^,]*,$")


@dataclass
class Letter:
    front: dict
    head: list[str]
    salutation: str
    paragraphs: list[str]
    sign_off: list[str]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return len(self.body.split())


def read_letter(text: str) -> Letter:
    front: dict = {}
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        front = yaml.safe_load(text[4:end])
        text = text[end + 5:]
    lines = text.strip("\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Dear "))
    stop = next(i for i, line in enumerate(lines) if line in SIGN_OFFS)
    body = "\n".join(lines[start + 1: stop]).strip("\n")
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    sign_off = [line for line in lines[stop:] if line]  # the blank room to sign dropped
    return Letter(front, lines[:start], lines[start], paragraphs, sign_off)


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\[])", paragraph) if s.strip()]
