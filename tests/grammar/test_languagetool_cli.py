"""`followup languagetool install|start|status|stop` and the installed layout."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from followup.commands.languagetool import languagetool
from followup.grammar.provision import _manifest, _pom

pytestmark = pytest.mark.languagetool


def test_pom_excludes_language_all_and_adds_english() -> None:
    pom = _pom("6.8")
    assert "<artifactId>language-all</artifactId></exclusion>" in pom
    assert "<artifactId>language-en</artifactId><version>6.8</version>" in pom


def test_manifest_lines_are_at_most_72_bytes() -> None:
    jars = [f"some-long-library-name-{i}-1.2.3.jar" for i in range(40)]
    manifest = _manifest(jars)
    assert all(len(line) <= 72 for line in manifest.split(b"\r\n"))
    joined = manifest.replace(b"\r\n ", b"").decode()
    assert "libs/some-long-library-name-39-1.2.3.jar" in joined


def test_installed_layout_suits_language_tool_python(lt_installation: Any) -> None:
    folder = lt_installation.path
    assert folder.name == f"LanguageTool-{lt_installation.version}"
    with zipfile.ZipFile(folder / "languagetool-server.jar") as archive:
        manifest = archive.read("META-INF/MANIFEST.MF").replace(b"\r\n ", b"").decode()
    class_path = next(line for line in manifest.splitlines() if line.startswith("Class-Path:"))
    entries = class_path.split()[1:]
    assert entries[0] == "./"
    assert all((folder / entry).is_file() for entry in entries[1:])
    assert not any("language-all" in entry for entry in entries)
    assert any("language-en-" in entry for entry in entries)


def test_install_is_idempotent(lt_installation: Any) -> None:
    result = CliRunner().invoke(languagetool, ["install"])
    assert result.exit_code == 0, result.output
    assert "already installed" in result.output


def test_start_status_stop(lt_installation: Any, tmp_path: Path) -> None:
    runner = CliRunner()
    status = runner.invoke(languagetool, ["status"])
    assert status.exit_code == 1 and "not running" in status.output
    started = runner.invoke(languagetool, ["start"])
    try:
        assert started.exit_code == 0, started.output
        assert "started at http://127.0.0.1:" in started.output
        assert (tmp_path / "state" / "languagetool-server.json").is_file()
        again = runner.invoke(languagetool, ["start"])
        assert "already running" in again.output
        status = runner.invoke(languagetool, ["status"])
        assert status.exit_code == 0 and "is running at http://127.0.0.1:" in status.output
    finally:
        stopped = runner.invoke(languagetool, ["stop"])
    assert stopped.exit_code == 0 and "Stopped LanguageTool" in stopped.output
    assert runner.invoke(languagetool, ["status"]).exit_code == 1
    assert "not running" in runner.invoke(languagetool, ["stop"]).output


def test_start_without_installation_fails_cleanly(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_LANGUAGETOOL_HOME", str(tmp_path / "empty"))
    result = CliRunner().invoke(languagetool, ["start"])
    assert result.exit_code == 2
    assert "LanguageTool is not installed" in result.output
    assert "Traceback" not in result.output
