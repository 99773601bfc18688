"""Fixtures for the grammar tests (the real server fixtures are in tests/conftest.py).

Skips (with the reason) on a machine without Java or Maven; with `CI` set it fails
instead, since CI must run these tests for real.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from followup.config import Config
from followup.rules.base import Context, RunResources


@pytest.fixture(autouse=True)
def isolated_grammar_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own result cache and state folder; a shared server a test's lint
    started there is stopped after the test."""
    monkeypatch.setenv("FOLLOWUP_GRAMMAR_CACHE", str(tmp_path / "grammar-cache"))
    monkeypatch.setenv("FOLLOWUP_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("FOLLOWUP_LANGUAGETOOL_URL", raising=False)
    yield tmp_path
    from followup.grammar.server import read_state, stop_persistent

    info = read_state()
    if info is not None and info.owner == "lint":
        stop_persistent()


def _make_context(config: Config | None = None, record: Any = None) -> Context:
    config = config or Config()
    return Context(config, record, (record,) if record else (), date(2026, 11, 23),
                   RunResources(config))


def _make_document(text: str) -> Any:
    """What the grammar rule reads of a Document: its checked text and its cache."""
    return SimpleNamespace(text=text, cache={})


@pytest.fixture
def make_context() -> Any:
    return _make_context


@pytest.fixture
def make_document() -> Any:
    return _make_document
