"""followup: draft and lint job-interview thank-you and follow-up letters."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """`__version__`, looked up when first asked for: importlib.metadata costs a command
    that never shows the version (most of them) a twentieth of a second."""
    if name != "__version__":
        raise AttributeError(f"module 'followup' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("followup")
    except PackageNotFoundError:  # running from a checkout without an install
        found = "0.0.0+checkout"
    globals()["__version__"] = found
    return found
