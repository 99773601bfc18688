"""Shared fixtures: write letters and records into a temporary folder and lint them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from followup.cli import main
from followup.grammar import GrammarError

from helpers import dedent

_SESSION_STATE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """The whole run (and every `followup` process it starts) keeps its LanguageTool state
    in a folder of its own, so tests never reuse or stop the user's warm server; a server
    a lint starts there stops itself soon after the run."""
    import tempfile

    state = tempfile.mkdtemp(prefix="followup-test-state-")
    _SESSION_STATE.append(state)
    os.environ["FOLLOWUP_STATE_DIR"] = state
    os.environ.setdefault("FOLLOWUP_LANGUAGETOOL_IDLE", "120")
    # the word list's and the lexicons' fast copies in the run's own folder, never in the
    # user's cache
    os.environ.setdefault("FOLLOWUP_WORDS_CACHE", str(Path(state) / "words"))
    os.environ.setdefault("FOLLOWUP_LEXICON_CACHE", str(Path(state) / "lexicons"))


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop a shared server a test's lint left in the run's state folder."""
    if not _SESSION_STATE:
        return
    os.environ["FOLLOWUP_STATE_DIR"] = _SESSION_STATE[0]
    try:
        from followup.grammar.server import read_state, stop_persistent

        info = read_state()
        if info is not None:
            stop_persistent()
    except Exception:  # noqa: BLE001 - best effort at the end of the run
        pass
    shutil.rmtree(_SESSION_STATE[0], ignore_errors=True)


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


# --- a real LanguageTool server, started once per session when a test asks for it ----------

def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"LanguageTool is required in CI but cannot be had: {reason}")
    pytest.skip(reason)


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


@pytest.fixture(scope="session")
def lexicon_matcher() -> tuple[Any, Any, Any]:
    """(pipeline, compiled lexicons, spaCy Matcher of all their patterns), built once a
    session: the tone lexicons expand to some 600k Matcher patterns, and validating them
    takes minutes, so the tests that compare the trie with spaCy's Matcher share one."""
    from spacy.matcher import Matcher

    from followup import lexicons
    from followup.nlp import load_pipeline
    from followup.rules.tone import LEXICONS

    nlp = load_pipeline(None)
    lexicon = lexicons.compiled_together(LEXICONS)
    matcher = Matcher(nlp.vocab, validate=True)
    for key, entry in lexicon.entries.items():
        patterns = lexicons.entry_patterns(entry)
        if len(patterns) <= MATCHER_ENTRY_LIMIT:
            matcher.add(key, patterns)
        else:  # validated on a sample, not matched: see MATCHER_ENTRY_LIMIT
            Matcher(nlp.vocab, validate=True).add(key, patterns[:: len(patterns) // 500])
    return nlp, lexicon, matcher


# spaCy's Matcher tries every pattern at every token, so the cross-checks' time grows with
# the number of patterns: the few entries that expand to more than this many (a deadline
# or a gift class in every slot: 290k patterns for one entry) are left out of the Matcher,
# and the trie's matches are compared on the other entries (`key in matcher`); every
# entry's own examples and counter-examples still run through the trie
# (tests/rules/test_lexicon_examples.py).
MATCHER_ENTRY_LIMIT = 15_000

