"""The installed `followup` command in a real process: exit codes, streams, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import REPO

FOLLOWUP = [sys.executable, "-m", "followup"]


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([*FOLLOWUP, *args], cwd=cwd, input=stdin, capture_output=True,
                          env=full_env, timeout=300, check=False)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("followup, version ")


def test_lint_examples_json(tmp_path):
    result = run("lint", "--grammar", "off", "--today", "2026-11-20", "--format", "json",
                 str(REPO / "examples" / "acme"))
    assert result.returncode == 1, result.stderr.decode()
    data = json.loads(result.stdout)
    paths = {Path(f["path"]).name for f in data["findings"]}
    assert paths == {"draft-thank-you.txt"}  # the two clean letters stay clean
    assert {"T002", "C004"} <= {f["code"] for f in data["findings"]}
    assert b"Traceback" not in result.stderr


def test_stdin_and_bad_input_exit_2_with_one_line(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    result = run("lint", "--grammar", "off", "bin.txt", "-", cwd=tmp_path,
                 stdin=b"Dear Nick,\n\nThanks :)\n")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "followup: error: bin.txt: binary file, not a letter"
    assert b"-:3:8: T002" in result.stdout


def test_colour_only_on_request(tmp_path):
    (tmp_path / "a.txt").write_text("Dear Nick,\n\nThanks :)\n")
    plain = run("lint", "--grammar", "off", "a.txt", cwd=tmp_path)
    assert b"\x1b[" not in plain.stdout
    coloured = run("lint", "--grammar", "off", "--color", "a.txt", cwd=tmp_path)
    assert b"\x1b[" in coloured.stdout
