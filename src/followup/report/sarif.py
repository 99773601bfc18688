"""SARIF 2.1.0 for code-scanning tools: one run, every rule described, 1-based regions.

Columns count Unicode code points (`columnKind`), as every other format here does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..linter import LintResult
from ..rules.registry import all_rules

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
    for f in result.findings:
        entry: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity.value],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                },
            }],
        }
        if f.code in index:
            entry["ruleIndex"] = index[f.code]
        if f.suggestions:
            entry["properties"] = {"suggestions": list(f.suggestions)}
        results.append(entry)
    notifications = [
        {"level": "error", "message": {"text": str(e)},
         **({"locations": [{"physicalLocation": {
             "artifactLocation": {"uri": _uri(e.path)},
             **({"region": {"startLine": e.line}} if e.line else {})}}]} if e.path else {})}
        for e in result.errors
    ] + [{"level": "warning", "message": {"text": n}} for n in result.notices]
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
            "results": results,
        }],
    }
    json.dump(log, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
