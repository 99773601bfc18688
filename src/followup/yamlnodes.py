"""Turning a PyYAML node back into Python values without losing where a bad value is.

Records, profiles and front matter keep PyYAML's node tree for its positions; this builds
values from a node once, and reports an impossible value (`2026-02-30`) at its line instead
of letting PyYAML's ValueError escape as a traceback.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .errors import UserError


def read_text(path: str | Path, what: str, error: type[UserError]) -> str:
    """A UTF-8 YAML file's text, or `error` naming the file (and line) and what went wrong;
    `what` is "record" or "profile"."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise error(f"{what} file not found", path) from None
    except IsADirectoryError:
        raise error(f"is a folder, not a {what} file", path) from None
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror}", path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{what} is not UTF-8 text", path,
                    raw[: exc.start].count(b"\n") + 1) from None


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, by libyaml when it is there (the same nodes and marks, many
    times faster: a plan of 200 applications spent most of its time here); a mistake is
    read again by PyYAML, so every message stays PyYAML's.

    Where libyaml's marks are known to differ from PyYAML's, PyYAML reads the text: a
    byte-order mark (U+FEFF) anywhere (PyYAML counts it in the index and libyaml does not,
    or the other way round for its column), and an empty plain value (`name:` with nothing
    after it; inside `[...]` or `{...}` libyaml marks it one character later). So every
    finding and error points at the same line and column with or without libyaml."""
    if _FAST_LOADER is not None and "\ufeff" not in text:
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            node = None
        else:
            if node is None or not _has_empty_plain_scalar(node):
                return node  # type: ignore[no-any-return]
    return yaml.compose(text, Loader=yaml.SafeLoader)  # type: ignore[no-any-return]


def walk(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node under `root`, breadth first (keys before their values)."""
    queue = deque([root])
    while queue:
        node = queue.popleft()
        yield node
        if isinstance(node, yaml.SequenceNode):
            queue.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                queue.extend((key, value))


def _has_empty_plain_scalar(root: yaml.Node) -> bool:
    return any(isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style
               for node in walk(root))


class BadValue(ValueError):
    """A scalar PyYAML cannot construct; `node` says where it is."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.node = node


def construct(node: yaml.Node) -> Any:
    """Python values of `node` (as `yaml.safe_load` would give)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except ValueError as exc:
        culprit = _culprit(node)
        raise BadValue(f"'{culprit.value}' is not a valid value ({exc})", culprit) from None
    finally:
        loader.dispose()


def _culprit(node: yaml.Node) -> yaml.Node:
    """The first scalar below `node` that cannot be constructed on its own."""
    for current in walk(node):
        if isinstance(current, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_document(current)
            except ValueError:
                return current
    return node
