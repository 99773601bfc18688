"""Where the bundled `templates/` and `models/` folders are, installed or in a checkout.

The wheel carries them inside the package (`followup/templates`, `followup/models`);
an editable install or a bare checkout finds them at the repository's top level.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder `name` ("templates" or "models") that ships with followup."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"followup's bundled '{name}' folder is missing from the installation")


def models_dir() -> Path:
    return data_dir("models")


def templates_dir() -> Path:
    return data_dir("templates")
