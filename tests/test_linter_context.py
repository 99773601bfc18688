"""Named files are checked against their whole application tree (issue 12)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import REPO, findings

APPLICATIONS = REPO / "examples" / "applications"
GLOBEX = "globex-supply-chain-analyst"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Three applications, as in examples/applications, and no git repository."""
    shutil.copytree(APPLICATIONS, tmp_path / "applications")
    return tmp_path / "applications"


def leftover(tree: Path) -> Path:
    """A Globex note copied from the Acme one: another client's company and position."""
    text = (tree / GLOBEX / "thank-you-renee-laurent.md").read_text(encoding="utf-8")
    text = text.replace("bring that experience to Globex", "bring that experience to "
                        "Acme Corporation")
    path = tree / GLOBEX / "leftover.md"
    path.write_text(text, encoding="utf-8")
    return path


def run(lint_cli, tree: Path, monkeypatch, *args: str) -> list[dict]:
    monkeypatch.chdir(tree)
    result = lint_cli("--format", "json", "--today", "2026-11-18", *args)
    assert result.exit_code in (0, 1), result.output
    return findings(result)


def test_a_named_file_sees_the_other_applications(tree, lint_cli, monkeypatch):
    leftover(tree)
    found = run(lint_cli, tree, monkeypatch, f"{GLOBEX}/leftover.md")
    n005 = [f for f in found if f["code"] == "N005"]
    lines = (tree / GLOBEX / "leftover.md").read_text().splitlines()
    at = next(i for i, line in enumerate(lines, 1) if "Acme Corporation" in line)
    assert [(f["line"], f["message"].split("'")[1]) for f in n005] == [
        (at, "Acme Corporation")]
    text = lines[at - 1]
    assert text[n005[0]["column"] - 1: n005[0]["end_column"] - 1] == "Acme Corporation"
    # the other letters are context: compared with, never reported on
    assert {f["path"] for f in found} == {f"{GLOBEX}/leftover.md"}
    c006 = [f for f in found if f["code"] == "C006"]
    assert len(c006) == 1 and "thank-you-kwame-mensah-bonsu.eml" in c006[0]["message"]


def test_the_same_findings_as_a_folder_run_for_that_file(tree, lint_cli, monkeypatch):
    leftover(tree)
    named = run(lint_cli, tree, monkeypatch, f"{GLOBEX}/leftover.md")
    whole = run(lint_cli, tree, monkeypatch, ".")
    # C006 names a pair; a folder run puts it on the later note, a named run on the named
    assert [(f["code"], f["line"], f["column"]) for f in named if f["code"] != "C006"] == \
        [(f["code"], f["line"], f["column"]) for f in whole
         if f["path"] == f"{GLOBEX}/leftover.md" and f["code"] != "C006"]
    assert any(f["code"] == "C006" and "leftover.md" in f["message"] for f in whole)


def test_no_context_turns_it_off(tree, lint_cli, monkeypatch):
    leftover(tree)
    found = run(lint_cli, tree, monkeypatch, "--no-context", f"{GLOBEX}/leftover.md")
    assert not {"N005", "C006"} & {f["code"] for f in found}


def test_c005_only_for_the_record_of_a_named_file(tree, lint_cli, monkeypatch):
    (tree / GLOBEX / "thank-you-kwame-mensah-bonsu.eml").unlink()
    (tree / "initech-operations-coordinator" / "thank-you-anna-van-der-berg.md").unlink()
    found = run(lint_cli, tree, monkeypatch, f"{GLOBEX}/thank-you-renee-laurent.md")
    c005 = [f for f in found if f["code"] == "C005"]
    assert [(f["path"], "Kwame Mensah-Bonsu" in f["message"]) for f in c005] == [
        (f"{GLOBEX}/interview.yaml", True)]


def test_unreadable_context_letters_are_skipped_silently(tree, lint_cli, monkeypatch):
    leftover(tree)
    (tree / GLOBEX / "broken.txt").write_bytes(b"\x00\x01\xff binary")
    (tree / "initech-operations-coordinator" / "interview.yaml").write_text("company: [\n")
    monkeypatch.chdir(tree)
    result = lint_cli("--format", "json", "--today", "2026-11-18", f"{GLOBEX}/leftover.md")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["errors"] == []
    assert "N005" in {f["code"] for f in findings(result)}
    # named, the same binary file is an input error
    named = lint_cli("--today", "2026-11-18", f"{GLOBEX}/broken.txt")
    assert named.exit_code == 2


def test_git_repository_is_the_tree(tmp_path, lint_cli, monkeypatch):
    """In a repository the whole repository is read, however deep the applications are."""
    repo = tmp_path / "coach"
    shutil.copytree(APPLICATIONS / "acme-packaging-manager", repo / "2025" / "acme")
    shutil.copytree(APPLICATIONS / GLOBEX, repo / "clients" / "2026" / "globex")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    leftover_path = leftover_in(repo / "clients" / "2026" / "globex")
    monkeypatch.chdir(repo / "clients")
    result = lint_cli("--format", "json", "--today", "2026-11-18",
                      str(leftover_path.relative_to(repo / "clients")))
    assert "N005" in {f["code"] for f in findings(result)}, result.output


def leftover_in(folder: Path) -> Path:
    text = (folder / "thank-you-renee-laurent.md").read_text(encoding="utf-8")
    path = folder / "leftover.md"
    path.write_text(text.replace("to Globex.", "to Acme Corporation."), encoding="utf-8")
    return path
