"""Shared fixtures: write letters and records into a temporary folder and lint them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followup.cli import main

from helpers import dedent


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def _write(name: str, content: str | bytes, dedented: bool = False) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(dedent(content) if dedented else content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def lint_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `followup lint` through Click's runner inside tmp_path, grammar off by default."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def _run(*args: str, input: str | bytes | None = None, grammar: bool = False) -> Result:
        extra = [] if grammar or "--grammar" in args else ["--grammar", "off"]
        return CliRunner().invoke(main, ["lint", "--today", "2026-11-20", *extra, *args],
                                  input=input)

    return _run
