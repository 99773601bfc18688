"""Configuration: `[tool.followup]` in pyproject.toml or a `followup.toml`, found upward.

Keys (all optional; names as users write them):

    select = ["L", "T001"]          # codes, code prefixes or rule names to enable
    ignore = ["C003", "paragraph-too-long"]
    fail_on = "warning"             # error | warning | info | never
    exclude = ["drafts/old/*"]      # glob patterns skipped when recursing folders
    language = "en-US"              # LanguageTool language variant
    grammar = "auto"                # auto | require | off
    languagetool_url = "http://localhost:8081"   # a remote or self-hosted server
    languagetool_enable = ["..."]   # LanguageTool rule ids
    languagetool_disable = ["..."]
    languagetool_idle_minutes = 30  # the shared server a lint starts stops after this idle time
    picky = false
    vocabulary = ["words.txt"]      # files of accepted words, one per line
    spacy_model = "en_core_web_sm"  # optional installed pipeline (never required)
    template_dirs = ["my-templates"]
    thank_you_within_hours = 24
    status_inquiry_after_days = 2   # business days after the decision date

    [tool.followup.severity]        # per-rule severity overrides
    T001 = "error"

    [tool.followup.rules.L002]      # per-rule options (code or name)
    max_words = 70

    [tool.followup.profile]         # the candidate, for drafts
    name = "Jordan Lee"

Relative paths are resolved against the folder of the configuration file.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import Severity

CONFIG_NAMES = ("followup.toml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")
GRAMMAR_MODES = ("auto", "require", "off")
MAX_HOURS = 8760

_KEYS = {
    "select", "ignore", "fail_on", "exclude", "language", "grammar", "languagetool_url",
    "languagetool_enable", "languagetool_disable", "languagetool_idle_minutes", "picky",
    "vocabulary", "spacy_model", "template_dirs", "thank_you_within_hours", "severity", "rules",
    "profile", "max_letter_kb", "languagetool_timeout", "status_inquiry_after_days",
}
TIMEOUT_ENV = "FOLLOWUP_LANGUAGETOOL_TIMEOUT"


@dataclass
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    exclude: tuple[str, ...] = ()
    language: str = "en-US"
    grammar: str = "auto"
    languagetool_url: str | None = None
    languagetool_enable: tuple[str, ...] = ()
    languagetool_disable: tuple[str, ...] = ()
    languagetool_idle_minutes: float = 30.0
    picky: bool = False
    vocabulary: tuple[Path, ...] = ()
    spacy_model: str | None = None
    template_dirs: tuple[Path, ...] = ()
    thank_you_within_hours: int = 24
    max_letter_kb: int = 256  # a larger file is one line, not minutes and gigabytes
    languagetool_timeout: float = 60.0  # seconds for a whole LanguageTool answer
    status_inquiry_after_days: int = 2
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    profile: dict[str, Any] | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def vocabulary_words(self) -> frozenset[str]:
        """Words from the user's vocabulary files (one per line, `#` comments)."""
        words: set[str] = set()
        for vocab in self.vocabulary:
            try:
                raw = vocab.read_bytes()
            except OSError as exc:
                raise ConfigError(f"vocabulary file cannot be read: {exc.strerror}",
                                  vocab) from None
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise ConfigError("vocabulary file is not UTF-8 text; save it as UTF-8",
                                  vocab, raw[: exc.start].count(b"\n") + 1) from None
            for line in text.splitlines():
                word = line.split("#", 1)[0].strip()
                if word:
                    words.add(word)
        return frozenset(words)


def _env_timeout(default: float) -> float:
    """FOLLOWUP_LANGUAGETOOL_TIMEOUT (seconds) when set and valid."""
    import os

    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ConfigError(f"{TIMEOUT_ENV}: '{raw[:20]}' is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise ConfigError(f"{TIMEOUT_ENV}: expected seconds (more than 0, at most 3600)")
    return value


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest followup.toml, or pyproject.toml with a [tool.followup] table, upward."""
    folder = (start or Path.cwd()).resolve()
    for candidate_dir in (folder, *folder.parents):
        own = candidate_dir / "followup.toml"
        if own.is_file():
            return own
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                if "[tool.followup" in text:
                    return pyproject  # ours, but broken: load_config reports where
                continue
            if isinstance(data.get("tool"), dict) and "followup" in data["tool"]:
                return pyproject
    return None


def load_config(path: Path | None = None, discover: bool = True) -> Config:
    """Load the given file, or the nearest one found upward, or the defaults."""
    if path is None and discover:
        path = find_config_file()
    if path is None:
        config = Config()
        config.languagetool_timeout = _env_timeout(config.languagetool_timeout)
        return config
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("configuration file not found", path) from None
    except IsADirectoryError:
        raise ConfigError("is a folder, not a configuration file", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("configuration is not UTF-8 text", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        message = str(exc).split(" (at line")[0]
        raise ConfigError(f"invalid TOML: {message}", path, line) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("followup", {})
    else:
        table = data.get("tool", {}).get("followup", data)
    return parse_config(table, path, text)


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(key) and stripped[len(key):].lstrip().startswith("="):
            return number
    return None


def parse_config(table: dict[str, Any], path: Path | None, text: str = "") -> Config:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{key}: {problem}", path, _line_of(text, key.split(".")[-1]))

    def strings(key: str) -> tuple[str, ...]:
        value = table[key]
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "expected a list of strings")
        return tuple(value)

    def choice(key: str, allowed: tuple[str, ...]) -> str:
        value = table[key]
        if not isinstance(value, str) or value not in allowed:
            raise fail(key, f"expected one of {', '.join(allowed)}")
        return value

    base = path.parent if path else Path.cwd()
    config = Config(path=path)
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key.replace("-", "_"), sorted(_KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise fail(key, f"unknown setting{hint}")
    if "select" in table:
        config.select = strings("select")
    if "ignore" in table:
        config.ignore = strings("ignore")
    if "fail_on" in table:
        config.fail_on = choice("fail_on", FAIL_LEVELS)
    if "exclude" in table:
        config.exclude = strings("exclude")
    if "language" in table:
        config.language = strings("language")[0]
    if "grammar" in table:
        config.grammar = choice("grammar", GRAMMAR_MODES)
    if "languagetool_url" in table:
        config.languagetool_url = strings("languagetool_url")[0]
    if "languagetool_enable" in table:
        config.languagetool_enable = strings("languagetool_enable")
    if "languagetool_disable" in table:
        config.languagetool_disable = strings("languagetool_disable")
    if "languagetool_idle_minutes" in table:
        minutes = table["languagetool_idle_minutes"]
        if (not isinstance(minutes, int | float) or isinstance(minutes, bool)
                or minutes <= 0):
            raise fail("languagetool_idle_minutes", "expected a positive number of minutes")
        config.languagetool_idle_minutes = float(minutes)
    if "picky" in table:
        if not isinstance(table["picky"], bool):
            raise fail("picky", "expected true or false")
        config.picky = table["picky"]
    if "vocabulary" in table:
        config.vocabulary = tuple(base / p for p in strings("vocabulary"))
        for vocab in config.vocabulary:
            if not vocab.is_file():
                raise fail("vocabulary", f"file '{vocab}' not found")
    if "spacy_model" in table:
        config.spacy_model = strings("spacy_model")[0]
    if "template_dirs" in table:
        config.template_dirs = tuple(base / p for p in strings("template_dirs"))
    if "thank_you_within_hours" in table:
        hours = table["thank_you_within_hours"]
        if not isinstance(hours, int) or isinstance(hours, bool) or not 0 < hours <= MAX_HOURS:
            raise fail("thank_you_within_hours", "expected a positive whole number of hours "
                       f"(at most {MAX_HOURS}, a year)")
        config.thank_you_within_hours = hours
    if "max_letter_kb" in table:
        size = table["max_letter_kb"]
        if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= 100_000:
            raise fail("max_letter_kb", "expected a whole number of kilobytes (1 to 100000)")
        config.max_letter_kb = size
    if "languagetool_timeout" in table:
        seconds = table["languagetool_timeout"]
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or \
                not 0 < seconds <= 3600:
            raise fail("languagetool_timeout", "expected seconds (more than 0, at most 3600)")
        config.languagetool_timeout = float(seconds)
    if "status_inquiry_after_days" in table:
        days = table["status_inquiry_after_days"]
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise fail("status_inquiry_after_days", "expected a whole number of business days")
        config.status_inquiry_after_days = days
    if "severity" in table:
        if not isinstance(table["severity"], dict):
            raise fail("severity", "expected a table of CODE = \"error|warning|info\"")
        for code, level in table["severity"].items():
            try:
                config.severity[code] = Severity.parse(str(level))
            except ValueError as exc:
                raise fail(f"severity.{code}", str(exc)) from None
    if "rules" in table:
        if not isinstance(table["rules"], dict) or not all(
            isinstance(v, dict) for v in table["rules"].values()
        ):
            raise fail("rules", "expected tables such as [tool.followup.rules.L002]")
        config.rule_options = {k: dict(v) for k, v in table["rules"].items()}
    if "profile" in table:
        if not isinstance(table["profile"], dict):
            raise fail("profile", "expected a table of profile fields")
        config.profile = dict(table["profile"])
    config.languagetool_timeout = _env_timeout(config.languagetool_timeout)  # env wins
    return config
