"""`--format txt`: a `Subject:` line on top, which lint reads as the subject, so a plain
draft is read as the kind of letter its template writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup.cli import main
from followup.draft import describe_templates, make_loader

from draft_helpers import BUILTIN

# The kind lint gives a draft of each template: the template's own `kind:`, and for the two
# `kind: other` templates the kind their letter is (lint knows "documents"; a networking
# update tells news and asks for none, so it is no status inquiry).
LINT_KIND = {"additional-documents": "documents", "networking-update": "other"}
ADDRESSEE = {"reference-heads-up": "Dana", "networking-update": "Priya",
             "status-inquiry": "Martha", "additional-documents": "Martha",
             "rejection-reply": "Martha"}


def _draft_txt(runner, template: str, to: str, out: Path) -> Path:
    result = runner.invoke(main, ["draft", template, "--record", "five/interview.yaml",
                                  "--to", to, "--format", "txt", "--out", str(out),
                                  "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    written = [line for line in result.output.splitlines() if line.endswith(".txt")]
    assert len(written) == 1, result.output
    return Path(written[0]) if Path(written[0]).is_absolute() else Path.cwd() / written[0]


@pytest.mark.parametrize("template", BUILTIN)
def test_txt_draft_is_read_by_lint_with_the_template_kind(app, runner, template) -> None:
    info = next(i for i in describe_templates(make_loader()) if i.name == template)
    path = _draft_txt(runner, template, ADDRESSEE.get(template, "Nick"), app / "five" / "txt")
    text = path.read_text("utf-8")
    assert not text.startswith("---")
    inspected = runner.invoke(main, ["inspect", str(path), "--format", "json"])
    assert inspected.exit_code == 0, inspected.output
    seen = json.loads(inspected.output)
    assert seen["kind"] == LINT_KIND.get(template, info.kind), (template, seen["kind_words"])
    if template == "thank-you-letter":
        # a printed letter opens with the sender block; its template has no subject, and
        # its opening thanks for the interview
        assert not text.startswith("Subject:") and text.startswith("Jordan Lee\n")
        return
    first, blank = text.split("\n")[:2]
    assert first.startswith("Subject: ") and blank == ""
    subject = first[len("Subject: "):]
    assert "Part-time Packaging Manager" in subject or "Acme Corporation" in subject
    parts = {part["role"]: part for part in seen["parts"]}
    assert parts["subject"]["line"] == 1 and parts["salutation"]["line"] == 3


def test_folder_run_counts_a_printed_txt_thank_you_for_its_addressee(app, runner) -> None:
    _draft_txt(runner, "thank-you-letter", "Nick", app / "five")
    result = runner.invoke(main, ["lint", "five", "--format", "json", "--grammar", "off",
                                  "--today", "2026-11-21"])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)["findings"]
    missing = [f["message"] for f in findings if f["code"] == "C005"]
    # the four interviewers without a note are reported; Nick Claus has his letter
    assert len(missing) == 4, missing
    assert not any("Nick Claus" in message for message in missing)
    assert any("José Núñez" in message for message in missing)
