"""SARIF 2.1.0 for code-scanning tools: one run, every rule described, 1-based regions.

Columns count Unicode code points (`columnKind`), as every other format here does.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..document import Document
from ..findings import Finding, is_safe
from ..linter import LintResult
from ..rules.registry import all_rules
from . import document_kinds, general_notice

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A percent-encoded RFC 3986 reference: `with space.txt`, `hash#frag.txt` and
    `q?x=1.txt` must not parse as other files (a fragment, a query)."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/")


def _region(f: Finding) -> dict[str, int]:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
            "endColumn": f.end_column}


def suggestion_fix(f: Finding, suggestion: str) -> dict[str, Any]:
    """One suggestion as a SARIF fix: replace the finding's region with it."""
    return {
        "description": {"text": f"Replace with '{suggestion}'"},
        "artifactChanges": [{
            "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
            "replacements": [{"deletedRegion": _region(f),
                              "insertedContent": {"text": suggestion}}],
        }],
        "properties": {"safe": is_safe(suggestion)},
    }


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+|\n\s*\n")


def _span_and_sentence(f: Finding, document: Document | None) -> tuple[str, str]:
    """The finding's text on disk and the sentence around it (its paragraph cut at
    sentence ends): what identifies it, whatever moves around it."""
    if document is None:
        return f.message, ""
    lines = document.file_text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        index = min(max(line, 1), len(lines) + 1) - 1
        return min(starts[index] + column - 1, starts[min(index + 1, len(lines))])

    begin, end = offset(f.line, f.column), offset(f.end_line, f.end_column)
    text = document.file_text
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, begin)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[begin:end], text[left:right]


def fingerprints(findings: list[Finding], documents: dict[str, Document]
                 ) -> list[dict[str, str]]:
    """partialFingerprints per finding: a hash of the rule, the span's normalised text and
    its sentence's, plus an occurrence count for repeats in one file; no line numbers, so
    an edit elsewhere in the file leaves it unchanged."""
    seen: dict[tuple[str, str], int] = {}
    prints = []
    for f in findings:
        span, sentence = _span_and_sentence(f, documents.get(f.path))
        digest = hashlib.sha256("\0".join((f.code, _normalised(span), _normalised(sentence)))
                                .encode()).hexdigest()[:32]
        count = seen.get((f.path, digest), 0) + 1
        seen[(f.path, digest)] = count
        prints.append({"followupSpan/v1": f"{digest}:{count}"})
    return prints


def render(result: LintResult, stream: TextIO) -> None:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver_rules: list[dict[str, Any]] = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation},
            "help": {
                "text": f"{rule.explanation}\n\nBad:\n{rule.bad}\n\nGood:\n{rule.good}",
                "markdown": f"{rule.explanation}\n\n**Bad**\n\n```\n{rule.bad}\n```\n\n"
                            f"**Good**\n\n```\n{rule.good}\n```",
            },
            "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
            "properties": {"tags": ["prose", "job-interview"]},
        }
        for rule in rules
    ]
    results: list[dict[str, Any]] = []
    documents = {d.path: d for d in result.documents}
    for f, prints in zip(result.findings, fingerprints(result.findings, documents),
                         strict=True):
        entry: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity.value],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                    "region": _region(f),
                },
            }],
            "partialFingerprints": prints,
        }
        if f.code in index:
            entry["ruleIndex"] = index[f.code]
        if f.suggestions:
            entry["properties"] = {"suggestions": list(f.suggestions),
                                   "safe_suggestions": [s for s in f.suggestions
                                                        if is_safe(s)]}
            entry["fixes"] = [suggestion_fix(f, s) for s in f.suggestions]
        results.append(entry)
    notifications = [
        {"level": "error", "message": {"text": str(e)},
         **({"locations": [{"physicalLocation": {
             "artifactLocation": {"uri": _uri(e.path)},
             **({"region": {"startLine": e.line}} if e.line else {})}}]} if e.path else {})}
        for e in result.errors
    ] + [{"level": "warning", "message": {"text": n}} for n in result.notices]
    kinds = document_kinds(result)
    notifications += [
        {"level": "note", "message": {"text": general_notice(k["path"])},
         "descriptor": {"id": "followup/general-letter"},
         "locations": [{"physicalLocation": {"artifactLocation": {
             "uri": _uri(k["path"]), "uriBaseId": "%SRCROOT%"}}}]}
        for k in kinds if k["read_as_general"]]
    artifacts = [{"location": {"uri": _uri(k["path"]), "uriBaseId": "%SRCROOT%"},
                  "properties": {key: k[key] for key in
                                 ("kind", "kind_source", "kind_words", "read_as_general")}}
                 for k in kinds]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "followup",
                "version": __version__,
                "informationUri": "https://pypi.org/project/followup/",
                "rules": driver_rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not result.errors,
                             "toolExecutionNotifications": notifications}],
            "artifacts": artifacts,
            "results": results,
        }],
    }
    json.dump(log, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
