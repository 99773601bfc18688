"""`followup inspect`: how each letter was read, from the same Document the rules see.

Prints the format, the kind and where it came from (front matter, a header or subject
line, or inferred from which words), the linked record and why, and the parts of the
letter with their file lines. Nothing is recomputed here: the Document is built by
`source.read_document` and its kind by `kinds.infer_kind`, exactly as `lint` does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import RecordError, UserError


def describe(path: str, record_override: Path | None = None) -> dict[str, Any]:
    """The reading of one letter as a plain dict (the JSON shape)."""
    from ..kinds import infer_kind
    from ..records import find_record_for
    from ..source import read_document

    document = read_document(path)
    document.kind, document.kind_explicit = infer_kind(document)
    record_path: str | None = None
    why = "no record found"
    record_error: str | None = None
    try:
        record = find_record_for(Path(path), document.record_link, record_override)
    except RecordError as exc:
        record, record_error = None, str(exc)
    if record is not None:
        record_path = str(record.path)
        if record_override is not None:
            why = "--record"
        elif document.record_link:
            why = f"record: {document.record_link}"
        else:
            why = "the nearest interview record in the letter's folders"
    elif record_error:
        why = record_error
    return {
        "path": path,
        "format": document.format,
        "kind": document.kind,
        "kind_source": document.kind_source,
        "kind_words": document.kind_words,
        "record": record_path,
        "record_reason": why,
        "parts": [{"role": p.role, "line": p.line, "end_line": p.end_line}
                  for p in document.parts],
    }


def _text(info: dict[str, Any]) -> str:
    source = {"front-matter": "set in the front matter", "header": "from the header",
              "inferred": "inferred"}[info["kind_source"]]
    words = f" from '{info['kind_words']}'" if info["kind_words"] else ""
    lines = [f"{info['path']}:",
             f"  format  {info['format']}",
             f"  kind    {info['kind']} ({source}{words})",
             f"  record  {info['record'] or 'none'} ({info['record_reason']})",
             "  parts"]
    for part in info["parts"]:
        span = str(part["line"]) if part["line"] == part["end_line"] else \
            f"{part['line']}-{part['end_line']}"
        lines.append(f"    {part['role']:<10} line {span}")
    if not any(p["role"] == "body" for p in info["parts"]):
        lines.append("    (no body found: nothing in this letter would be checked)")
    return "\n".join(lines)


@click.command("inspect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Output format (default: text).")
@click.option("--record", type=click.Path(path_type=Path), default=None,
              help="Interview record to link every letter to.")
def inspect_command(paths: tuple[str, ...], fmt: str, record: Path | None) -> None:
    """Show how each letter was read: format, kind, record and parts with lines.

    Exit status: 0 every letter read, 2 a bad input (the others are still shown).
    """
    results: list[dict[str, Any]] = []
    failed = False
    if record is not None:  # a --record you named that cannot be read is your mistake
        from ..records import load_record

        try:
            load_record(record)
        except UserError as exc:
            click.echo(f"followup: error: {exc}", err=True)
            failed = True
    for path in paths:
        try:
            results.append(describe(path, record))
        except UserError as exc:
            click.echo(f"followup: error: {exc}", err=True)
            failed = True
    if fmt == "json":
        payload: Any = results[0] if len(paths) == 1 and results else results
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo("\n\n".join(_text(info) for info in results))
    sys.exit(2 if failed else 0)
