"""LanguageTool results cached by sha256 of (text, LanguageTool version, language, settings).

One small JSON file per text under the platformdirs user cache folder
(`followup/grammar/<2 hex>/<64 hex>.json`, or `$FOLLOWUP_GRAMMAR_CACHE`). Writes go to a
temporary file in the same folder and are renamed into place (`os.replace`), so readers
never see half a file and concurrent runs are safe; an entry that cannot be read or does
not have the expected shape is ignored (and checked again).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import platformdirs

from ..atomic import write_text_atomic

CACHE_ENV = "FOLLOWUP_GRAMMAR_CACHE"
FORMAT = 1


def default_cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("followup")) / "grammar"


def cache_key(text: str, version: str, language: str, settings: Mapping[str, Any]) -> str:
    payload = json.dumps({"format": FORMAT, "text": text, "version": version,
                          "language": language, "settings": settings},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ResultCache:
    """`get(key)` -> list of match dicts or None; `put(key, matches)`."""

    def __init__(self, folder: Path | None = None, enabled: bool = True) -> None:
        self.folder = folder if folder is not None else default_cache_dir()
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    def path_for(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict[str, Any]] | None:
        if not self.enabled:
            return None
        try:
            data = json.loads(self.path_for(key).read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            self.misses += 1
            return None
        matches = data.get("matches") if isinstance(data, dict) else None
        if (not isinstance(data, dict) or data.get("key") != key
                or not isinstance(matches, list)
                or not all(isinstance(m, dict) for m in matches)):
            self.misses += 1
            return None
        self.hits += 1
        return matches

    def put(self, key: str, matches: Sequence[Mapping[str, Any]]) -> None:
        if not self.enabled:
            return
        path = self.path_for(key)
        payload = json.dumps({"key": key, "matches": list(matches)}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache not written only costs time
            write_text_atomic(path, payload, overwrite=True, durable=False)
