"""Reviewed data files under `models/` (word lists, phrases, suggestions), loaded once per run.

A contributor changes what a rule knows by editing these files, not Python.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import UserError
from .resources import models_dir


def model_path(name: str) -> Path:
    return models_dir() / name


@cache
def load(name: str) -> Any:
    """Load `models/<name>`: YAML (`.yaml`), JSON Lines (`.jsonl`) or a word list (`.txt`)."""
    path = model_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"bundled data file is missing or unreadable: {exc.strerror}", path) \
            from None
    if name.endswith(".jsonl"):
        entries = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    entries.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise UserError(f"invalid JSON: {exc.msg}", path, number) from None
        return entries
    if name.endswith((".yaml", ".yml")):
        return yaml.safe_load(text)
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
