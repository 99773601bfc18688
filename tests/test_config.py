"""Configuration discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.config import find_config_file, load_config
from followup.errors import ConfigError


def test_discovery_upward_prefers_followup_toml(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.followup]\nfail_on = 'error'\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    assert find_config_file() == tmp_path / "pyproject.toml"
    assert load_config().fail_on == "error"
    (tmp_path / "a" / "followup.toml").write_text("fail_on = 'info'\n")
    assert load_config().fail_on == "info"


def test_pyproject_without_table_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    assert find_config_file() is None or find_config_file() != tmp_path / "pyproject.toml"


def test_values_and_relative_paths(tmp_path):
    path = tmp_path / "followup.toml"
    path.write_text('vocabulary = ["words.txt"]\ntemplate_dirs = ["tpl"]\npicky = true\n'
                    'thank_you_within_hours = 48\n[profile]\nname = "Jordan Lee"\n')
    (tmp_path / "words.txt").write_text("Northwind  # my old employer\nKubernetes\n")
    config = load_config(path)
    assert config.vocabulary == (tmp_path / "words.txt",)
    assert config.vocabulary_words() == {"Northwind", "Kubernetes"}
    assert config.template_dirs == (tmp_path / "tpl",)
    assert config.picky and config.thank_you_within_hours == 48
    assert config.profile == {"name": "Jordan Lee"}


@pytest.mark.parametrize("text, message", [
    ("fail_on = 'sometimes'\n", "followup.toml:1: fail_on: expected one of"),
    ("grammar = 'maybe'\n", "grammar: expected one of auto, require, off"),
    ("picky = 'yes'\n", "picky: expected true or false"),
    ("thank_you_within_hours = -1\n", "thank_you_within_hours: expected a positive"),
    ("[severity]\nT002 = 'fatal'\n", "severity.T002: 'fatal' is not a severity"),
    ("rules = 3\n", "rules: expected tables"),
    ("selct = []\n", "selct: unknown setting; did you mean 'select'?"),
])
def test_bad_values(tmp_path, text, message):
    path = tmp_path / "followup.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value)


def test_missing_explicit_config(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(Path(tmp_path / "nope.toml"))


def test_broken_followup_table_in_pyproject_is_reported(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.followup]\nselect = [\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config()


def test_missing_vocabulary_file_is_reported_at_load(tmp_path):
    path = tmp_path / "followup.toml"
    path.write_text('vocabulary = ["nope.txt"]\n')
    with pytest.raises(ConfigError, match=r"followup.toml:1: vocabulary: file .*nope.txt"):
        load_config(path)


def test_languagetool_idle_minutes(tmp_path):
    from followup.grammar.session import GrammarSettings

    path = tmp_path / "followup.toml"
    path.write_text("languagetool_idle_minutes = 5\n")
    config = load_config(path)
    assert config.languagetool_idle_minutes == 5.0
    assert GrammarSettings.from_config(config).idle_seconds == 300.0
    path.write_text("languagetool_idle_minutes = 0\n")
    with pytest.raises(ConfigError, match="languagetool_idle_minutes"):
        load_config(path)
