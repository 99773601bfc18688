"""The explicit list of rule modules, and selection by code, prefix or name."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

from ..errors import ConfigError
from .base import Rule

# One module per rule or small family; no magic discovery.
MODULES = (
    "layout",  # L001-L003 length and shape
    "emoticons",  # T002
    "placeholders",  # C004
    "tone",  # T001, T003-T006 register and tone (spaCy + lexicons)
    "spelling",  # S001 offline spelling
    "content",  # C001-C003 what a thank-you note must say
    "names",  # N001-N007 people and companies against the record
    "dates",  # D001-D003 timing and dates
    "folder",  # C005-C006 checks across an application tree
    "grammar",  # G001 (+ S001) LanguageTool
)


@cache
def all_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for module in MODULES:
        rules.extend(importlib.import_module(f"{__package__}.{module}").RULES)
    return tuple(sorted(rules, key=lambda r: r.code))


def by_key() -> dict[str, Rule]:
    """Rules by code (upper case) and by name (lower case)."""
    table: dict[str, Rule] = {}
    for rule in all_rules():
        table[rule.code.upper()] = rule
        table[rule.name.lower()] = rule
    return table


def find_rule(key: str) -> Rule | None:
    return by_key().get(key.upper()) or by_key().get(key.lower())


def describe(rule: Rule) -> str:
    """What `followup rules CODE` prints (and the editor's hover shows)."""
    applies = ", ".join(sorted(rule.kinds)) if rule.kinds else "every letter"
    lines = [
        f"{rule.code} {rule.name} ({rule.severity.value})",
        "",
        rule.summary,
        "",
        rule.explanation,
        "",
        f"Applies to: {applies}",
    ]
    if rule.options:
        lines += ["Options:"] + [f"  {k} = {v!r}" for k, v in rule.options.items()]
    lines += ["", "Bad:", *("    " + ln for ln in rule.bad.splitlines()), "",
              "Good:", *("    " + ln for ln in rule.good.splitlines())]
    return "\n".join(lines)


def _matches(rule: Rule, key: str) -> bool:
    key = key.strip()
    if key.upper() == "ALL":
        return True
    if key.lower() == rule.name:
        return True
    return rule.code.upper().startswith(key.upper()) and key[:1].isalpha() and \
        not any(c.islower() for c in key[1:] if c.isalpha())


def check_keys(keys: Iterable[str], where: str) -> None:
    """Unknown codes or names are a usage error, like ruff's."""
    for key in keys:
        if not any(_matches(rule, key) for rule in all_rules()):
            raise ConfigError(f"{where}: unknown rule '{key}' (see `followup rules`)")


def select_rules(select: Iterable[str] | None, ignore: Iterable[str]) -> tuple[Rule, ...]:
    select = list(select) if select is not None else None
    ignore = list(ignore)
    chosen = []
    for rule in all_rules():
        if select is not None and not any(_matches(rule, key) for key in select):
            continue
        if any(_matches(rule, key) for key in ignore):
            continue
        chosen.append(rule)
    return tuple(chosen)
