"""One JSON object: findings, input errors, notices, the letters read (their kinds) and
a summary."""

from __future__ import annotations

import json
from typing import TextIO

from .. import __version__
from ..linter import LintResult
from . import applications, document_kinds


def render(result: LintResult, stream: TextIO) -> None:
    counts = {level: sum(1 for f in result.findings if f.severity.value == level)
              for level in ("error", "warning", "info")}
    payload = {
        "version": __version__,
        "findings": [finding.as_dict() for finding in result.findings],
        "errors": [
            {"path": e.path, "line": e.line, "column": e.column, "message": e.message}
            for e in result.errors
        ],
        "notices": list(result.notices),
        "documents": document_kinds(result),
        "summary": {"files": len(result.documents), "findings": len(result.findings),
                    **counts, "applications": applications(result)},
    }
    json.dump(payload, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
