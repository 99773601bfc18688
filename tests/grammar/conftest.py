"""A real LanguageTool server for the grammar tests, started once per session.

Skips (with the reason) on a machine without Java or Maven; with `CI` set it fails
instead, since CI must run these tests for real.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from followup.config import Config
from followup.grammar import GrammarError
from followup.rules.base import Context, RunResources


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"LanguageTool is required in CI but cannot be had: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def isolated_grammar_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own result cache and state folder (no persistent server)."""
    monkeypatch.setenv("FOLLOWUP_GRAMMAR_CACHE", str(tmp_path / "grammar-cache"))
    monkeypatch.setenv("FOLLOWUP_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("FOLLOWUP_LANGUAGETOOL_URL", raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def lt_installation() -> Any:
    from followup.grammar.provision import find_installation, install

    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _unavailable("Java is not installed (LanguageTool needs Java 17)")
    found = find_installation()
    if found is None:
        if shutil.which("mvn") is None:
            _unavailable("LanguageTool is not installed and Maven is missing "
                         "(apt-get install maven; followup languagetool install)")
        try:
            found = install()
        except GrammarError as exc:
            _unavailable(f"`followup languagetool install` failed: {exc}")
    return found


@pytest.fixture(scope="session")
def lt_server(lt_installation: Any) -> Iterator[Any]:
    """A LocalServer on 127.0.0.1 (not the user's persistent one), stopped at the end."""
    from followup.grammar.server import launch

    try:
        server = launch(lt_installation, timeout=300)
    except GrammarError as exc:
        _unavailable(f"the LanguageTool server cannot be started: {exc}")
    yield server
    server.stop()


@pytest.fixture
def use_server(lt_server: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make the session server the one a default run finds (as if `languagetool start`)."""
    from followup.grammar import server as server_module

    info = server_module.ServerInfo(pid=lt_server.pid, port=lt_server.port,
                                    version=lt_server.version,
                                    home=str(lt_server.installation.path),
                                    started=lt_server.started)
    server_module._write_state(info)
    return lt_server


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
