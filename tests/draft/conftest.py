"""Fixtures for the drafting tests: an application tree in tmp_path, a Click runner."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from draft_helpers import FIXTURES  # noqa: E402


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An application tree: profile.yaml at the top and three records below; cwd = top."""
    root = tmp_path / "applications"
    root.mkdir()
    (root / ".git").mkdir()  # records are never looked up outside the repository
    for name in ("five", "one", "no-topics"):
        shutil.copytree(FIXTURES / name, root / name)
    shutil.copy(FIXTURES / "profile.yaml", root / "profile.yaml")
    monkeypatch.chdir(root)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return root


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
