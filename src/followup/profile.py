"""The candidate profile: who signs the drafts, and what they can restate about themselves.

A profile is a small YAML file, `profile.yaml`, found like the configuration (in the current
folder or a parent folder), or the `[tool.followup.profile]` table of the configuration::

    name: Jordan Lee                    # required: the signature
    email: jordan.lee@example.org
    phone: "+1 555 0100"
    address:                            # for printed letters (the sender block)
      - 12 Harbour Street
      - Springfield, IL 62701
    linkedin: https://www.linkedin.com/in/jordanlee
    website: https://jordanlee.example
    strengths:                          # assets to restate, each completing "I would bring ..."
      - five years of planning peak-season warehouse shifts
      - a record of training seasonal staff quickly
    sign_off: Best regards,             # optional; the templates vary it otherwise
    signature:                          # optional lines under the name (default: phone, email)
      - "+1 555 0100"
    extra:                              # anything your own templates need
      pronouns: she/her

Errors name the file and line like record errors do
("profile.yaml:3: phone: expected text, found a list").
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .config import Config
from .errors import UserError
from .yamlnodes import BadValue, construct, read_text

PROFILE_FILENAME = "profile.yaml"

_FIELDS = {
    "name", "email", "phone", "address", "linkedin", "website", "title", "strengths",
    "sign_off", "signature", "extra",
}


class ProfileError(UserError):
    """A candidate profile that cannot be used."""


@dataclass(frozen=True)
class Profile:
    """The candidate: name and contact details for the signature, strengths to restate."""

    name: str
    email: str | None = None
    phone: str | None = None
    address: tuple[str, ...] = ()
    linkedin: str | None = None
    website: str | None = None
    title: str | None = None
    strengths: tuple[str, ...] = ()
    sign_off: str | None = None
    signature: tuple[str, ...] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if parts else self.name

    @property
    def signature_lines(self) -> tuple[str, ...]:
        """Lines under the name: the given `signature`, else phone and email."""
        if self.signature is not None:
            return self.signature
        return tuple(v for v in (self.phone, self.email) if v)


# --- finding -------------------------------------------------------------------------


def find_profile_file(start: Path | None = None) -> Path | None:
    """The nearest `profile.yaml` in `start` (default: the current folder) or a parent."""
    folder = (start or Path.cwd()).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate_dir in (folder, *folder.parents):
        candidate = candidate_dir / PROFILE_FILENAME
        if candidate.is_file():
            return candidate
    return None


def load_profile(config: Config | None = None, path: Path | None = None,
                 start: Path | None = None, also_from: Path | None = None) -> Profile | None:
    """The candidate profile, or None when there is none.

    `path` (an explicit file) wins. Otherwise the nearest `profile.yaml` from `start`
    (default: the current folder) upward is used unless the configuration file that
    holds `[tool.followup.profile]` is nearer; `also_from` (e.g. the record's folder)
    is searched the same way when nothing was found from `start`.
    """
    if path is not None:
        return load_profile_file(path)
    for origin in (start or Path.cwd(), also_from):
        if origin is None:
            continue
        found = find_profile_file(origin)
        if config is not None and config.profile is not None and config.path is not None:
            config_dir = config.path.resolve().parent
            if found is None or _depth(config_dir) > _depth(found.parent):
                return profile_from_config(config)
        if found is not None:
            return load_profile_file(found)
    if config is not None and config.profile is not None:
        return profile_from_config(config)
    return None


def _depth(folder: Path) -> int:
    return len(folder.resolve().parts)


# --- parsing -------------------------------------------------------------------------


def load_profile_file(path: Path) -> Profile:
    return parse_profile(read_text(path, "profile", ProfileError), Path(path))


def parse_profile(text: str, path: Path) -> Profile:
    """Parse and validate profile YAML; every error names `path` and the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ProfileError(f"invalid YAML: {exc.problem or exc.context or 'invalid YAML'}", path,
                           mark.line + 1 if mark else None,
                           mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"invalid YAML: {exc}", path) from None
    if root is None:
        raise ProfileError("the profile is empty; it needs at least 'name'", path, 1)

    def fail(node: yaml.Node, where: str, problem: str) -> ProfileError:
        return ProfileError(f"{where}: {problem}", path, node.start_mark.line + 1,
                            node.start_mark.column + 1)

    if not isinstance(root, yaml.MappingNode):
        raise fail(root, "profile", "expected a mapping of fields such as 'name: Jordan Lee'")
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            raise fail(key_node, "profile", "field names must be plain words")
        if key not in _FIELDS:
            raise fail(key_node, key, "unknown field" + _hint(key))
        if key in fields:
            raise fail(key_node, key, "field given twice")
        fields[key] = value_node
    data: dict[str, Any] = {}
    for key, node in fields.items():
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            continue
        if key == "extra":
            if not isinstance(node, yaml.MappingNode):
                raise fail(node, key, "expected a mapping")
            try:
                data[key] = construct(node)
            except BadValue as exc:
                raise fail(exc.node, key, str(exc)) from None
        elif key in ("address", "strengths", "signature"):
            if isinstance(node, yaml.ScalarNode):
                data[key] = [ln for ln in str(node.value).splitlines()] if key != "strengths" \
                    else [node.value]
            elif isinstance(node, yaml.SequenceNode):
                items = []
                for i, item in enumerate(node.value):
                    if not isinstance(item, yaml.ScalarNode):
                        raise fail(item, f"{key}[{i}]", "expected text")
                    items.append(item.value)
                data[key] = items
            else:
                raise fail(node, key, "expected a list of text")
        else:
            if not isinstance(node, yaml.ScalarNode):
                raise fail(node, key, "expected text, found "
                           + ("a list" if isinstance(node, yaml.SequenceNode) else "a mapping"))
            data[key] = node.value
    line_of = {k: n.start_mark.line + 1 for k, n in fields.items()}
    if "name" not in fields:
        raise ProfileError("name: required field 'name' is missing (it signs every draft)",
                           path, 1)
    return _build(data, path, lambda key: line_of.get(key.split("[")[0]), ProfileError)


def profile_from_config(config: Config) -> Profile:
    """The `[tool.followup.profile]` table, validated with the configuration file's lines."""
    from .errors import ConfigError

    table = config.profile or {}
    text = ""
    if config.path is not None:
        try:
            text = config.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""

    def line_of(key: str) -> int | None:
        key = key.split("[")[0]
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith(key) and stripped[len(key):].lstrip().startswith("="):
                return number
        return None

    for key in table:
        if key not in _FIELDS:
            raise ConfigError(f"profile.{key}: unknown field" + _hint(key), config.path,
                              line_of(key))
    if "name" not in table:
        raise ConfigError("profile: required field 'name' is missing (it signs every draft)",
                          config.path, line_of("[tool.followup.profile]") or line_of("profile"))
    data: dict[str, Any] = {}
    for key, value in table.items():
        if key == "extra":
            if not isinstance(value, dict):
                raise ConfigError("profile.extra: expected a table", config.path, line_of(key))
            data[key] = dict(value)
        elif key in ("address", "strengths", "signature"):
            if isinstance(value, str):
                value = value.splitlines() if key != "strengths" else [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"profile.{key}: expected a list of strings", config.path,
                                  line_of(key))
            data[key] = value
        else:
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise ConfigError(f"profile.{key}: expected a string", config.path,
                                  line_of(key))
            data[key] = str(value)

    def prefixed(key: str) -> int | None:
        return line_of(key)

    class _ProfileConfigError(ConfigError):
        def __init__(self, message: str, path: Any = None, line: int | None = None,
                     column: int | None = None) -> None:
            super().__init__(f"profile.{message}", path, line, column)

    return _build(data, config.path, prefixed, _ProfileConfigError)


def _hint(key: str) -> str:
    close = difflib.get_close_matches(key, sorted(_FIELDS), n=1)
    return f"; did you mean '{close[0]}'?" if close else "; put your own fields under 'extra:'"


def _build(data: dict[str, Any], path: Path | None, line_of: Any, error: type[UserError]
           ) -> Profile:
    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        value = " ".join(str(value).split())
        if not value:
            raise error(f"{key}: must not be empty", path, line_of(key))
        return value

    def texts(key: str) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(data.get(key) or ()):
            item = " ".join(str(item).split())
            if not item:
                if key in ("address", "signature"):
                    continue
                raise error(f"{key}[{i}]: must not be empty", path, line_of(key))
            out.append(item)
        return tuple(out)

    name = text("name")
    if not name:
        raise error("name: must not be empty", path, line_of("name"))
    email = text("email")
    if email is not None and ("@" not in email or " " in email):
        raise error(f"email: '{email}' is not an email address", path, line_of("email"))
    strengths = texts("strengths")
    for i, strength in enumerate(strengths):
        if strength.endswith("."):
            raise error(f"strengths[{i}]: write a phrase that completes \"I would bring ...\" "
                        "without a final full stop", path, line_of("strengths"))
    return Profile(
        name=name,
        email=email,
        phone=text("phone"),
        address=texts("address"),
        linkedin=text("linkedin"),
        website=text("website"),
        title=text("title"),
        strengths=strengths,
        sign_off=text("sign_off"),
        signature=texts("signature") if "signature" in data else None,
        extra=dict(data.get("extra") or {}),
        path=path,
    )
