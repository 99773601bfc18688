"""Output formats: each a small function of the lint result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..document import Document
    from ..linter import LintResult

FORMATS = ("text", "json", "github", "sarif")


def render(fmt: str, result: LintResult, stream: TextIO, *, color: bool = False,
           show_source: bool = True) -> None:
    renderer: Callable[..., None]
    if fmt == "json":
        from .json import render as renderer
    elif fmt == "github":
        from .github import render as renderer
    elif fmt == "sarif":
        from .sarif import render as renderer
    else:
        from .text import render as text_renderer

        text_renderer(result, stream, color=color, show_source=show_source)
        return
    renderer(result, stream)


def applications(result: LintResult) -> list[dict[str, Any]]:
    """Per application (record) of the run: its letters and its findings by severity, in
    the order first met; letters with no record together, last (`record` None)."""
    groups: dict[Path | None, dict[str, Any]] = {}
    by_path: dict[str, Path | None] = {}
    for document in result.documents:
        record = result.record_of.get(document.path)
        key = record.path.resolve() if record is not None else None
        by_path[document.path] = key
        if record is not None:
            by_path.setdefault(str(record.path), key)
        if key not in groups:
            groups[key] = {"record": str(record.path) if record else None,
                           "company": record.company if record else None,
                           "position": record.position if record else None,
                           "letters": 0, "errors": 0, "warnings": 0, "infos": 0}
        groups[key]["letters"] += 1
    for finding in result.findings:
        key = by_path.get(finding.path)
        if key not in groups:
            key = next((k for k in groups if k is not None
                        and k == Path(finding.path).resolve()), None)
        if key in groups:
            groups[key][f"{finding.severity.value}s"] += 1
    ordered = [g for k, g in groups.items() if k is not None]
    return ordered + ([groups[None]] if None in groups else [])


def read_as_general(document: Document) -> bool:
    """A letter with a body whose kind was inferred as `other`: the thank-you and status
    checks did not run on it, which every format says (silence is not safety)."""
    return document.kind == "other" and not document.kind_explicit and bool(document.body)


def general_notice(shown: str, count: int = 1) -> str:
    """The note on letters read as general letters (`shown` names them), in every format."""
    letters = "a general letter" if count == 1 else "general letters"
    return (f"Read as {letters} (no thanks, status question or reply to a decision in the "
            f"opening), so the thank-you and status checks did not run: {shown}; set "
            "`kind:` if that is wrong.")


def document_kinds(result: LintResult) -> list[dict[str, Any]]:
    """Per letter read, its kind as `followup inspect` names it (`kind`, `kind_source`,
    `kind_words`) and whether it was read as a general letter."""
    return [{"path": d.path, "kind": d.kind, "kind_source": d.kind_source,
             "kind_words": d.kind_words, "read_as_general": read_as_general(d)}
            for d in result.documents]
