"""`followup inspect` in a real subprocess: text, JSON, several files, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run([sys.executable, "-m", "followup", "inspect", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)


def test_inspect_json_one_and_several(tmp_path):
    (tmp_path / "a.txt").write_text("Hi Sarah, thank you for today. Best, Alex\n")
    (tmp_path / "b.txt").write_text("Subject: Thanks\n\nDear Bo,\n\nThank you.\n\n"
                                    "Kind Regards,\nAl\n")
    one = run("--format", "json", "a.txt", cwd=tmp_path)
    assert one.returncode == 0, one.stderr
    data = json.loads(one.stdout)
    assert data["path"] == "a.txt" and data["kind"] == "thank-you"
    assert data["kind_source"] == "inferred" and data["record"] is None
    assert [(p["role"], p["line"], p["end_line"]) for p in data["parts"]] == [
        ("salutation", 1, 1), ("body", 1, 1), ("signoff", 1, 1)]
    both = json.loads(run("--format", "json", "a.txt", "b.txt", cwd=tmp_path).stdout)
    assert [d["path"] for d in both] == ["a.txt", "b.txt"]
    assert [p["role"] for p in both[1]["parts"]] == [
        "subject", "salutation", "body", "signoff", "signature"]
    assert both[1]["kind_source"] == "header"


def test_inspect_text_and_bad_input(tmp_path):
    (tmp_path / "a.txt").write_text("Dear Bo,\n\nIt was a pleasure meeting you.\n\nBest,\nAl\n")
    result = run("a.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "followup: error: missing.txt: no such file"
    assert "kind    thank-you (inferred from 'It was a pleasure meeting')" in result.stdout
    assert "salutation line 1" in result.stdout and "signature  line 6" in result.stdout
